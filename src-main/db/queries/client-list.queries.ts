/**
 * The client list over a million rows: keyset pages under each sort (never OFFSET), search
 * sources read in rowid order so a page stops as soon as it is full, and counts. Every
 * query applies the visibility scope and the filters in SQL.
 */
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { ClientFilters, ClientSort } from '../../../src-preload/contract';
import type { SearchPlan } from '../../domain/client-search';
import { emailKey } from '../../domain/email';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database } from '../schema';
import { filterConditions, type FilterContext } from './client-filters';
import { namesOf, type ClientRow } from './clients.queries';
import { assignedToMe, bitsOf, inPool, inSmallScope, othersInScope, scopeLocations, seenInScope, unseenAtHome, visibleTo, withoutPool, type SmallScope } from './scope';

type Eb = ExpressionBuilder<Database, 'clients'>;

export interface ListScope {
  scope: ClientScope;
  filters: ClientFilters;
  ctx: FilterContext;
  /** A small scope (isSmallScope) is read as its set of ids rather than probed row by row. */
  fromSet: boolean;
}

/** Live (not deleted or merged), inside the scope, matching the filters. */
function listable(eb: Eb, s: ListScope): Expression<SqlBool> {
  return eb.and([liveAndFiltered(eb, s), visibleTo(eb, s.scope)]);
}
function liveAndFiltered(eb: Eb, s: ListScope): Expression<SqlBool> {
  return eb.and([eb('clients.deleted_at', 'is', null), ...filterConditions(eb, s.filters, s.ctx)]);
}
/**
 * The same, for a query a small scope's part drives: the filters become one opaque term
 * (unary + keeps SQLite from using them as index constraints), so the planner reads the
 * part's own range instead of a filter's index. Without it, "Existing with email consent"
 * (two columns of one index) outranks "assigned to me" and a page sorts 130,000 rows to
 * keep 50. SQLite-only syntax; PostgreSQL would plan this from its statistics.
 */
function liveAndFilteredInScope(eb: Eb, s: ListScope): Expression<SqlBool> {
  const filters = filterConditions(eb, s.filters, s.ctx);
  const live = eb('clients.deleted_at', 'is', null);
  return filters.length ? eb.and([live, sql<SqlBool>`+(${eb.and(filters)})`]) : live;
}
// The joined builders carry more tables than `clients`; the conditions only name clients.
const asClients = (eb: unknown) => eb as Eb;

const smallScope = (s: ListScope): SmallScope | null => (s.fromSet && s.scope.kind !== 'all' ? s.scope : null);

/** The sort key of a row, in the order of the sort's columns (id last). */
export type SortKey = (string | number)[];

const SORT_COLUMNS = {
  name: ['clients.last_name', 'clients.first_name'],
  created: ['clients.created_at'],
  lastVisit: ['clients.last_visit_at'],
  totalSpend: ['clients.total_spend_cents'],
} as const;

export function sortKeyOf(row: ClientRow, by: ClientSort['by']): SortKey {
  switch (by) {
    case 'name':
      return [row.last_name, row.first_name, row.id];
    case 'created':
      return [row.created_at, row.id];
    case 'lastVisit':
      return [row.last_visit_at, row.id];
    case 'totalSpend':
      return [row.total_spend_cents, row.id];
  }
}

export function sortKeyValid(key: unknown[], by: ClientSort['by']): key is SortKey {
  const types = by === 'name' ? ['string', 'string'] : by === 'totalSpend' ? ['number'] : ['string'];
  return key.length === types.length + 1 && types.every((t, i) => typeof key[i] === t) && Number.isSafeInteger(key[key.length - 1]);
}

/**
 * Sorts whose never-seen clients share one key (spend 0, last visit ''): most of a large book
 * sorts first under them, and none is in a scope but through "assigned to me" or its home.
 */
const SEEN_INDEXED: ReadonlySet<ClientSort['by']> = new Set(['totalSpend', 'lastVisit']);

/**
 * One page under a sort, after the given key: a row-value comparison the index serves.
 * The scope is read in two parts, each walked in sort order and stopped at a page, and the
 * page is the first `limit` of the two (UNION: a client may be in both):
 * - a small scope: the clients assigned to me (an index per sort starts with the assigned
 *   staff member) and the rest of the scope from its set of ids, sorted by key alone; its
 *   Unassigned pool walking the same index's Unassigned range, with a probe each;
 * - a large scope under spend or last visit (no filter on the assigned staff member): the
 *   clients assigned to me, the seen clients in the scope walking the index over seen
 *   clients (0009) with a probe each, and the never-seen ones whose home is at one of the
 *   scope's locations, in id order by home (0020);
 * - otherwise a large scope walks the sort's index over the whole book and probes each row
 *   (a page fills after about page / share rows).
 */
