import { sql, type Expression, type ExpressionBuilder, type QueryCreator, type RawBuilder, type SqlBool } from 'kysely';
import { MASKED_LOCATIONS } from '../migrations/0014-client-location-mask';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database } from '../schema';

/**
 * The one base query for reading clients on a person's behalf: `clients` within their scope.
 * Every per-person read that starts from the book (a profile, the Trash, an export, an
 * assignment, a duplicate pair, an import's or a sales file's match) builds on it; queries
 * that reach clients through a join (relationships, the Today list, the audit log, POS
 * totals) and the list's optimised paths apply the same condition, `visibleTo`.
 */
export function clientsFor(db: QueryCreator<Database>, scope: ClientScope) {
  return db.selectFrom('clients').where((eb) => visibleTo(eb, scope));
}

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
  return eb.or([eb('clients.assigned_staff_id', '=', scope.staffId), ...beyondAssigned(eb, scope)]);
}

/**
 * The parts of a scope beyond "assigned to me": worked with me, and at my locations (home
 * or an interaction there), or for an own scope with the Unassigned pool, Unassigned and at
 * one of my locations.
 */
function beyondAssigned(eb: ExpressionBuilder<Database, 'clients'>, scope: SmallScope): Expression<SqlBool>[] {
  const workedWith = eb.exists(
    eb
      .selectFrom('client_staff')
      .select('client_staff.client_id')
      .where('client_staff.staff_id', '=', scope.staffId)
      .whereRef('client_staff.client_id', '=', 'clients.id'),
  );
  const at = scopeLocations(scope);
  if (!at) return [workedWith];
  // The client's own location bits (0014) answer from the row, with no probe; most of a
  // location scope is in it this way, so it is tested first.
  const bits = bitsOf(at.locationIds);
  const atMyLocations = bits
    ? at.unassignedOnly
      ? eb.and([eb('clients.assigned_staff_id', 'is', null), sql<SqlBool>`(clients.location_mask & ${bits}) != 0`])
      : sql<SqlBool>`(clients.location_mask & ${bits}) != 0`
    : eb.exists(
        eb
          .selectFrom('client_locations')
          .select('client_locations.client_id')
          .where('client_locations.location_id', 'in', at.locationIds)
          .where(at.unassignedOnly ? sql<SqlBool>`client_locations.is_unassigned = 1` : sql<SqlBool>`1 = 1`)
          .whereRef('client_locations.client_id', '=', 'clients.id'),
      );
  return [atMyLocations, workedWith];
}

/**
 * The locations through which a scope holds clients: a location scope's, or the Unassigned
 * pool's (only the Unassigned clients there), or none.
 */
export function scopeLocations(scope: ClientScope): { locationIds: number[]; unassignedOnly: boolean } | null {
  if (scope.kind === 'locations' && scope.locationIds.length) return { locationIds: scope.locationIds, unassignedOnly: false };
  if (scope.kind === 'own' && scope.unassignedAt?.length) return { locationIds: scope.unassignedAt, unassignedOnly: true };
  return null;
}

/**
 * The scope minus "assigned to me", as a condition on clients that have an interaction
 * (migration 0009): exactly the seen clients beyond my own, so a sorted walk can take the
 * indexes over seen clients. The never-seen ones a location puts in the scope (their home)
 * are read by `unseenAtHome`.
 */
export function seenInScope(eb: ExpressionBuilder<Database, 'clients'>, scope: SmallScope): Expression<SqlBool> {
  // A literal, not a parameter: the partial indexes' condition must be seen when the plan is made.
  return eb.and([sql<SqlBool>`clients.has_interactions = 1`, eb.or(beyondAssigned(eb, scope))]);
}

/**
 * The never-seen clients in a scope beyond my own, under a sort by spend or last visit, as
 * sort keys after `after`: for each of the scope's locations, the clients whose home is
 * there and that have no interaction (their home is their only location pair, 0020), read
 * in id order from `clients_unseen_home`. They all share one spend (0) and one last visit
 * (''), so their order under those sorts is their ids'. Null when the scope has no location.
 */
export function unseenAtHome(
  db: Executor,
  scope: SmallScope,
  by: 'totalSpend' | 'lastVisit',
  dir: 'asc' | 'desc',
  after: (string | number)[] | undefined,
  limit: number,
  where: (eb: ExpressionBuilder<Database, 'clients'>) => Expression<SqlBool>,
): RawBuilder<unknown> | null {
  const at = scopeLocations(scope);
  if (!at) return null;
  const key = by === 'totalSpend' ? 0 : '';
  let fromId: number | null = null;
  if (after) {
    const [k, id] = [after[0]!, after[after.length - 1] as number];
    // (key, id) after (k, id') in the sort's direction: past k entirely, at k past id', or none.
    const beyond = dir === 'asc' ? key > k : key < k;
    if (!beyond) {
      if (key !== k) return null;
      fromId = id;
    }
  }
  const parts = at.locationIds.map((locationId) => {
    let q = db
      .selectFrom('clients')
      .select([sql.lit(key).as('k0'), 'clients.id as k1'])
      .where('clients.home_location_id', '=', locationId)
      // Literals, not parameters: the partial index's condition must be seen when the plan is made.
      .where(sql<SqlBool>`clients.has_interactions = 0`)
      .where(where);
    if (at.unassignedOnly) q = q.where('clients.assigned_staff_id', 'is', null);
    if (fromId !== null) q = q.where('clients.id', dir === 'asc' ? '>' : '<', fromId);
    return q.orderBy('clients.id', dir).limit(limit);
  });
  return sql`SELECT * FROM (${sql.join(
    parts.map((p) => sql`SELECT * FROM ${p}`),
    sql` UNION ALL `,
  )})`;
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
  const at = scopeLocations(scope);
  // At my locations: duplicates removed and my assigned clients set apart on ids alone, from
  // key ranges (index only, no client row read). The pairs above hold none of those. The
  // Unassigned pool is the flagged pairs' own range (0020), none of them assigned to me.
  const ids = !at
    ? workedWith
    : at.unassignedOnly
      ? workedWith.union(
          db
            .selectFrom('client_locations')
            .select('client_locations.client_id as id')
            .where('client_locations.location_id', 'in', at.locationIds)
            .where(sql<SqlBool>`client_locations.is_unassigned = 1`),
        )
      : workedWith
          .union(db.selectFrom('client_locations').select('client_locations.client_id as id').where('client_locations.location_id', 'in', at.locationIds))
          .except(db.selectFrom('clients').select('clients.id as id').where('clients.assigned_staff_id', '=', scope.staffId));
  // CROSS JOIN fixes the join order in SQLite: the set drives, the book is never walked.
  return db.selectFrom(ids.as('v')).crossJoin('clients').whereRef('clients.id', '=', 'v.id');
}

