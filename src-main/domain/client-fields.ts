/**
 * The client-field catalogue: every column of `clients`, declared once, with the permission
 * group a role can be kept from, its label, its name in the contract, and whether erasure
 * empties it. The type makes the record exhaustive over the schema's columns, and a test
 * checks it against the real table, so a new column cannot arrive undeclared.
 *
 * Derived from it: what an import may write and match on (importFieldGroup), merge's
 * copyable fields, audit redaction (redactClientValues), erasure's list (ERASED_COLUMNS)
 * and the export columns' groups.
 */
import type { ImportField } from '../../src-preload/csv';
import type { FieldGroup } from '../../src-preload/policy';
import type { ClientsTable } from '../db/schema';

export type ClientColumn = keyof ClientsTable;

export interface ClientField {
  /** The field group a role can be hidden from; null: seen by anyone who sees the client. */
  group: FieldGroup | null;
  /** The person's data, as opposed to the book's bookkeeping (ids, versions, derived keys). */
  personal: boolean;
  label: string;
  /** The contract's (camelCase) name for it, where a payload or audit row uses one. */
  key: string | null;
  /** What erasure leaves in it; undefined: erasure leaves it alone. */
  erased?: string | number | null;
  /** Whether a merge may copy it from the merged record into the survivor. */
  mergeable: boolean;
}

const person = (group: FieldGroup | null, label: string, key: string, erased: string | number | null = null): ClientField => ({
  group,
  personal: true,
  label,
  key,
  erased,
  mergeable: true,
});
const derived = (group: FieldGroup | null, label: string, key: string | null = null): ClientField => ({
  group,
  personal: false,
  label,
  key,
  mergeable: false,
});

export const CLIENT_FIELDS = {
  id: derived(null, 'Client id', 'id'),
  first_name: person(null, 'First name', 'firstName', 'Erased'),
  last_name: person(null, 'Last name', 'lastName', 'client'),
  email: person('contact', 'Email', 'email'),
  email_key: derived('contact', 'Email (folded)'),
  phone: person('contact', 'Phone', 'phone'),
  phone_e164: person('contact', 'Phone (E.164)', 'phoneE164'),
  phone_rev: derived('contact', 'Phone (reversed digits)'),
  birthday: person('dates', 'Birthday', 'birthday'),
  anniversary: person('dates', 'Anniversary', 'anniversary'),
  address_line1: person('address', 'Address line 1', 'line1'),
  address_line2: person('address', 'Address line 2', 'line2'),
  city: person('address', 'City', 'city'),
  region: person('address', 'Region', 'region'),
  postal_code: person('address', 'Postal code', 'postalCode'),
  country: person('address', 'Country', 'country'),
  notes: person('notes', 'Notes', 'notes'),
  consent_email: person(null, 'Email consent', 'consentEmail', 0),
  consent_email_at: person(null, 'Email consent at', 'consentEmailAt'),
  consent_email_source: person(null, 'Email consent source', 'consentEmailSource'),
  consent_sms: person(null, 'SMS consent', 'consentSms', 0),
  consent_sms_at: person(null, 'SMS consent at', 'consentSmsAt'),
  consent_sms_source: person(null, 'SMS consent source', 'consentSmsSource'),
  external_id: { ...person(null, 'Customer id', 'externalId'), mergeable: false },
  created_by: derived(null, 'Added by', 'createdBy'),
  assigned_staff_id: derived(null, 'Assigned associate', 'assignedStaffId'),
  home_location_id: derived(null, 'Home location', 'homeLocationId'),
  created_at: derived(null, 'Created at', 'createdAt'),
  updated_at: derived(null, 'Updated at', 'updatedAt'),
  deleted_at: derived(null, 'Deleted at', 'deletedAt'),
  version: derived(null, 'Version', 'version'),
  first_visit_at: derived(null, 'First visit', 'firstVisitAt'),
  last_visit_at: derived('purchases', 'Last visit', 'lastVisitAt'),
  last_purchase_at: derived('purchases', 'Last purchase', 'lastPurchaseAt'),
  total_spend_cents: derived('purchases', 'Total spend', 'totalSpendCents'),
  has_interactions: derived(null, 'Has interactions'),
  location_mask: derived(null, 'Locations seen at'),
  merged_into_id: derived(null, 'Merged into', 'mergedIntoId'),
  purged_at: derived(null, 'Erased at', 'purgedAt'),
} as const satisfies Record<ClientColumn, ClientField>;