export function listSorted(db: Executor, s: ListScope, sort: ClientSort, after: SortKey | undefined, limit: number): Promise<ClientRow[]> {
  const columns = [...SORT_COLUMNS[sort.by], 'clients.id'] as const;
  const dir = sql.raw(sort.dir);
  const afterKey = after
    ? sql<SqlBool>`(${sql.join(columns.map((c) => sql.ref(c)))}) ${sql.raw(sort.dir === 'asc' ? '>' : '<')} (${sql.join(after)})`
    : sql<SqlBool>`1 = 1`;
  const ordered = <Q extends { orderBy: (c: (typeof columns)[number], d: 'asc' | 'desc') => Q }>(q: Q) => columns.reduce((acc, c) => acc.orderBy(c, sort.dir), q);
  const scope = s.scope.kind === 'all' ? null : s.scope;
  const small = smallScope(s);
  // A filter on the assigned staff member is one index range the planner takes whole (0.5 ms);
  // walking the seen clients for it would read all of them to find none of mine.
  const byAssigned = s.filters.mine === true || s.filters.assigned !== undefined;
  if (!scope || (!small && (!SEEN_INDEXED.has(sort.by) || byAssigned))) {
    return ordered(namesOf(db.selectFrom('clients')).where((eb) => listable(eb, s)).where(afterKey)).limit(limit).execute();
  }
  const keys = columns.map((c, i) => sql.ref(c).as(`k${i}`));
  const assigned = ordered(
    db
      .selectFrom('clients')
      .select(keys)
      .where((eb) => eb.and([assignedToMe(eb, scope), liveAndFilteredInScope(eb, s)]))
      .where(afterKey),
  );
  const pooled = small ? inPool(small, sql.ref('clients.id')) : null;
  const pool = pooled
    ? ordered(
        db
          .selectFrom('clients')
          .select(keys)
          // The probe before the filters: it needs the index entry alone, so a row outside the pool is never read.
          .where((eb) => eb.and([eb('clients.assigned_staff_id', 'is', null), pooled, liveAndFilteredInScope(eb, s)]))
          .where(afterKey),
      )
    : null;
  const rest = small
    ? ordered(othersInScope(db, pooled ? withoutPool(small) : small).select(keys).where((eb) => liveAndFilteredInScope(asClients(eb), s)).where(afterKey))
    : ordered(
        db
          .selectFrom('clients')
          .select(keys)
          .where((eb) => eb.and([liveAndFilteredInScope(eb, s), seenInScope(eb, scope)]))
          .where(afterKey),
      );
  const unseen =
    small || !SEEN_INDEXED.has(sort.by)
      ? null
      : unseenAtHome(db, scope, sort.by as 'totalSpend' | 'lastVisit', sort.dir, after, limit, (eb) => liveAndFilteredInScope(eb, s));
  const byKey = sql.join(columns.map((_, i) => sql`${sql.ref(`k${i}`)} ${dir}`));
  // Embedded builders are parenthesised: each part is `SELECT * FROM (<part>)`.
  const parts = [
    sql`SELECT * FROM ${assigned.limit(limit)}`,
    sql`SELECT * FROM ${rest.limit(limit)}`,
    ...(pool ? [sql`SELECT * FROM ${pool.limit(limit)}`] : []),
    ...(unseen ? [unseen] : []),
  ];
  const page = sql`SELECT ${sql.ref(`k${columns.length - 1}`)} FROM (${sql.join(parts, sql` UNION `)}) ORDER BY ${byKey} LIMIT ${limit}`;
  return ordered(namesOf(db.selectFrom('clients')).where(sql<SqlBool>`clients.id IN (${page})`)).execute();
}

/** One search source's rows after `afterId`, in id order, up to `limit`. */
export function searchSource(
  db: Executor,
  s: ListScope,
  source: (typeof SEARCH_SOURCES)[number],
  plan: SearchPlan,
  afterId: number,
  limit: number,
): Promise<ClientRow[]> | null {
  switch (source) {
    case 'text':
    case 'phoneDigits': {
      const matches = source === 'text' ? textMatches(db, plan, afterId) : phoneMatches(db, plan, afterId);
      if (!matches) return null;
      const small = smallScope(s);
      // A small scope keeps an id only after probing the membership indexes (tested before the
      // client's row is read), so the rows of the many matches outside it are never read.
      let ids = db.selectFrom(matches.as('m'));
      if (small) ids = ids.where(inSmallScope(small, sql.ref('m.id')));
      return ids
        .crossJoin('clients')
        .whereRef('clients.id', '=', 'm.id')
        .leftJoin('staff as assigned', 'assigned.id', 'clients.assigned_staff_id')
        .leftJoin('staff as creator', 'creator.id', 'clients.created_by')
        .leftJoin('locations as home', 'home.id', 'clients.home_location_id')
        .selectAll('clients')
        .select(['assigned.name as assigned_staff_name', 'creator.name as created_by_name', 'home.name as home_location_name'])
        .where((eb) => listable(asClients(eb), s))
        .orderBy('m.id')
        .limit(limit)
        .execute();
    }
    case 'phoneE164': {
      if (!plan.phoneE164) return null;
      return namesOf(db.selectFrom('clients'))
        .where('clients.id', 'in', (eb) => eb.selectFrom('clients as p').select('p.id').where('p.phone_e164', '=', plan.phoneE164))
        .where('clients.id', '>', afterId)
        .where((eb) => listable(eb, s))
        .orderBy('clients.id')
        .limit(limit)
        .execute();
    }
  }
}

