import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { MASKED_LOCATIONS } from '../migrations/0014-client-location-mask';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database } from '../schema';

/**
 * The visibility scope as a WHERE condition on `clients`. Every query that returns, counts
 * or exports clients applies it: `.where((eb) => visibleTo(eb, scope))`.
 *
 * Each part is one primary-key probe per client (the membership tables of migration 0008),
 * never a set built up front: a query that walks an index and stops after a page pays for
 * the rows it looks at, not for the size of the scope.
 */
export function visibleTo(eb: ExpressionBuilder<Database, 'clients'>, scope: ClientScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  return eb.or([eb('clients.assigned_staff_id', '=', scope.staffId), ...throughInteractions(eb, scope)]);
}

/** The parts of a scope that only an interaction puts a client in: worked with me, seen at my locations. */
function throughInteractions(eb: ExpressionBuilder<Database, 'clients'>, scope: SmallScope): Expression<SqlBool>[] {
  const workedWith = eb.exists(
    eb
      .selectFrom('client_staff')
      .select('client_staff.client_id')
      .where('client_staff.staff_id', '=', scope.staffId)
      .whereRef('client_staff.client_id', '=', 'clients.id'),
  );
  if (scope.kind === 'own' || scope.locationIds.length === 0) return [workedWith];
  // The client's own location bits (0014) answer from the row, with no probe; most of a
  // location scope is in it this way, so it is tested first.
  const bits = locationBits(scope);
  const atMyLocations = bits
    ? sql<SqlBool>`(clients.location_mask & ${bits}) != 0`
    : eb.exists(
        eb
          .selectFrom('client_locations')
          .select('client_locations.client_id')
          .where('client_locations.location_id', 'in', scope.locationIds)
          .whereRef('client_locations.client_id', '=', 'clients.id'),
      );
  return [atMyLocations, workedWith];
}

/**
 * The scope minus "assigned to me", as a condition on clients that have an interaction
 * (migration 0009): exactly the clients an interaction puts in the scope, so a sorted walk
 * can take the indexes over seen clients and never step over the never-seen ones.
 */
export function seenInScope(eb: ExpressionBuilder<Database, 'clients'>, scope: SmallScope): Expression<SqlBool> {
  // A literal, not a parameter: the partial indexes' condition must be seen when the plan is made.
  return eb.and([sql<SqlBool>`clients.has_interactions = 1`, eb.or(throughInteractions(eb, scope))]);
}

/**
 * A small scope in two disjoint parts, each read from key ranges: the clients assigned to me
 * (walked in any sort's order by the indexes that start with the assigned staff member), and
 * the others I worked with or that were seen at my locations (a set of ids, duplicates
 * removed, minus those assigned to me). Queries over a small scope add the two up instead of
 * walking the whole book.
 */
export type SmallScope = Exclude<ClientScope, { kind: 'all' }>;

export function assignedToMe(eb: ExpressionBuilder<Database, 'clients'>, scope: SmallScope): Expression<SqlBool> {
  return eb('clients.assigned_staff_id', '=', scope.staffId);
}

export function othersInScope(db: Executor, scope: SmallScope) {
  // The pairs an interaction made that are not mine (migration 0012): one short key range.
  // A literal, not a parameter: the partial index's condition must be seen when the plan is made.
  const workedWith = db
    .selectFrom('client_staff')
    .select('client_staff.client_id as id')
    .where('client_staff.staff_id', '=', scope.staffId)
    .where(sql<SqlBool>`client_staff.is_assigned = 0`);
  // Seen at my locations: duplicates removed and my assigned clients set apart on ids alone,
  // from key ranges (index only, no client row read). The pairs above hold none of those.
  const ids =
    scope.kind === 'own' || scope.locationIds.length === 0
      ? workedWith
      : workedWith
          .union(db.selectFrom('client_locations').select('client_locations.client_id as id').where('client_locations.location_id', 'in', scope.locationIds))
          .except(db.selectFrom('clients').select('clients.id as id').where('clients.assigned_staff_id', '=', scope.staffId));
  // CROSS JOIN fixes the join order in SQLite: the set drives, the book is never walked.
  return db.selectFrom(ids.as('v')).crossJoin('clients').whereRef('clients.id', '=', 'v.id');
}

/**
 * Whether the client with this id is in a small scope, from index probes alone: one probe of
 * the pairs (0016: every staff member a client is tied to, assigned or worked with), and for
 * a location scope one of the location pairs. A search over a small scope tests each match
 * this way before reading its row: at 1% of the book, about a hundred matches go by for each
 * one kept, and reading their rows cost four times the probes.
 */
export function inSmallScope(scope: SmallScope, id: Expression<number>): Expression<SqlBool> {
  // Scalar subqueries, not EXISTS: SQLite turns a lone EXISTS into a join and may then seek
  // the client's row first (a scoped search took 15 ms instead of 7); a scalar subquery is tested
  // where the id is known, before the row is read.
  const parts = [sql<SqlBool>`(SELECT 1 FROM client_staff WHERE client_staff.staff_id = ${scope.staffId} AND client_staff.client_id = ${id}) = 1`];
  if (scope.kind === 'locations' && scope.locationIds.length) {
    parts.push(
      sql<SqlBool>`(SELECT 1 FROM client_locations WHERE client_locations.location_id IN (${sql.join(scope.locationIds)}) AND client_locations.client_id = ${id} LIMIT 1) = 1`,
    );
  }
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/**
 * A location scope's locations as the bits of `clients.location_mask` (migration 0014), or
 * null when one has no bit (an id past 62) or there are none: such a scope is read the old way.
 */
export function locationBits(scope: ClientScope): RawBuilder<number> | null {
  if (scope.kind !== 'locations' || scope.locationIds.length === 0) return null;
  if (scope.locationIds.some((id) => !Number.isInteger(id) || id < 1 || id > MASKED_LOCATIONS)) return null;
  // Built in SQL: bit 61 is past what a JavaScript number holds exactly.
  return sql<number>`(${sql.join(
    scope.locationIds.map((id) => sql`(1 << ${sql.lit(id - 1)})`),
    sql` | `,
  )})`;
}

/**
 * Up to this many clients, a scope is read from its parts (its size bounds the work); above
 * it, a sorted page walks the book's own index and probes each row (a page fills after about
 * page / share rows). The parts are counted separately (a client seen at my locations and
 * worked with counts twice): 50,000 keeps a 1-2% scope of a million small.
 */
export const SMALL_SCOPE = 50_000;

/** Whether the scope holds at most SMALL_SCOPE clients, counted no further than that. */
export async function isSmallScope(db: Executor, scope: ClientScope): Promise<boolean> {
  if (scope.kind === 'all') return false;
  // Parts counted separately and added: an upper bound, with no set built to remove overlaps.
  const parts = [
    sql`SELECT 1 FROM clients WHERE assigned_staff_id = ${scope.staffId}`,
    sql`SELECT 1 FROM client_staff WHERE staff_id = ${scope.staffId} AND is_assigned = 0`,
    ...(scope.kind === 'locations' && scope.locationIds.length
      ? [sql`SELECT 1 FROM client_locations WHERE location_id IN (${sql.join(scope.locationIds)})`]
      : []),
  ];
  const bounded = sql.join(parts.map((p) => sql`SELECT count(*) AS n FROM (${p} LIMIT ${SMALL_SCOPE + 1})`), sql` UNION ALL `);
  const { rows } = await sql<{ n: number }>`SELECT sum(n) AS n FROM (${bounded})`.execute(db);
  return Number(rows[0]?.n ?? 0) <= SMALL_SCOPE;
}