/**
 * Whether the client with this id is in a small scope, from index probes alone: one probe of
 * the pairs (0016: every staff member a client is tied to, assigned or worked with), and for
 * a location scope or the Unassigned pool one of the location pairs (flagged, 0020). A search
 * over a small scope tests each match this way before reading its row: at 1% of the book,
 * about a hundred matches go by for each one kept, and reading their rows cost four times
 * the probes.
 */
export function inSmallScope(scope: SmallScope, id: Expression<number>): Expression<SqlBool> {
  // Scalar subqueries, not EXISTS: SQLite turns a lone EXISTS into a join and may then seek
  // the client's row first (a scoped search took 15 ms instead of 7); a scalar subquery is tested
  // where the id is known, before the row is read.
  const parts = [sql<SqlBool>`(SELECT 1 FROM client_staff WHERE client_staff.staff_id = ${scope.staffId} AND client_staff.client_id = ${id}) = 1`];
  const at = scopeLocations(scope);
  if (at) parts.push(atLocations(at, id));
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** A probe of the location pairs: whether the client with this id is at one of these locations (Unassigned there, for the pool). */
function atLocations(at: { locationIds: number[]; unassignedOnly: boolean }, id: Expression<number>): RawBuilder<SqlBool> {
  const flagged = at.unassignedOnly ? sql` AND client_locations.is_unassigned = 1` : sql``;
  return sql<SqlBool>`(SELECT 1 FROM client_locations WHERE client_locations.location_id IN (${sql.join(at.locationIds)}) AND client_locations.client_id = ${id}${flagged} LIMIT 1) = 1`;
}

/**
 * A small own scope's Unassigned pool, as a condition on the Unassigned clients: a sorted
 * page walks the Unassigned range of the index that starts with the assigned staff member
 * (0008), in the sort's order, and probes each entry's location pairs before its row is read,
 * so it stops after a page instead of reading the whole pool. The pool's part of the set of
 * ids (`othersInScope`) is then left out (`withoutPool`). Null for a scope with no pool.
 */
export function inPool(scope: SmallScope, id: Expression<number>): Expression<SqlBool> | null {
  const at = scopeLocations(scope);
  return at?.unassignedOnly ? atLocations(at, id) : null;
}

export const withoutPool = (scope: SmallScope): SmallScope => (scope.kind === 'own' ? { kind: 'own', staffId: scope.staffId } : scope);

/**
 * A location scope's locations as the bits of `clients.location_mask` (migration 0014), or
 * null when one has no bit (an id past 62) or there are none: such a scope is read the old way.
 */
export function locationBits(scope: ClientScope): RawBuilder<number> | null {
  if (scope.kind !== 'locations') return null;
  return bitsOf(scope.locationIds);
}

/** Locations as the bits of `clients.location_mask`, or null when one has no bit or there are none. */
export function bitsOf(locationIds: number[]): RawBuilder<number> | null {
  if (locationIds.length === 0) return null;
  if (locationIds.some((id) => !Number.isInteger(id) || id < 1 || id > MASKED_LOCATIONS)) return null;
  // Built in SQL: bit 61 is past what a JavaScript number holds exactly.
  return sql<number>`(${sql.join(
    locationIds.map((id) => sql`(1 << ${sql.lit(id - 1)})`),
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
  const at = scopeLocations(scope);
  const parts = [
    sql`SELECT 1 FROM clients WHERE assigned_staff_id = ${scope.staffId}`,
    sql`SELECT 1 FROM client_staff WHERE staff_id = ${scope.staffId} AND is_assigned = 0`,
    ...(at
      ? [sql`SELECT 1 FROM client_locations WHERE location_id IN (${sql.join(at.locationIds)})${at.unassignedOnly ? sql` AND is_unassigned = 1` : sql``}`]
      : []),
  ];
  const bounded = sql.join(parts.map((p) => sql`SELECT count(*) AS n FROM (${p} LIMIT ${SMALL_SCOPE + 1})`), sql` UNION ALL `);
  const { rows } = await sql<{ n: number }>`SELECT sum(n) AS n FROM (${bounded})`.execute(db);
  return Number(rows[0]?.n ?? 0) <= SMALL_SCOPE;
}