export const SEARCH_SOURCES = ['text', 'phoneDigits', 'phoneE164'] as const;

/**
 * The ids matching the typed text, ascending: word prefixes (FTS5 unicode61) and substrings
 * (FTS5 trigram) merged into one stream, each id once. Both yield rowids in order, so SQLite
 * merges them without sorting and a full page stops both; a client matching both ways is
 * looked at once (a scoped search probes half as many ids as with two separate walks).
 */
function textMatches(db: Executor, plan: SearchPlan, afterId: number) {
  const source = (table: 'clients_fts' | 'clients_trgm', match: string) =>
    db
      .selectFrom(table)
      .select(`${table}.rowid as id`)
      .where(sql<SqlBool>`${sql.table(table)} MATCH ${match}`)
      .where(`${table}.rowid`, '>', afterId);
  const prefix = plan.prefix ? source('clients_fts', plan.prefix) : null;
  const substring = plan.substring ? source('clients_trgm', plan.substring) : null;
  if (prefix && substring) return prefix.union(substring).orderBy('id');
  const one = prefix ?? substring;
  return one ? one.orderBy('id') : null;
}

/** The ids whose phone holds the typed digits anywhere (0024's trigrams over the key), ascending. */
function phoneMatches(db: Executor, plan: SearchPlan, afterId: number) {
  if (!plan.phoneDigits) return null;
  return db
    .selectFrom('clients_phone_trgm')
    .select('clients_phone_trgm.rowid as id')
    .where(sql<SqlBool>`clients_phone_trgm MATCH ${plan.phoneDigits}`)
    .where('clients_phone_trgm.rowid', '>', afterId)
    .orderBy('id');
}

/** The live, visible client holding exactly this email. */
export function findListableByEmail(db: Executor, s: ListScope, email: string): Promise<ClientRow | undefined> {
  // `email IS NOT NULL` lets SQLite use the partial unique index on email_key.
  return namesOf(db.selectFrom('clients'))
    .where('clients.email', 'is not', null)
    .where('clients.email_key', '=', emailKey(email))
    .where((eb) => listable(eb, s))
    .executeTakeFirst();
}

/**
 * Below this many matches a filter's index drives a large scope's count: each match costs a
 * row and a probe or two, about what reading a scope member costs, so the walk wins while
 * the matches are fewer than a large scope's members (at least SMALL_SCOPE, often many more).
 */
const FEW_MATCHES = 100_000;

const counted = async (q: { executeTakeFirstOrThrow: () => Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);

/**
 * Every matching client, counted exactly (no search). A count reads every client it counts,
 * so it starts from the smaller side: the scope's two disjoint parts (assigned to me, and the
 * rest from the membership tables), unless the scope is large and the filters match fewer
 * than FEW_MATCHES clients, when the filter's index drives and each row is probed. A large
 * location scope whose filters the location counts index holds is counted from that index.
 */
export async function countListable(db: Executor, s: ListScope): Promise<number> {
  const walk = () => counted(db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => listable(eb, s)));
  if (s.scope.kind === 'all') return walk();
  const scope = s.scope;
  const at = scopeLocations(scope);
  const bits = at && !s.fromSet && countsFromLocationIndex(s.filters) ? bitsOf(at.locationIds) : null;
  if (!s.fromSet) {
    // The location counts index reads about ten entries in the time a walk reads one row.
    const fewest = bits ? FEW_MATCHES / 10 : FEW_MATCHES;
    const matching = db.selectFrom('clients').select('clients.id').where((eb) => liveAndFiltered(eb, s)).limit(fewest + 1);
    const few = await counted(db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<number>().as('n')));
    if (few <= fewest) return walk();
  }
  if (bits) return countByLocationBits(db, s, scope, bits, at!.unassignedOnly);

  const assigned = db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and([assignedToMe(eb, scope), liveAndFilteredInScope(eb, s)]));
  const others = othersInScope(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => liveAndFilteredInScope(asClients(eb), s));
  return (await counted(assigned)) + (await counted(others));
}