/** The columns erasure empties, with what it leaves in each. */
export const ERASED_COLUMNS: Readonly<Partial<Record<ClientColumn, string | number | null>>> = Object.fromEntries(
  Object.entries(CLIENT_FIELDS as Record<string, ClientField>)
    .filter(([, f]) => f.erased !== undefined)
    .map(([c, f]) => [c, f.erased]),
);

/** The columns a merge may copy into the survivor for someone who hides `hidden`. */
export function mergeableColumns(hidden: ReadonlySet<FieldGroup>): ClientColumn[] {
  return (Object.entries(CLIENT_FIELDS) as [ClientColumn, ClientField][])
    .filter(([, f]) => f.mergeable && (f.group === null || !hidden.has(f.group)))
    .map(([c]) => c);
}

/** The column each import field fills; tags and the assignee are not client columns. */
const IMPORT_FIELD_COLUMN: Record<ImportField, ClientColumn | null> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  phoneAlt: 'phone',
  birthday: 'birthday',
  anniversary: 'anniversary',
  address1: 'address_line1',
  address2: 'address_line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  notes: 'notes',
  tags: null,
  consentEmail: 'consent_email',
  consentEmailAt: 'consent_email_at',
  consentEmailSource: 'consent_email_source',
  consentSms: 'consent_sms',
  consentSmsAt: 'consent_sms_at',
  consentSmsSource: 'consent_sms_source',
  assignedTo: 'assigned_staff_id',
  location: 'home_location_id',
  customerId: 'external_id',
};

/** The group an import field belongs to (tags are their own group). */
export function importFieldGroup(field: ImportField): FieldGroup | null {
  if (field === 'tags') return 'tags';
  const column = IMPORT_FIELD_COLUMN[field];
  return column ? CLIENT_FIELDS[column].group : null;
}

/** The group of a client value by its column or contract name, as audit rows and payloads name them. */
const GROUP_BY_NAME = new Map<string, FieldGroup>();
for (const [column, f] of Object.entries(CLIENT_FIELDS) as [string, ClientField][]) {
  if (!f.group) continue;
  GROUP_BY_NAME.set(column, f.group);
  if (f.key) GROUP_BY_NAME.set(f.key, f.group);
}
GROUP_BY_NAME.set('tags', 'tags');
GROUP_BY_NAME.set('tag', 'tags');
GROUP_BY_NAME.set('tagsAdded', 'tags');
// Interactions' amounts, as sale rows and their audit payloads name them.
GROUP_BY_NAME.set('amountCents', 'purchases');
GROUP_BY_NAME.set('amount_cents', 'purchases');
GROUP_BY_NAME.set('totalCents', 'purchases');
GROUP_BY_NAME.set('address', 'address');
GROUP_BY_NAME.set('phoneCountry', 'contact');

export function groupOfName(name: string): FieldGroup | null {
  return GROUP_BY_NAME.get(name) ?? null;
}

/** Marks what redaction leaves in place of a hidden value. */
export const REDACTED = '(hidden)';

/**
 * A client's values (an audit row's before or after, a payload copy) with every value of a
 * group hidden from the reader replaced by REDACTED, recursively through nested objects.
 */
export function redactClientValues(value: unknown, hidden: ReadonlySet<FieldGroup>): unknown {
  if (hidden.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactClientValues(v, hidden));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const group = groupOfName(k);
    out[k] = group && hidden.has(group) ? REDACTED : redactClientValues(v, hidden);
  }
  return out;
}
