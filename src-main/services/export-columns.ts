/**
 * Every column an export can write, and the presets. Every exported value goes through
 * `exportableColumns(actor)`: a column of a group the role hides is removed here, in one
 * place, and no export path can write it. Each column's group is the client-field
 * catalogue's (domain/client-fields.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { ExportRow } from '../db/queries/export.queries';
import type { FieldGroup } from '../../src-preload/policy';
import { FIELD_LABELS, type ExportColumnId, type ExportPreset } from '../../src-preload/csv';
import { CLIENT_FIELDS } from '../domain/client-fields';

export interface ExportColumn {
  id: ExportColumnId;
  label: string;
  /** The field group a role can be kept from (per-role hidden fields); null: always exportable. */
  group: FieldGroup | null;
  /** The export query's column this one reads (rows stream as arrays, not objects). */
  field: keyof ExportRow;
  format: CellFormat;
}

/**
 * How a value becomes a cell's text, written twice side by side: in JavaScript for rows read
 * as values, and in SQL for rows SQLite packs into one blob (csv/packed.ts). The export
 * test holds the two to the same output.
 */
/** A value as better-sqlite3 reads it. */
export type SqlValue = string | number | bigint | Buffer | null;

export interface CellFormat {
  js(this: void, value: SqlValue | undefined): string;
  /** Never NULL-sensitive beyond what concat() does: NULL reads as ''. */
  sql(this: void, value: RawBuilder<unknown>): RawBuilder<unknown>;
}

// Every column read as text is TEXT in the schema, so SQLite and String() see the same text.
const text: CellFormat = {
  js: (v) => (v === null || v === undefined ? '' : String(v)),
  sql: (v) => v,
};
const yesNo: CellFormat = {
  js: (v) => (v === 1 ? 'yes' : 'no'),
  sql: (v) => sql`CASE WHEN ${v} = 1 THEN 'yes' ELSE 'no' END`,
};

const ALL_COLUMNS: readonly ExportColumn[] = [
  { id: 'firstName', group: CLIENT_FIELDS.first_name.group, label: FIELD_LABELS.firstName, field: 'first_name', format: text },
  { id: 'lastName', group: CLIENT_FIELDS.last_name.group, label: FIELD_LABELS.lastName, field: 'last_name', format: text },
  { id: 'email', group: CLIENT_FIELDS.email.group, label: FIELD_LABELS.email, field: 'email', format: text },
  { id: 'phone', group: CLIENT_FIELDS.phone.group, label: FIELD_LABELS.phone, field: 'phone', format: text },
  { id: 'phoneE164', group: CLIENT_FIELDS.phone_e164.group, label: 'Phone (E.164)', field: 'phone_e164', format: text },
  { id: 'birthday', group: CLIENT_FIELDS.birthday.group, label: FIELD_LABELS.birthday, field: 'birthday', format: text },
  { id: 'anniversary', group: CLIENT_FIELDS.anniversary.group, label: FIELD_LABELS.anniversary, field: 'anniversary', format: text },
  { id: 'address1', group: CLIENT_FIELDS.address_line1.group, label: FIELD_LABELS.address1, field: 'address_line1', format: text },
  { id: 'address2', group: CLIENT_FIELDS.address_line2.group, label: FIELD_LABELS.address2, field: 'address_line2', format: text },
  { id: 'city', group: CLIENT_FIELDS.city.group, label: FIELD_LABELS.city, field: 'city', format: text },
  { id: 'region', group: CLIENT_FIELDS.region.group, label: FIELD_LABELS.region, field: 'region', format: text },
  { id: 'postalCode', group: CLIENT_FIELDS.postal_code.group, label: FIELD_LABELS.postalCode, field: 'postal_code', format: text },
  { id: 'country', group: CLIENT_FIELDS.country.group, label: FIELD_LABELS.country, field: 'country', format: text },
  { id: 'notes', group: CLIENT_FIELDS.notes.group, label: FIELD_LABELS.notes, field: 'notes', format: text },
  { id: 'tags', group: 'tags', label: FIELD_LABELS.tags, field: 'tag_names', format: text },
  { id: 'consentEmail', group: CLIENT_FIELDS.consent_email.group, label: FIELD_LABELS.consentEmail, field: 'consent_email', format: yesNo },
  { id: 'consentEmailAt', group: CLIENT_FIELDS.consent_email_at.group, label: FIELD_LABELS.consentEmailAt, field: 'consent_email_at', format: text },
  { id: 'consentEmailSource', group: CLIENT_FIELDS.consent_email_source.group, label: FIELD_LABELS.consentEmailSource, field: 'consent_email_source', format: text },
  { id: 'consentSms', group: CLIENT_FIELDS.consent_sms.group, label: FIELD_LABELS.consentSms, field: 'consent_sms', format: yesNo },
  { id: 'consentSmsAt', group: CLIENT_FIELDS.consent_sms_at.group, label: FIELD_LABELS.consentSmsAt, field: 'consent_sms_at', format: text },
  { id: 'consentSmsSource', group: CLIENT_FIELDS.consent_sms_source.group, label: FIELD_LABELS.consentSmsSource, field: 'consent_sms_source', format: text },
  { id: 'assignedTo', group: null, label: FIELD_LABELS.assignedTo, field: 'assigned_username', format: text },
  { id: 'assignedName', group: null, label: 'Assigned associate name', field: 'assigned_name', format: text },
  { id: 'createdAt', group: CLIENT_FIELDS.created_at.group, label: 'Created at', field: 'created_at', format: text },
];

/** Who is exporting, as far as columns go: the field groups their role hides. */
export interface ColumnGate {
  hiddenFields: Iterable<FieldGroup>;
}

/** The one gate: the columns this person may export (their role's hidden fields removed). */
export function exportableColumns(actor: ColumnGate): readonly ExportColumn[] {
  const hidden = new Set(actor.hiddenFields);
  return ALL_COLUMNS.filter((c) => c.group === null || !hidden.has(c.group));
}

/** Resolves column ids through the same gate, for the export job. */
export function exportableColumnsById(actor: ColumnGate, ids: readonly string[]): ExportColumn[] {
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
  // Shopify's customer import template headers (Phone in E.164, as Shopify requires a country code;
  // consent as yes/no).
  shopify: {
    columns: [
      ['firstName', 'First Name'], ['lastName', 'Last Name'], ['email', 'Email'], ['consentEmail', 'Accepts Email Marketing'],
      ['address1', 'Default Address Address1'], ['address2', 'Default Address Address2'], ['city', 'Default Address City'],
      ['region', 'Default Address Province Code'], ['country', 'Default Address Country Code'], ['postalCode', 'Default Address Zip'],
      ['phoneE164', 'Phone'], ['consentSms', 'Accepts SMS Marketing'], ['tags', 'Tags'], ['notes', 'Note'],
    ],
  },
  // HubSpot's contact import properties, by their labels. No Contact owner: HubSpot reads it as
  // the email address of one of its own users, which a staff member here is not.
  hubspot: {
    columns: [
      ['firstName', 'First Name'], ['lastName', 'Last Name'], ['email', 'Email'], ['phoneE164', 'Phone Number'],
      ['address1', 'Street Address'], ['city', 'City'], ['region', 'State/Region'], ['postalCode', 'Postal Code'],
      ['country', 'Country/Region'],
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
export function planExport(actor: ColumnGate, preset: ExportPreset, chosen?: readonly string[]): ExportPlan {
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
