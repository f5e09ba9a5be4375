/**
 * The vocabulary of CSV import and export, shared by the contract, the main process and the
 * renderer: which client fields a column can fill, the export presets and columns.
 */
import type { FieldGroup } from './policy';

export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'phoneAlt',
  'birthday',
  'anniversary',
  'address1',
  'address2',
  'city',
  'region',
  'postalCode',
  'country',
  'notes',
  'tags',
  'consentEmail',
  'consentEmailAt',
  'consentEmailSource',
  'consentSms',
  'consentSmsAt',
  'consentSmsSource',
  'assignedTo',
  'location',
  'customerId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  phoneAlt: 'Other phone',
  birthday: 'Birthday',
  anniversary: 'Anniversary',
  address1: 'Address line 1',
  address2: 'Address line 2',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  notes: 'Notes',
  tags: 'Tags',
  consentEmail: 'Email consent',
  consentEmailAt: 'Email consent at',
  consentEmailSource: 'Email consent source',
  consentSms: 'SMS consent',
  consentSmsAt: 'SMS consent at',
  consentSmsSource: 'SMS consent source',
  assignedTo: 'Assigned to',
  location: 'Location',
  customerId: 'Customer id',
};

/**
 * The field group each import field belongs to, for screens that leave out what a role
 * hides. The main process reads the groups from its client-field catalogue and a test holds
 * this copy to it; the main process decides.
 */
export const IMPORT_FIELD_GROUPS: Record<ImportField, FieldGroup | null> = {
  firstName: null,
  lastName: null,
  email: 'contact',
  phone: 'contact',
  phoneAlt: 'contact',
  birthday: 'dates',
  anniversary: 'dates',
  address1: 'address',
  address2: 'address',
  city: 'address',
  region: 'address',
  postalCode: 'address',
  country: 'address',
  notes: 'notes',
  tags: 'tags',
  consentEmail: null,
  consentEmailAt: null,
  consentEmailSource: null,
  consentSms: null,
  consentSmsAt: null,
  consentSmsSource: null,
  assignedTo: null,
  location: null,
  customerId: null,
};

export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
export const DUPLICATE_POLICIES = ['skip', 'fill', 'overwrite'] as const;
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

export const EXPORT_PRESETS = ['clientele', 'shopify', 'hubspot', 'campaign-email', 'campaign-sms'] as const;
export type ExportPreset = (typeof EXPORT_PRESETS)[number];
export const PRESET_LABELS: Record<ExportPreset, string> = {
  clientele: 'Clientele (re-imports losslessly)',
  shopify: 'Shopify customers',
  hubspot: 'HubSpot contacts',
  'campaign-email': 'Campaign list: email (consented only)',
  'campaign-sms': 'Campaign list: SMS (consented only)',
};

export const EXPORT_COLUMN_IDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'phoneE164',
  'birthday',
  'anniversary',
  'address1',
  'address2',
  'city',
  'region',
  'postalCode',
  'country',
  'notes',
  'tags',
  'consentEmail',
  'consentEmailAt',
  'consentEmailSource',
  'consentSms',
  'consentSmsAt',
  'consentSmsSource',
  'assignedTo',
  'assignedName',
  'createdAt',
] as const;
export type ExportColumnId = (typeof EXPORT_COLUMN_IDS)[number];

/** Upload and download chunks stay well under the browser host's 4 MB message cap once base64-encoded. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/** Columns an import file may have: a clients file has a few dozen; thousands mean a wrong delimiter or not a clients file. */
export const MAX_IMPORT_COLUMNS = 1000;