/** Filters whose columns the location counts index (0014, 0017) holds; the others read rows. */
const LOCATION_INDEX_FILTERS: ReadonlySet<keyof ClientFilters> = new Set([
  'mine',
  'status',
  'assigned',
  'created',
  'lapsedDays',
  'consentEmail',
  'consentSms',
  'birthdayThisMonth',
  'anniversaryThisMonth',
]);
const countsFromLocationIndex = (filters: ClientFilters) =>
  Object.entries(filters).every(([name, value]) => value === undefined || LOCATION_INDEX_FILTERS.has(name as keyof ClientFilters));

/**
 * A large scope with locations counted in three disjoint parts: the clients at my locations
 * (home or seen there; for the Unassigned pool, the Unassigned ones), from the location
 * counts index alone (no row read); then, among the others, those assigned to me and those
 * I worked with (a Manager's own few).
 */
export async function countByLocationBits(db: Executor, s: ListScope, scope: SmallScope, bits: RawBuilder<number>, unassignedOnly = false): Promise<number> {
  const eb = expressionBuilder<Database, 'clients'>();
  const pooled = unassignedOnly ? [eb('clients.assigned_staff_id', 'is', null)] : [];
  // Literals, not parameters: the partial index's condition must be seen when the plan is made.
  const live = sql<SqlBool>`clients.deleted_at IS NULL AND clients.location_mask != 0`;
  const seenAtMine = eb.and([
    live,
    // The bit sets present that hold one of mine, as key ranges of the index (below).
    sql<SqlBool>`clients.location_mask IN (SELECT v FROM masks WHERE v IS NOT NULL AND (v & ${bits}) != 0)`,
    ...pooled,
    ...filterConditions(eb, s.filters, s.ctx),
  ]);
  // The index starts with the bit set: the distinct sets present are found one seek each
  // (a book holds a few: the combinations of locations its clients are at), and only the
  // entries of the sets that hold one of mine are counted. Every client has a home, so the
  // index holds the whole book; testing each entry's bits read all of it.
  // INDEXED BY: the planner would take a filter's own range instead, then read every row.
  const next = (after: RawBuilder<unknown> | null) =>
    sql`(SELECT min(location_mask) FROM clients INDEXED BY clients_live_location_counts WHERE ${live}${after ? sql` AND location_mask > ${after}` : sql``})`;
  const { rows } = await sql<{ n: number }>`
    WITH RECURSIVE masks(v) AS (SELECT ${next(null)} UNION ALL SELECT ${next(sql`masks.v`)} FROM masks WHERE masks.v IS NOT NULL)
    SELECT count(*) AS n FROM clients INDEXED BY clients_live_location_counts WHERE ${seenAtMine}`.execute(db);
  const notAtMine = unassignedOnly
    ? sql<SqlBool>`NOT (clients.assigned_staff_id IS NULL AND (clients.location_mask & ${bits}) != 0)`
    : sql<SqlBool>`(clients.location_mask & ${bits}) = 0`;
  const assigned = db
    .selectFrom('clients')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where((e) => e.and([assignedToMe(e, scope), liveAndFilteredInScope(e, s), notAtMine]));
  const workedWith = othersInScope(db, { kind: 'own', staffId: scope.staffId })
    .select((e) => e.fn.countAll<number>().as('n'))
    .where((e) => e.and([liveAndFilteredInScope(asClients(e), s), notAtMine]));
  return Number(rows[0]?.n ?? 0) + (await counted(assigned)) + (await counted(workedWith));
}

/** Ids of one search source's matches, up to `limit`, for counting a search. */
export async function searchSourceIds(
  db: Executor,
  s: ListScope,
  source: (typeof SEARCH_SOURCES)[number],
  plan: SearchPlan,
  limit: number,
): Promise<number[]> {
  const rows = await searchSource(db, s, source, plan, 0, limit);
  return rows ? rows.map((r) => r.id) : [];
}

/** The tag names of each client on a page, in one query. */
export async function tagsFor(db: Executor, clientIds: number[]): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>();
  if (clientIds.length === 0) return tags;
  const rows = await db
    .selectFrom('client_tags')
    .innerJoin('tags', 'tags.id', 'client_tags.tag_id')
    .select(['client_tags.client_id', 'tags.name'])
    .where('client_tags.client_id', 'in', clientIds)
    .orderBy('tags.name')
    .execute();
  for (const r of rows) tags.set(r.client_id, [...(tags.get(r.client_id) ?? []), r.name]);
  return tags;
}

/** Ids of every live client in the scope matching the filters (a bulk action's "all N matching"). */
export async function listableIds(db: Executor, s: ListScope, among?: number[]): Promise<number[]> {
  let q = db.selectFrom('clients').select('clients.id').where((eb) => listable(eb, s));
  if (among) q = q.where('clients.id', 'in', among);
  return (await q.execute()).map((r) => r.id);
}
