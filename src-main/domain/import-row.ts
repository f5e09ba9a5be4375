/**
 * One CSV record -> the client values it stands for, or the reason it is rejected (naming
 * the column). Pure: phones are normalised elsewhere (in parallel with the writer), and
 * matching against the book happens in the import job.
 */
import { EMAIL_PATTERN } from '../../src-preload/email';
import { LIMITS } from '../../src-preload/limits';
import { isLeapYear } from './calendar';
import { sqliteLower } from './fold';
import { readCountry } from './country';
import { ORDER_EXAMPLE, ORDER_WORDS } from './date-order';
import type { ImportField } from './import-fields';

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export interface ImportedRow {
  first_name: string;
  last_name: string;
  email: string | null;
  /** As typed (a Shopify leading apostrophe removed); E.164 is added by the phone step. */
  phone: string | null;
  birthday: string | null;
  anniversary: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  notes: string | null;
  /** The POS's id for the client (Shopify's Customer ID), as typed; unique in the book. */
  external_id: string | null;
  /** Null when the file says nothing about consent, so an update leaves it alone. */
  consent_email: 0 | 1 | null;
  consent_email_at: string | null;
  consent_email_source: string | null;
  consent_sms: 0 | 1 | null;
  consent_sms_at: string | null;
  consent_sms_source: string | null;
  tags: string[];
  assignedTo: string | null;
  /** The name of the client's home location as the file gives it; matched to the shop's locations by the import. */
  location: string | null;
}

/** A cell left empty rather than rejecting the row (an unreadable birthday), and why. */
export interface CellWarning {
  column: string;
  reason: string;
}

export type RowResult =
  | { ok: true; row: ImportedRow; warnings: CellWarning[] }
  | { ok: false; column: string; reason: string };

export interface RowContext {
  headers: readonly string[];
  /** Field per column index, null for an ignored column. */
  mapping: readonly (ImportField | null)[];
  dateOrder: DateOrder;
  /** When the import runs: the consent time of a "yes" with no time of its own. */
  at: string;
}

const YES = new Set(['yes', 'y', 'true', '1', 'subscribed', 'opted in', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'unsubscribed', 'not subscribed', 'opted out', '']);

class Reject extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function normaliseRow(record: readonly string[], ctx: RowContext): RowResult {
  const cell: Partial<Record<ImportField, { value: string; column: string }>> = {};
  ctx.mapping.forEach((field, i) => {
    if (field) cell[field] = { value: (record[i] ?? '').trim(), column: ctx.headers[i] ?? `column ${i + 1}` };
  });
  const text = (field: ImportField, max: number, label: string): string | null => {
    const c = cell[field];
    if (!c || c.value === '') return null;
    if (c.value.length > max) throw new Reject(c.column, `${label} can be at most ${max} characters`);
    // Binary data past the sample the reader checks: never stored as a name or a note.
    if (c.value.includes('\u0000')) throw new Reject(c.column, `${label} contains a NUL character (binary data?)`);
    return c.value;
  };
  const apostrophe = (v: string | null) => (v && v.startsWith("'") ? v.slice(1).trim() || null : v);
  const warnings: CellWarning[] = [];
  // A date that cannot be read loses only itself: the client is still worth having.
  const date = (field: 'birthday' | 'anniversary', label: string): string | null => {
    const c = cell[field];
    if (!c || c.value === '') return null;
    // An Excel-safe export (ours, Shopify's) puts an apostrophe before a cell starting with '-', as --06-12 does.
    const parsed = parseDate(c.value.startsWith("'") ? c.value.slice(1) : c.value, ctx.dateOrder);
    if (parsed) return parsed;
    warnings.push({
      column: c.column,
      reason: `${label} "${c.value.slice(0, 40)}" in column "${c.column.slice(0, 60)}" is not a date written ${ORDER_WORDS[ctx.dateOrder]} (as ${ORDER_EXAMPLE[ctx.dateOrder]}); left empty`,
    });
    return null;
  };
  try {
    const firstName = text('firstName', LIMITS.personName, 'First name');
    if (!firstName) throw new Reject(cell.firstName?.column ?? 'First name', 'First name is required');
    const email = text('email', LIMITS.email, 'Email');
    if (email && !EMAIL_PATTERN.test(email)) throw new Reject(cell.email!.column, 'Email is not a valid address');
    const countryCell = text('country', 100, 'Country');
    const country = countryCell ? readCountry(countryCell) : null;
    // A country that reads as none loses only itself, like an unreadable date.
    if (countryCell && !country) {
      warnings.push({
        column: cell.country!.column,
        reason: `Country "${countryCell.slice(0, 40)}" in column "${cell.country!.column.slice(0, 60)}" is not a country name or ISO code (such as United Kingdom or GB); left empty`,
      });
    }
    const consentEmail = consent(cell.consentEmail);
    const consentSms = consent(cell.consentSms);
    const row: ImportedRow = {
      first_name: firstName,
      last_name: text('lastName', LIMITS.personName, 'Last name') ?? '',
      email,
      phone: apostrophe(text('phone', LIMITS.phone, 'Phone')) ?? apostrophe(text('phoneAlt', LIMITS.phone, 'Phone')),
      birthday: date('birthday', 'Birthday'),
      anniversary: date('anniversary', 'Anniversary'),
      address_line1: text('address1', LIMITS.addressLine, 'Address line 1'),
      address_line2: text('address2', LIMITS.addressLine, 'Address line 2'),
      city: text('city', LIMITS.city, 'City'),
      region: text('region', LIMITS.region, 'Region'),
      postal_code: apostrophe(text('postalCode', LIMITS.postalCode, 'Postal code')),
      country,
      notes: text('notes', LIMITS.notes, 'Notes'),
      external_id: apostrophe(text('customerId', 80, 'Customer id')),
      consent_email: consentEmail,
      consent_email_at: consentEmail === 1 ? (timestamp(cell.consentEmailAt) ?? ctx.at) : null,
      consent_email_source: consentEmail === 1 ? (text('consentEmailSource', 60, 'Email consent source') ?? 'import') : null,
      consent_sms: consentSms,
      consent_sms_at: consentSms === 1 ? (timestamp(cell.consentSmsAt) ?? ctx.at) : null,
      consent_sms_source: consentSms === 1 ? (text('consentSmsSource', 60, 'SMS consent source') ?? 'import') : null,
      tags: tags(cell.tags),
      assignedTo: text('assignedTo', 254, 'Assigned to'),
      // Never a reason to reject: a name that is no location of the shop is a warning.
      location: cell.location?.value ? cell.location.value.slice(0, 254) : null,
    };
    return { ok: true, row, warnings };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, column: err.column, reason: err.reason };
    throw err;
  }
}

