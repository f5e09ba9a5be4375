/**
 * Clients at a location through their home (0020), and the Unassigned pool of an own scope,
 * read every way the queries reach a scope: from its set of ids (small) or probing each row
 * (large), sorted, paged, counted (from its parts or the location bits) and searched. Each
 * answer must be what the Admin's list holds, kept to the scope's members.
 */
import { describe, expect, it } from 'vitest';
import { countByLocationBits, countListable, listSorted, searchSource, sortKeyOf, type SortKey } from '../../src-main/db/queries/client-list.queries';
import { bitsOf, isSmallScope, othersInScope, unseenAtHome } from '../../src-main/db/queries/scope';
import { planSearch } from '../../src-main/domain/client-search';
import { clientScope, type ClientScope } from '../../src-main/domain/visibility';
import { setUpShop, startApp } from '../helpers/app';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const main = (await admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const staff = async (username: string, role: 'manager' | 'associate') =>
    (await admin.ok('staff-create', { name: username, username, role, password: 'a long enough password' })).id;
  const [mona, sam, kai] = [await staff('mona', 'manager'), await staff('sam', 'associate'), await staff('kai', 'associate')];
  const db = app.services.db;
  const at = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString();
  const ids: Record<string, number> = {};
  const client = async (name: string, home: number, assigned: number | null, day: number) => {
    const row = await db
      .insertInto('clients')
      .values({ first_name: name, last_name: 'Client', home_location_id: home, assigned_staff_id: assigned, created_at: at(day), updated_at: at(day) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[name] = row.id;
    return row.id;
  };
  const interaction = (name: string, kind: 'sale' | 'note', staffId: number | null, location: number, cents: number | null, day: number) =>
    db
      .insertInto('interactions')
      .values({ client_id: ids[name]!, kind, staff_id: staffId, location_id: location, amount_cents: cents, occurred_at: at(day), created_at: at(day), channel: null, added_by: null, external_id: null, body: null })
      .execute();
  await client('Ann', north.id, null, 1); // at North by her home only, Unassigned, never seen
  await client('Bob', north.id, kai, 2); // at North by his home, Kai's
  await client('Cat', south.id, null, 3); // home South, Unassigned, bought at North
  await client('Dan', south.id, null, 4); // home South, Unassigned, never seen
  await client('Eve', main.id, sam, 5); // Sam's own
  await client('Fay', main.id, null, 6); // Unassigned, Sam sold to her at the main store
  await client('Gil', north.id, null, 7); // at North, deleted
  await client('Hal', north.id, null, 8); // at North, a note there: seen, no spend, no visit
  await client('Ivy', south.id, mona, 9); // Mona's own, seen at South
  await client('Jon', north.id, null, 10); // Unassigned, bought at North
  await client('Kim', north.id, null, 11); // Unassigned at North, spends the same as Jon
  await interaction('Cat', 'sale', null, north.id, 900, 12);
  await interaction('Fay', 'sale', sam, main.id, 300, 13);
  await interaction('Hal', 'note', null, north.id, null, 14);
  await interaction('Ivy', 'sale', null, south.id, 100, 15);
  await interaction('Jon', 'sale', null, north.id, 500, 16);
  await interaction('Kim', 'sale', null, north.id, 500, 16);
  await db.updateTable('clients').set({ deleted_at: at(20) }).where('id', '=', ids.Gil!).execute();
  return { app, db, main, north, south, mona, sam, kai, ids };
}

type Shop = Awaited<ReturnType<typeof shop>>;

function scopes({ north, south, mona, sam, kai }: Shop): [string, Exclude<ClientScope, { kind: 'all' }>, string[]][] {
  return [
    ['Sam with the North pool', { kind: 'own', staffId: sam, unassignedAt: [north.id] }, ['Ann', 'Cat', 'Eve', 'Fay', 'Hal', 'Jon', 'Kim']],
    ['Sam without the pool', { kind: 'own', staffId: sam }, ['Eve', 'Fay']],
    ['Kai with the South pool', { kind: 'own', staffId: kai, unassignedAt: [south.id] }, ['Bob', 'Cat', 'Dan']],
    ['Kai with both pools', { kind: 'own', staffId: kai, unassignedAt: [north.id, south.id] }, ['Ann', 'Bob', 'Cat', 'Dan', 'Hal', 'Jon', 'Kim']],
    ['Mona at North', { kind: 'locations', staffId: mona, locationIds: [north.id] }, ['Ann', 'Bob', 'Cat', 'Hal', 'Ivy', 'Jon', 'Kim']],
    ['Mona at North and South', { kind: 'locations', staffId: mona, locationIds: [north.id, south.id] }, ['Ann', 'Bob', 'Cat', 'Dan', 'Hal', 'Ivy', 'Jon', 'Kim']],
  ];
}

const SORTS = (['name', 'created', 'lastVisit', 'totalSpend'] as const).flatMap((by) => (['asc', 'desc'] as const).map((dir) => ({ by, dir })));
const FILTERS = [{}, { status: 'existing' as const }, { status: 'guest' as const }, { assigned: 'unassigned' as const }, { mine: true }];

describe('clients at a location by their home, and the Unassigned pool', () => {
  it('lists, pages and counts the same clients from the set of ids and probing each row, under every sort and filter', async () => {
    const s = await shop();
    for (const [label, scope, members] of scopes(s)) {
      for (const filters of FILTERS) {
        const everyone = { scope: { kind: 'all' as const }, filters, ctx: { staffId: scope.staffId, now: new Date() }, fromSet: false };
        for (const sort of SORTS) {
          const expected = (await listSorted(s.db, everyone, sort, undefined, 100)).map((r) => r.first_name).filter((n) => members.includes(n));
          for (const fromSet of [true, false]) {
            const scoped = { ...everyone, scope, fromSet };
            const what = `${label} ${JSON.stringify(filters)} ${sort.by} ${sort.dir} fromSet=${fromSet}`;
            expect(await countListable(s.db, scoped), what).toBe(expected.length);
            for (const limit of [1, 2, 3, expected.length + 1]) {
              expect((await listSorted(s.db, scoped, sort, undefined, limit)).map((r) => r.first_name), `${what} limit=${limit}`).toEqual(expected.slice(0, limit));
            }
            const paged: string[] = [];
            let after: SortKey | undefined;
            for (let page = await listSorted(s.db, scoped, sort, after, 2); page.length; page = await listSorted(s.db, scoped, sort, after, 2)) {
              paged.push(...page.map((r) => r.first_name));
              after = sortKeyOf(page[page.length - 1]!, sort.by);
            }
            expect(paged, what).toEqual(expected);
          }
        }
      }
    }
  });

  it('counts from the location bits exactly as from the parts, for a Manager and for the pool', async () => {
    const s = await shop();
    for (const [label, scope, members] of scopes(s)) {
      const at = scope.kind === 'locations' ? scope.locationIds : (scope.unassignedAt ?? []);
      if (!at.length) continue;
      for (const filters of [...FILTERS, { consentEmail: true }, { created: { kind: 'old' as const } }]) {
        const list = { scope, filters, ctx: { staffId: scope.staffId, now: new Date() }, fromSet: true };
        const fromParts = await countListable(s.db, list);
        const fromBits = await countByLocationBits(s.db, { ...list, fromSet: false }, scope, bitsOf(at)!, scope.kind === 'own');
        expect(fromBits, `${label} ${JSON.stringify(filters)}`).toBe(fromParts);
      }
      expect(await countListable(s.db, { scope, filters: {}, ctx: { staffId: scope.staffId, now: new Date() }, fromSet: true }), label).toBe(members.length);
    }
  });

  it('finds by search only the clients in the scope, probing the pool and the homes', async () => {
    const s = await shop();
    for (const [label, scope, members] of scopes(s)) {
      expect(await isSmallScope(s.db, scope), label).toBe(true);
      for (const fromSet of [true, false]) {
        const list = { scope, filters: {}, ctx: { staffId: scope.staffId, now: new Date() }, fromSet };
        for (const name of Object.keys(s.ids)) {
          for (const plan of [planSearch(name.slice(0, 2), 'US'), { ...planSearch(name, 'US'), prefix: null }]) {
            const found = (await searchSource(s.db, list, 'text', plan, 0, 10))!.map((r) => r.first_name);
            expect(found, `${label} fromSet=${fromSet} ${name} ${JSON.stringify(plan)}`).toEqual(members.includes(name) ? [name] : []);
          }
        }
      }
    }
  });

  it('follows a claim, a hand-back and a change of home at once', async () => {
    const s = await shop();
    const pool = { kind: 'own' as const, staffId: s.sam, unassignedAt: [s.north.id] };
    const seen = async (scope: ClientScope) =>
      (await listSorted(s.db, { scope, filters: {}, ctx: { staffId: s.sam, now: new Date() }, fromSet: true }, { by: 'name', dir: 'asc' }, undefined, 50))
        .map((r) => r.first_name)
        .sort();
    const kais = { kind: 'own' as const, staffId: s.kai };
    await s.db.updateTable('clients').set({ assigned_staff_id: s.kai }).where('id', '=', s.ids.Ann!).execute(); // Kai claims Ann
    expect(await seen(pool)).toEqual(['Cat', 'Eve', 'Fay', 'Hal', 'Jon', 'Kim']);
    expect(await seen(kais)).toEqual(['Ann', 'Bob']);
    await s.db.updateTable('clients').set({ assigned_staff_id: null }).where('id', '=', s.ids.Bob!).execute(); // Kai gives Bob up: North's pool
    await s.db.updateTable('clients').set({ home_location_id: s.north.id }).where('id', '=', s.ids.Dan!).execute(); // Dan moves to North
    expect(await seen(pool)).toEqual(['Bob', 'Cat', 'Dan', 'Eve', 'Fay', 'Hal', 'Jon', 'Kim']);
    await s.db.updateTable('clients').set({ home_location_id: s.south.id }).where('id', '=', s.ids.Hal!).execute(); // Hal's note keeps him at North
    await s.db.updateTable('clients').set({ home_location_id: s.main.id }).where('id', '=', s.ids.Kim!).execute(); // so does Kim's sale
    await s.db.updateTable('clients').set({ home_location_id: s.south.id }).where('id', '=', s.ids.Bob!).execute(); // Bob leaves North
    expect(await seen(pool)).toEqual(['Cat', 'Dan', 'Eve', 'Fay', 'Hal', 'Jon', 'Kim']);
  });

  it('gives an own scope the pool of its locations only while the shop setting is on', () => {
    const base = { staffId: 7, visibility: 'own' as const, locationIds: [2, 3], allClientsVisible: false };
    expect(clientScope({ ...base, unassignedPool: true })).toEqual({ kind: 'own', staffId: 7, unassignedAt: [2, 3] });
    expect(clientScope({ ...base, unassignedPool: false })).toEqual({ kind: 'own', staffId: 7 });
    expect(clientScope({ ...base, locationIds: [], unassignedPool: true })).toEqual({ kind: 'own', staffId: 7 });
    expect(clientScope({ ...base, visibility: 'locations', unassignedPool: true })).toEqual({ kind: 'locations', staffId: 7, locationIds: [2, 3] });
  });

  it('reads the pool and a location’s never-seen clients from index ranges alone', async () => {
    const s = await shop();
    const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      return (s.app.services.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
    };
    const pool = { kind: 'own' as const, staffId: s.sam, unassignedAt: [s.north.id, s.south.id] };
    const live = (eb: Parameters<Parameters<typeof unseenAtHome>[6]>[0]) => eb('clients.deleted_at', 'is', null);
    for (const scope of [pool, { kind: 'locations' as const, staffId: s.mona, locationIds: [s.north.id, s.south.id] }]) {
      const unseen = plan({ compile: () => unseenAtHome(s.db, scope, 'totalSpend', 'asc', [0, 3], 50, live)!.compile(s.db) });
      expect(unseen.filter((d) => d.includes('clients_unseen_home'))).toEqual(
        Array(2).fill('SEARCH clients USING COVERING INDEX clients_unseen_home (home_location_id=? AND id>?)'),
      );
    }
    expect(plan(othersInScope(s.db, pool).select('clients.id'))).toContain('SEARCH client_locations USING COVERING INDEX client_locations_unassigned (location_id=?)');
  });
});
