import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database } from '../schema';
import { clientsFor, visibleTo } from './scope';

export interface PairKey {
  a: number;
  b: number;
}

/**
 * Likely duplicates among live clients, both inside the scope: the same E.164 phone, or the
 * same name (any case) and birthday. Keyset-paged on the pair's ids.
 */
export function listDuplicatePairs(db: Executor, scope: ClientScope, reason: 'phone' | 'name-birthday', after: PairKey | undefined, limit: number) {
  let q = db
    .selectFrom('clients')
    .innerJoin('clients as b', (j) =>
      reason === 'phone'
        ? j.onRef('b.phone_e164', '=', 'clients.phone_e164').onRef('b.id', '>', 'clients.id')
        : j
            .on(sql<SqlBool>`lower(b.first_name) = lower(clients.first_name) AND lower(b.last_name) = lower(clients.last_name)`)
            .onRef('b.birthday', '=', 'clients.birthday')
            .onRef('b.id', '>', 'clients.id'),
    )
    .select(['clients.id as a', 'b.id as b'])
    .where('clients.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .where(reason === 'phone' ? 'clients.phone_e164' : 'clients.birthday', 'is not', null)
    .where((eb) => visibleTo(eb as unknown as ExpressionBuilder<Database, 'clients'>, scope))
    .orderBy('clients.id')
    .orderBy('b.id')
    .limit(limit);
  if (scope.kind !== 'all') {
    q = q.where('b.id', 'in', clientsFor(db, scope).select('clients.id'));
  }
  if (after) q = q.where(sql<SqlBool>`(clients.id, b.id) > (${after.a}, ${after.b})`);
  return q.execute();
}
