import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';

/**
 * The membership tables the visibility scope reads (client_staff, client_locations) and the
 * clients' has_interactions flag must equal, at every moment, what the interactions and the
 * clients' homes and assignments say. Each step below changes interactions
 * the way the app or a tool can, then compares the tables with the interactions themselves.
 */
async function expectExact(app: App) {
  const db = app.services.db;
  const kept = async (table: 'client_locations', key: string) =>
    (await sql<{ k: number; c: number }>`SELECT ${sql.ref(key)} AS k, client_id AS c FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db)).rows;
  const derived = async (key: string) =>
    (await sql<{ k: number; c: number }>`SELECT DISTINCT ${sql.ref(key)} AS k, client_id AS c FROM interactions WHERE ${sql.ref(key)} IS NOT NULL ORDER BY 1, 2`.execute(db)).rows;
  // The pairs (0016): worked with = the interactions; assigned = the clients' assigned staff; no pair is neither.
  const pairs = async (where: string) =>
    (await sql<{ k: number; c: number }>`SELECT staff_id AS k, client_id AS c FROM client_staff WHERE ${sql.raw(where)} ORDER BY 1, 2`.execute(db)).rows;
  expect(await pairs('worked = 1')).toEqual(await derived('staff_id'));
  const assigned = await sql<{ k: number; c: number }>`SELECT assigned_staff_id AS k, id AS c FROM clients WHERE assigned_staff_id IS NOT NULL ORDER BY 1, 2`.execute(db);
  expect(await pairs('is_assigned = 1')).toEqual(assigned.rows);
  expect(await pairs('worked = 0 AND is_assigned = 0')).toEqual([]);
  // The locations (0020): where the interactions are, and each client's home; flagged while the client is Unassigned.
  const located = await sql<{ k: number; c: number }>`
    SELECT location_id AS k, client_id AS c FROM interactions WHERE location_id IS NOT NULL
    UNION SELECT home_location_id, id FROM clients WHERE home_location_id IS NOT NULL ORDER BY 1, 2`.execute(db);
  expect(await kept('client_locations', 'location_id')).toEqual(located.rows);
  const flagged = await sql<{ k: number; c: number; u: number }>`
    SELECT cl.location_id AS k, cl.client_id AS c, cl.is_unassigned AS u, c.assigned_staff_id IS NULL AS want
    FROM client_locations cl JOIN clients c ON c.id = cl.client_id WHERE cl.is_unassigned != (c.assigned_staff_id IS NULL)`.execute(db);
  expect(flagged.rows).toEqual([]);
  // The flag the seen-client indexes (0009) are partial on: exactly "has any interaction".
  const flags = await sql<{ id: number; seen: number }>`SELECT id, has_interactions AS seen FROM clients ORDER BY id`.execute(db);
  const having = await sql<{ id: number; seen: number }>`SELECT id, EXISTS (SELECT 1 FROM interactions i WHERE i.client_id = clients.id) AS seen FROM clients ORDER BY id`.execute(db);
  expect(flags.rows).toEqual(having.rows);
}

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const uptown = await admin.ok('location-create', { name: 'Uptown' });
  const [main] = (await admin.ok('location-list', {})).filter((l) => l.isDefault);
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager' });
  await admin.ok('staff-update', { id: mona.id, locationIds: [uptown.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
  const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate' });
  // Associates' scope here is what interactions and assignments make it, without their store's Unassigned pool.
  await admin.ok('settings-update', { unassignedPool: false });
  const make = async (firstName: string) => {
    const c = await admin.ok('client-create', { firstName, lastName: 'Member' });
    // Unassigned, so only interactions can put the client in anyone's scope.
    await app.services.db.updateTable('clients').set({ assigned_staff_id: null }).where('id', '=', c.id).execute();
    return c;
  };
  return { app, admin, mona, sam, kai, main: main!, uptown, make };
}

const visible = async (who: TestClient) =>
  (await who.ok('client-list', {})).items.map((c) => c.firstName).sort();

describe('the scope membership tables', () => {
  it('follow interactions added, moved to another client, staff member or location, and deleted', async () => {
    const { app, admin, mona, sam, kai, main, uptown, make } = await shop();
    const db = app.services.db;
    const ana = await make('Ana');
    const ben = await make('Ben');
    await expectExact(app);

    expect(await sam.call('client-interaction-add', { clientId: ana.id, kind: 'sale', amountCents: 100 })).toMatchObject({ ok: false });
    await admin.ok('client-interaction-add', { clientId: ana.id, kind: 'sale', amountCents: 100 });
    const at = new Date().toISOString();
    const add = (client: number, staff: number | null, location: number | null) =>
      db
        .insertInto('interactions')
        .values({ client_id: client, kind: 'booking', staff_id: staff, location_id: location, amount_cents: null, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null })
        .returning('id')
        .executeTakeFirstOrThrow();
    const first = await add(ana.id, sam.id, main.id);
    const second = await add(ana.id, sam.id, main.id); // the same pairs again
    await expectExact(app);
    expect(await visible(sam)).toEqual(['Ana']);
    expect(await visible(mona)).toEqual([]);

    // One of two interactions holding a pair moves to another client: the pair stays for Ana, appears for Ben.
    await db.updateTable('interactions').set({ client_id: ben.id }).where('id', '=', second.id).execute();
    await expectExact(app);
    expect(await visible(sam)).toEqual(['Ana', 'Ben']);

    // Another staff member, then another location.
    await db.updateTable('interactions').set({ staff_id: kai.id }).where('id', '=', first.id).execute();
    await expectExact(app);
    expect(await visible(kai)).toEqual(['Ana']);
    expect(await visible(sam)).toEqual(['Ben']);
    await db.updateTable('interactions').set({ location_id: uptown.id }).where('id', '=', second.id).execute();
    await expectExact(app);
    expect(await visible(mona)).toEqual(['Ben']);
    // Location and staff cleared at once.
    await db.updateTable('interactions').set({ staff_id: null, location_id: null }).where('id', '=', second.id).execute();
    await expectExact(app);
    expect(await visible(sam)).toEqual([]);
    expect(await visible(mona)).toEqual([]);

    await db.deleteFrom('interactions').where('id', '=', first.id).execute();
    await expectExact(app);
    expect(await visible(kai)).toEqual([]);
    // A client removed outright (an import's undo) takes its interactions with it.
    await add(ben.id, kai.id, uptown.id);
    await db.deleteFrom('interactions').where('client_id', '=', ben.id).execute();
    await db.deleteFrom('clients').where('id', '=', ben.id).execute();
    await expectExact(app);
  });

  it('hold the assigned staff member’s pair through interactions and reassignments, so one probe answers for an Associate', async () => {
    const { app, admin, sam, kai, main, make } = await shop();
    const db = app.services.db;
    const ana = await make('Ana');
    const at = new Date().toISOString();
    const assign = (staff: number | null) => db.updateTable('clients').set({ assigned_staff_id: staff }).where('id', '=', ana.id).execute();
    await assign(sam.id);
    await expectExact(app);
    expect(await visible(sam)).toEqual(['Ana']);
    const sale = await db
      .insertInto('interactions')
      .values({ client_id: ana.id, kind: 'sale', staff_id: sam.id, location_id: main.id, amount_cents: 900, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expectExact(app);
    await assign(kai.id); // Sam worked with her: still his to see
    await expectExact(app);
    expect(await visible(sam)).toEqual(['Ana']);
    expect(await visible(kai)).toEqual(['Ana']);
    await db.deleteFrom('interactions').where('id', '=', sale.id).execute(); // his last interaction gone
    await expectExact(app);
    expect(await visible(sam)).toEqual([]);
    await assign(sam.id);
    await db.deleteFrom('interactions').where('client_id', '=', ana.id).execute();
    await expectExact(app); // assigned, never worked with: the pair stays
    expect(await visible(sam)).toEqual(['Ana']);
    const bea = await admin.ok('client-create', { firstName: 'Bea', lastName: 'New' }); // created: assigned to its creator
    await expectExact(app);
    await db.deleteFrom('clients').where('id', '=', bea.id).execute(); // an import's undo
    await assign(null);
    await expectExact(app);
    expect(await visible(sam)).toEqual([]);
  });

  it('follow a merge, which moves every interaction to the survivor, and survive a purge exactly', async () => {
    const { app, admin, mona, sam, kai, uptown, make } = await shop();
    const db = app.services.db;
    const keep = await make('Keep');
    const drop = await make('Drop');
    const at = new Date().toISOString();
    await db
      .insertInto('interactions')
      .values([
        { client_id: drop.id, kind: 'sale', staff_id: sam.id, location_id: uptown.id, amount_cents: 500, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null },
        { client_id: keep.id, kind: 'booking', staff_id: kai.id, location_id: null, amount_cents: null, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null },
      ])
      .execute();
    expect(await visible(sam)).toEqual(['Drop']);
    const [k, d] = [await admin.ok('client-get', { id: keep.id }), await admin.ok('client-get', { id: drop.id })];
    await admin.ok('client-merge', { survivorId: keep.id, survivorVersion: k.version, mergedId: drop.id, mergedVersion: d.version, take: [] });
    await expectExact(app);
    expect(await visible(sam)).toEqual(['Keep']);
    expect(await visible(kai)).toEqual(['Keep']);
    expect(await visible(mona)).toEqual(['Keep']);
    expect(await db.selectFrom('client_staff').select('staff_id').where('client_id', '=', drop.id).execute()).toEqual([]);

    const kept = await admin.ok('client-get', { id: keep.id });
    await admin.ok('client-delete', { id: keep.id, version: kept.version });
    await admin.ok('client-purge', { id: keep.id, confirm: 'ERASE' });
    // The sales stay for reporting, so do their pairs; the erased client is in no one's list.
    await expectExact(app);
    expect(await visible(sam)).toEqual([]);
    expect((await sam.ok('client-count', {})).count).toBe(0);
  });
});
