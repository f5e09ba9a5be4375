/**
 * Every column an export can write, and the presets. Every exported value goes through
 * `exportableColumns(actor)`: when per-role hidden fields arrive, they are removed here,
 * in one place, and no export path can write them.
 */
import type { ExportRow } from '../db/queries/export.queries';
import type { Actor } from '../domain/permissions';
import { FIELD_LABELS, type ExportColumnId, type ExportPreset } from '../../src-preload/csv';

export interface ExportColumn {
  id: ExportColumnId;
  label: string;
  value(row: ExportRow): string;
}

const s = (v: string | null) => v ?? '';
const yesNo = (v: number) => (v === 1 ? 'yes' : 'no');

const ALL_COLUMNS: readonly ExportColumn[] = [
  { id: 'firstName', label: FIELD_LABELS.firstName, value: (r) => r.first_name },
  { id: 'lastName', label: FIELD_LABELS.lastName, value: (r) => r.last_name },
  { id: 'email', label: FIELD_LABELS.email, value: (r) => s(r.email) },
  { id: 'phone', label: FIELD_LABELS.phone, value: (r) => s(r.phone) },
  { id: 'phoneE164', label: 'Phone (E.164)', value: (r) => s(r.phone_e164) },
  { id: 'birthday', label: FIELD_LABELS.birthday, value: (r) => s(r.birthday) },
  { id: 'anniversary', label: FIELD_LABELS.anniversary, value: (r) => s(r.anniversary) },
  { id: 'address1', label: FIELD_LABELS.address1, value: (r) => s(r.address_line1) },
  { id: 'address2', label: FIELD_LABELS.address2, value: (r) => s(r.address_line2) },
  { id: 'city', label: FIELD_LABELS.city, value: (r) => s(r.city) },
  { id: 'region', label: FIELD_LABELS.region, value: (r) => s(r.region) },
  { id: 'postalCode', label: FIELD_LABELS.postalCode, value: (r) => s(r.postal_code) },
  { id: 'country', label: FIELD_LABELS.country, value: (r) => s(r.country) },
  { id: 'notes', label: FIELD_LABELS.notes, value: (r) => s(r.notes) },
  { id: 'tags', label: FIELD_LABELS.tags, value: (r) => s(r.tag_names) },
  { id: 'consentEmail', label: FIELD_LABELS.consentEmail, value: (r) => yesNo(r.consent_email) },
  { id: 'consentEmailAt', label: FIELD_LABELS.consentEmailAt, value: (r) => s(r.consent_email_at) },
  { id: 'consentEmailSource', label: FIELD_LABELS.consentEmailSource, value: (r) => s(r.consent_email_source) },
  { id: 'consentSms', label: FIELD_LABELS.consentSms, value: (r) => yesNo(r.consent_sms) },
  { id: 'consentSmsAt', label: FIELD_LABELS.consentSmsAt, value: (r) => s(r.consent_sms_at) },
  { id: 'consentSmsSource', label: FIELD_LABELS.consentSmsSource, value: (r) => s(r.consent_sms_source) },
  { id: 'assignedTo', label: FIELD_LABELS.assignedTo, value: (r) => s(r.assigned_username) },
  { id: 'assignedName', label: 'Assigned associate name', value: (r) => s(r.assigned_name) },
  { id: 'createdAt', label: 'Created at', value: (r) => r.created_at },
];

/** The one gate: the columns this person may export. */
export function exportableColumns(_actor: Pick<Actor, 'role'>): readonly ExportColumn[] {
  return ALL_COLUMNS;
}

/** Resolves column ids through the same gate, for the export job. */
export function exportableColumnsById(actor: Pick<Actor, 'role'>, ids: readonly string[]): ExportColumn[] {
  const allowed = new Map(exportableColumns(actor).map((c) => [c.id as string, c]));
  return ids.map((id) => {
    const column = allowed.get(id);
    if (!column) throw new Error(`Column "${id}" cannot be exported.`);
    return column;
  });
}

/** A preset: which columns, under which headers (the target system's own), and which clients. */
const PRESETS: Record<ExportPreset, { columns: [ExportColumnId, string?][]; consentedTo?: 'email' | 'sms' }> = {
  // Round-trips through our import losslessly: every stored field, under our own headers.
  clientele: {
    columns: [
      ['firstName'], ['lastName'], ['email'], ['phone'], ['birthday'], ['anniversary'], ['address1'], ['address2'],
      ['city'], ['region'], ['postalCode'], ['country'], ['notes'], ['tags'], ['consentEmail'], ['consentEmailAt'],
      ['consentEmailSource'], ['consentSms'], ['consentSmsAt'], ['consentSmsSource'], ['assignedTo'],
    ],
  },
  // Shopify's customer import template headers.
  shopify: {
    columns: [
      ['firstName', 'First Name'], ['lastName', 'Last Name'], ['email', 'Email'], ['consentEmail', 'Accepts Email Marketing'],
      ['address1', 'Default Address Address1'], ['address2', 'Default Address Address2'], ['city', 'Default Address City'],
      ['region', 'Default Address Province Code'], ['country', 'Default Address Country Code'], ['postalCode', 'Default Address Zip'],
      ['phoneE164', 'Phone'], ['consentSms', 'Accepts SMS Marketing'], ['tags', 'Tags'], ['notes', 'Note'],
    ],
  },
  // HubSpot's contact import properties.
  hubspot: {
    columns: [
      ['firstName', 'First Name'], ['lastName', 'Last Name'], ['email', 'Email'], ['phoneE164', 'Phone Number'],
      ['address1', 'Street Address'], ['city', 'City'], ['region', 'State/Region'], ['postalCode', 'Postal Code'],
      ['country', 'Country/Region'], ['assignedName', 'Contact owner'],
    ],
  },
  'campaign-email': {
    columns: [['firstName'], ['lastName'], ['email'], ['consentEmailAt', 'Consent date'], ['consentEmailSource', 'Consent source']],
    consentedTo: 'email',
  },
  'campaign-sms': {
    columns: [['firstName'], ['lastName'], ['phoneE164', 'Phone'], ['consentSmsAt', 'Consent date'], ['consentSmsSource', 'Consent source']],
    consentedTo: 'sms',
  },
};

export interface ExportPlan {
  header: string[];
  columns: ExportColumn[];
  consentedTo?: 'email' | 'sms';
}

/** The columns to write: a preset's, or the person's own choice in their order; never a column they may not export. */
export function planExport(actor: Pick<Actor, 'role'>, preset: ExportPreset, chosen?: readonly string[]): ExportPlan {
  const allowed = new Map(exportableColumns(actor).map((c) => [c.id as string, c]));
  const p = PRESETS[preset];
  if (chosen && chosen.length) {
    const columns = exportableColumnsById(actor, chosen);
    return { header: columns.map((c) => c.label), columns, consentedTo: p.consentedTo };
  }
  const pairs = p.columns.filter(([id]) => allowed.has(id));
  return {
    header: pairs.map(([id, label]) => label ?? allowed.get(id)!.label),
    columns: pairs.map(([id]) => allowed.get(id)!),
    consentedTo: p.consentedTo,
  };
}