function consent(c: { value: string; column: string } | undefined): 0 | 1 | null {
  if (!c) return null;
  const v = c.value.toLowerCase();
  if (v === '') return null;
  if (YES.has(v)) return 1;
  if (NO.has(v)) return 0;
  throw new Reject(c.column, `"${c.value.slice(0, 40)}" is not yes or no`);
}

function timestamp(c: { value: string; column: string } | undefined): string | null {
  if (!c || c.value === '') return null;
  if (Number.isNaN(Date.parse(c.value))) throw new Reject(c.column, `"${c.value.slice(0, 40)}" is not a date and time`);
  return c.value;
}

function tags(c: { value: string; column: string } | undefined): string[] {
  if (!c || c.value === '') return [];
  const seen = new Map<string, string>();
  for (const raw of c.value.split(',')) {
    const tag = raw.trim();
    if (!tag) continue;
    if (tag.length > LIMITS.tag) throw new Reject(c.column, `Tag "${tag.slice(0, 40)}…" is longer than ${LIMITS.tag} characters`);
    const key = sqliteLower(tag);
    if (!seen.has(key)) seen.set(key, tag);
  }
  return [...seen.values()];
}

/** A calendar date in the chosen day/month order (ISO is always accepted), as YYYY-MM-DD; a yearless --MM-DD stays as it is. */
export function parseDate(value: string, order: DateOrder): string | null {
  // A day of the year with no year, as the book keeps it and our export writes it (--MM-DD).
  const yearless = /^--(\d{2})-(\d{2})$/.exec(value);
  if (yearless) {
    const [m, d] = [Number(yearless[1]), Number(yearless[2])];
    return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 ? 29 : DAYS_IN_MONTH[m - 1]!) ? value : null;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  let y: number, m: number, d: number;
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const parts = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(value);
    if (!parts) return null;
    const [a, b, c] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (order === 'ymd') [y, m, d] = [a, b, c];
    else if (order === 'dmy') [d, m, y] = [a, b, c];
    else [m, d, y] = [a, b, c];
    if (String(order === 'ymd' ? parts[1] : parts[3]).length !== 4) return null;
  }
  // Checked by arithmetic: building a Date to compare its ISO form cost a second a million rows.
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
