/**
 * A POS sales row as the file gives it, checked and turned into what the book stores:
 * amounts in integer cents (refunds negative), instants in ISO, one key to find the client.
 */
import { EMAIL_PATTERN } from '../../src-preload/email';
import { LIMITS } from '../../src-preload/limits';
import { emailKey } from './email';

export interface RawSale {
  transactionId?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  posAssociateId?: string;
  amount?: string;
  soldAt?: string;
  location?: string;
  /** The buyer's name, for a client the book does not have yet: first and last, or whole. */
  firstName?: string;
  lastName?: string;
  name?: string;
}

/** Who a sale names, as the file gives them: enough to add them to the book when they are not in it. */
export interface SalePerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  externalId: string | null;
}

export interface Sale {
  transactionId: string;
  match: { kind: 'email' | 'phone' | 'external'; value: string };
  posAssociateId: string | null;
  amountCents: number;
  soldAt: string;
  location: string | null;
  /** Every key the line gives, to look the client up by each in turn (email first). */
  keys: { email: string | null; externalId: string | null; phone: string | null };
  /** The buyer, when the line names them (a name and an email, phone or customer id). */
  person: SalePerson | null;
}

/** "Ana Duarte Silva" -> Ana / Duarte Silva; one word is a first name. */
function splitName(name: string): [string, string] {
  const parts = name.trim().split(/\s+/);
  return [parts[0] ?? '', parts.slice(1).join(' ')];
}

export type SaleResult = { ok: true; sale: Sale } | { ok: false; reason: string };

/**
 * "1,234.50", "$12", "-15.00", "(15.00)" (accounting refunds), "12,50" (decimal comma):
 * exact to the cent, never through floating point.
 */
export function parseAmountCents(text: string): number | null {
  let s = text.trim().replace(/^[^\d(+-]+|[^\d)]+$/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  // A comma followed by exactly two digits at the end is a decimal comma; other commas group thousands.
  if (/,\d{1,2}$/.test(s) && !s.includes('.')) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** ISO dates and date-times; a date alone is taken as noon UTC so it lands on that day everywhere. */
export function parseSoldAt(text: string): string | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T12:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) return null;
  const d = new Date(s.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function parseSale(raw: RawSale): SaleResult {
  const transactionId = raw.transactionId?.trim();
  if (!transactionId) return { ok: false, reason: 'No transaction id' };
  if (transactionId.length > 80) return { ok: false, reason: 'Transaction id is longer than 80 characters' };
  const email = raw.email?.trim();
  const phone = raw.phone?.trim();
  const external = raw.externalId?.trim();
  const match = email
    ? ({ kind: 'email', value: emailKey(email) } as const)
    : external
      ? ({ kind: 'external', value: external } as const)
      : phone
        ? ({ kind: 'phone', value: phone } as const)
        : null;
  if (!match) return { ok: false, reason: 'No email, phone or client id to find the client by' };
  if (!raw.amount?.trim()) return { ok: false, reason: 'No amount' };
  const amountCents = parseAmountCents(raw.amount);
  if (amountCents === null) return { ok: false, reason: `Amount "${raw.amount.slice(0, 40)}" is not a number` };
  if (!raw.soldAt?.trim()) return { ok: false, reason: 'No date' };
  const soldAt = parseSoldAt(raw.soldAt);
  if (!soldAt) return { ok: false, reason: `Date "${raw.soldAt.slice(0, 40)}" is not a date (use YYYY-MM-DD or an ISO date-time)` };
  const pos = raw.posAssociateId?.trim().replace(/^'/, '') || null;
  const externalId = external?.replace(/^'/, '') || null;
  const typedPhone = phone?.replace(/^'/, '') || null;
  let [firstName, lastName] = [raw.firstName?.trim() ?? '', raw.lastName?.trim() ?? ''];
  if (!firstName && raw.name?.trim()) [firstName, lastName] = splitName(raw.name);
  // A person is added only from what a client form would take: a real address, a phone and id of sane length.
  const addable = firstName && (!email || (EMAIL_PATTERN.test(email) && email.length <= LIMITS.email)) && (!typedPhone || typedPhone.length <= LIMITS.phone) && (!externalId || externalId.length <= 80);
  const person = addable ? { firstName: firstName.slice(0, 100), lastName: lastName.slice(0, 100), email: email || null, phone: typedPhone, externalId } : null;
  return {
    ok: true,
    sale: {
      transactionId, match, posAssociateId: pos, amountCents, soldAt, location: raw.location?.trim() || null,
      keys: { email: email ? emailKey(email) : null, externalId, phone: typedPhone },
      person,
    },
  };
}
