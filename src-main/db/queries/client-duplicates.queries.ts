import { sql, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DuplicateReason } from '../../../src-preload/contract';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database } from '../schema';
import { clientsFor, visibleTo } from './scope';

export interface PairKey {
  a: number;
  b: number;
}

/** The email's local part as 0024a indexes it: the key up to its @. */
const localPart = (table: string) => sql.raw(`substr(${table}.email_key, 1, instr(${table}.email_key, '@') - 1)`);
const sameName = (a: string, b: string) =>
  sql.raw(`lower(${b}.first_name) = lower(${a}.first_name) AND lower(${b}.last_name) = lower(${a}.last_name)`);

/** How two clients are joined as a likely pair, and which column the first one must have. */
const PAIRING: Record<DuplicateReason, { on: RawBuilder<SqlBool>; has: 'phone_e164' | 'phone_rev' | 'birthday' | 'email_key' }> = {
  phone: { on: sql<SqlBool>`b.phone_e164 = clients.phone_e164`, has: 'phone_e164' },
  'name-phone': { on: sql<SqlBool>`${sameName('clients', 'b')} AND b.phone_rev = clients.phone_rev AND b.phone_rev IS NOT NULL`, has: 'phone_rev' },
  'name-birthday': { on: sql<SqlBool>`${sameName('clients', 'b')} AND b.birthday = clients.birthday`, has: 'birthday' },
  'name-email': {
    on: sql<SqlBool>`${sameName('clients', 'b')} AND ${localPart('b')} = ${localPart('clients')} AND b.email_key IS NOT NULL`,
    has: 'email_key',
  },
};

/**
 * Likely duplicates among live clients, both inside the scope: the same E.164 phone; the same
 * name (any case) with the same phone digits, birthday, or email local part. Keyset-paged on
 * the pair's ids.
 */
export function listDuplicatePairs(db: Executor, scope: ClientScope, reason: DuplicateReason, after: PairKey | undefined, limit: number) {
  const { on, has } = PAIRING[reason];
  let q = db
    .selectFrom('clients')
    .innerJoin('clients as b', (j) => j.on(on).onRef('b.id', '>', 'clients.id'))
    .select(['clients.id as a', 'b.id as b'])
    .where('clients.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .where(`clients.${has}`, 'is not', null)
    .where((eb) => visibleTo(eb as unknown as ExpressionBuilder<Database, 'clients'>, scope))
    .orderBy('clients.id')
    .orderBy('b.id')
    .limit(limit);
  if (reason === 'name-email') q = q.where(sql<SqlBool>`instr(clients.email_key, '@') > 1`);
  if (scope.kind !== 'all') {
    q = q.where('b.id', 'in', clientsFor(db, scope).select('clients.id'));
  }
  if (after) q = q.where(sql<SqlBool>`(clients.id, b.id) > (${after.a}, ${after.b})`);
  return q.execute();
}

/** What a client being added is compared by; a field left null is not compared. */
export interface LookalikeProbe {
  firstName: string | null;
  lastName: string | null;
  e164: string | null;
  /** The phone key as phone_rev holds it: the E.164 digits, else the typed digits, last first. */
  phoneRev: string | null;
  emailKey: string | null;
  birthday: string | null;
}

/**
 * Live clients in the scope that look like the probe, each with the first reason found:
 * the same email, the same E.164 phone, or the same name with the same phone digits, birthday
 * or email local part. At most `limit`, lowest id first.
 */
export async function findLookalikes(db: Executor, scope: ClientScope, p: LookalikeProbe, limit: number): Promise<{ id: number; reason: DuplicateReason | 'email' }[]> {
  const parts: { reason: DuplicateReason | 'email'; where: RawBuilder<SqlBool> }[] = [];
  const named = p.firstName !== null && p.lastName !== null;
  const nameIs = sql<SqlBool>`lower(clients.first_name) = lower(${p.firstName}) AND lower(clients.last_name) = lower(${p.lastName})`;
  if (p.emailKey) parts.push({ reason: 'email', where: sql<SqlBool>`clients.email IS NOT NULL AND clients.email_key = ${p.emailKey}` });
  if (p.e164) parts.push({ reason: 'phone', where: sql<SqlBool>`clients.phone_e164 = ${p.e164}` });
  if (named && p.phoneRev) parts.push({ reason: 'name-phone', where: sql<SqlBool>`${nameIs} AND clients.phone_rev = ${p.phoneRev}` });
  if (named && p.birthday) parts.push({ reason: 'name-birthday', where: sql<SqlBool>`${nameIs} AND clients.birthday = ${p.birthday}` });
  const local = p.emailKey ? p.emailKey.slice(0, Math.max(0, p.emailKey.indexOf('@'))) : '';
  if (named && local) {
    parts.push({ reason: 'name-email', where: sql<SqlBool>`${nameIs} AND clients.email_key IS NOT NULL AND ${localPart('clients')} = ${local}` });
  }
  const found = new Map<number, DuplicateReason | 'email'>();
  for (const part of parts) {
    const rows = await clientsFor(db, scope)
      .select('clients.id')
      .where('clients.deleted_at', 'is', null)
      .where(part.where)
      .orderBy('clients.id')
      .limit(limit)
      .execute();
    for (const r of rows) if (!found.has(r.id)) found.set(r.id, part.reason);
  }
  return [...found].map(([id, reason]) => ({ id, reason })).sort((a, b) => a.id - b.id).slice(0, limit);
}
