/**
 * The client fields a CSV column can fill, and the headers we recognise for each: our own
 * export's, Shopify's customer export, HubSpot's contacts export, and common synonyms.
 * Anything not recognised is left unmapped for the person to fix by hand.
 */
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../src-preload/csv';

export { FIELD_LABELS, IMPORT_FIELDS, type ImportField };

/** Synonyms beyond each field's own label (which our export writes as its header). */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ['first_name', 'firstname', 'given name', 'forename'],
  lastName: ['last_name', 'lastname', 'surname', 'family name'],
  email: ['e-mail', 'email address', 'e-mail address', 'mail'],
  phone: ['phone number', 'telephone', 'tel', 'mobile', 'cell'],
  phoneAlt: ['default address phone', 'mobile phone number', 'mobile phone', 'other phone'],
  birthday: ['birth date', 'birthdate', 'date of birth', 'dob'],
  anniversary: ['anniversary date'],
  address1: ['default address address1', 'address', 'street address', 'address 1', 'address1'],
  address2: ['default address address2', 'address 2', 'address2'],
  city: ['default address city', 'town'],
  region: ['default address province code', 'state', 'state/region', 'province', 'county'],
  postalCode: ['postal_code', 'default address zip', 'zip', 'zip code', 'postcode', 'post code'],
  // HubSpot's contacts export writes the name under Country/Region; Shopify's the code.
  country: ['default address country code', 'country code', 'country/region', 'country region', 'default address country', 'nation'],
  notes: ['note', 'comments', 'comment'],
  tags: ['tag', 'labels'],
  consentEmail: ['accepts email marketing', 'email opt in', 'email marketing', 'marketing emails opt in'],
  consentEmailAt: [],
  consentEmailSource: [],
  consentSms: ['accepts sms marketing', 'sms opt in', 'sms marketing'],
  consentSmsAt: [],
  consentSmsSource: [],
  assignedTo: ['contact owner', 'associate', 'staff', 'owner', 'assigned associate'],
  customerId: ['customer_id', 'customerid', 'external id', 'pos customer id', 'customer number', 'customer no'],
  location: ['store', 'home location', 'home store', 'shop', 'branch', 'store name', 'location name'],
};

/** Lower case, no BOM, separators as single spaces: "Default_Address-Zip " -> "default address zip". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[_.]+/g, ' ')
    .replace(/\s+/g, ' ');
}

const RECOGNISED = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const name of [FIELD_LABELS[field], ...SYNONYMS[field]]) RECOGNISED.set(headerKey(name), field);
}

/** One field per column at most: a later column naming a field already taken stays unmapped. */
export function recogniseHeaders(headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const field = RECOGNISED.get(headerKey(h)) ?? RECOGNISED.get(headerKey(h).replace(/ /g, '_'));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** The key a saved mapping is stored under: the set of headers, order and case ignored. */
export function headerSetKey(headers: readonly string[]): string {
  return [...headers].map(headerKey).sort().join('\u0001');
}
