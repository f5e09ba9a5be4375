import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Database } from '../schema';

/**
 * The visibility scope as a WHERE condition on `clients`. Every query that returns, counts
 * or exports clients applies it: `.where((eb) => visibleTo(eb, scope))`.
 */
export function visibleTo(eb: ExpressionBuilder<Database, 'clients'>, scope: ClientScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  const mine = eb('clients.assigned_staff_id', '=', scope.staffId);
  // IN (not EXISTS): one person's clients are a small set SQLite builds once from the
  // interactions_staff index, so a count or a search does not probe every client row.
  const workedWith = eb(
    'clients.id',
    'in',
    eb.selectFrom('interactions').select('interactions.client_id').where('interactions.staff_id', '=', scope.staffId),
  );
  if (scope.kind === 'own') return eb.or([mine, workedWith]);
  const atMyLocations =
    scope.locationIds.length === 0
      ? sql<SqlBool>`0 = 1`
      : eb.exists(
          eb
            .selectFrom('interactions')
            .select('interactions.id')
            .whereRef('interactions.client_id', '=', 'clients.id')
            .where('interactions.location_id', 'in', scope.locationIds),
        );
  return eb.or([mine, workedWith, atMyLocations]);
}
