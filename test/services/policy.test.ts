import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { download } from '../helpers/files';
import { countByLocationBits, countListable, listSorted, searchSource, sortKeyOf, type SortKey } from '../../src-main/db/queries/client-list.queries';
import { locationBits } from '../../src-main/db/queries/scope';
import { planSearch } from '../../src-main/domain/client-search';
import type { ClientScope } from '../../src-main/domain/visibility';

/**
 * A shop with two locations and four staff, and clients reached in every way the scope
 * knows: assigned, worked with, at a location, and none of these.
 */
async function seededShop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const downtown = await admin.ok('location-create', { name: 'Downtown' });
  const [main] = (await admin.ok('location-list', {})).filter((l) => l.isDefault);
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager' });
  await admin.ok('staff-update', { id: mona.id, locationIds: [downtown.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
  const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate' });
  // The scope as assignments and interactions make it: the Unassigned pool has tests of its own.
  await admin.ok('settings-update', { unassignedPool: false });

  const samsOwn = await sam.ok('client-create', { firstName: 'Olga', lastName: 'Own', email: 'olga@example.com' });
  const kaisOwn = await kai.ok('client-create', { firstName: 'Kira', lastName: 'Kais', email: 'kira@example.com' });
  const workedWith = await admin.ok('client-create', { firstName: 'Wren', lastName: 'Worked' });
  const downtownBuyer = await admin.ok('client-create', { firstName: 'Dora', lastName: 'Downtown' });
  const stranger = await admin.ok('client-create', { firstName: 'Stan', lastName: 'Stranger', email: 'stan@example.com' });
  // Clients created by the Admin are the Admin's: make two of them Unassigned, as imports would.
  await app.services.db.updateTable('clients').set({ assigned_staff_id: null }).where('id', 'in', [workedWith.id, downtownBuyer.id, stranger.id]).execute();
  const at = new Date().toISOString();
  await app.services.db
    .insertInto('interactions')
    .values([
      { client_id: workedWith.id, kind: 'sale', staff_id: sam.id, location_id: main!.id, amount_cents: 5000, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null },
      { client_id: downtownBuyer.id, kind: 'booking', staff_id: kai.id, location_id: downtown.id, amount_cents: null, occurred_at: at, created_at: at, channel: null, added_by: null, external_id: null, body: null },
    ])
    .execute();
  return { app, admin, mona, sam, kai, clients: { samsOwn, kaisOwn, workedWith, downtownBuyer, stranger } };
}

const LAST_NAMES: Record<string, string> = { Olga: 'Own', Kira: 'Kais', Wren: 'Worked', Dora: 'Downtown', Stan: 'Stranger' };

const names = async (who: TestClient, query?: string) =>
  (await who.ok('client-list', query ? { query } : {})).items.map((c) => c.firstName).sort();

describe('visibility scope, applied in SQL', () => {
  it('gives each role exactly the clients it may see, in lists, searches and by id', async () => {
    const { admin, mona, sam, kai, clients } = await seededShop();
    expect(await names(admin)).toEqual(['Dora', 'Kira', 'Olga', 'Stan', 'Wren']);
    expect(await names(sam)).toEqual(['Olga', 'Wren']); // assigned to him, and worked with
    expect(await names(kai)).toEqual(['Dora', 'Kira']);
    expect(await names(mona)).toEqual(['Dora']); // clients at her location (she has none of her own)
    expect(await names(sam, 'Stan')).toEqual([]);
    expect(await names(sam, 'stan@')).toEqual([]);
    for (const outside of [clients.stranger, clients.kaisOwn, clients.downtownBuyer]) {
      expect(await sam.call('client-get', { id: outside.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect((await sam.ok('client-get', { id: clients.workedWith.id })).firstName).toBe('Wren');
  });

  it('counts, sorts, filters and exports exactly the same clients as the list shows', async () => {
    const { admin, mona, sam, kai } = await seededShop();
    const expected: [TestClient, string[]][] = [[admin, ['Dora', 'Kira', 'Olga', 'Stan', 'Wren']], [sam, ['Olga', 'Wren']], [kai, ['Dora', 'Kira']], [mona, ['Dora']]];
    for (const [who, seen] of expected) {
      expect((await who.ok('client-count', {})).count).toBe(seen.length);
      for (const by of ['name', 'created', 'lastVisit', 'totalSpend'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const page = await who.ok('client-list', { sort: { by, dir }, limit: 2 });
          const next = page.nextCursor ? await who.ok('client-list', { sort: { by, dir }, limit: 10, cursor: page.nextCursor }) : { items: [] };
          expect([...page.items, ...next.items].map((c) => c.firstName).sort(), `${by} ${dir}`).toEqual(seen);
        }
      }
      const existing = seen.filter((n) => n === 'Wren' || n === 'Dora');
      expect((await who.ok('client-count', { filters: { status: 'existing' } })).count).toBe(existing.length);
      expect((await who.ok('client-list', { filters: { status: 'existing' } })).items.map((c) => c.firstName).sort()).toEqual(existing);
      const exported = await who.ok('export-clients', { preset: 'clientele', columns: ['firstName'] });
      const text = (await download(who, exported.fileId)).toString('utf8').replace(/^\uFEFF/, '');
      expect(text.trim().split(/\r?\n/).slice(1).sort()).toEqual(seen);
    }
  });

  it('gives the same clients whichever way a query reaches the scope: from its set of ids, or probing each row', async () => {
    const { app, admin, mona, sam, kai } = await seededShop();
    const downtown = (await admin.ok('location-list', {})).find((l) => !l.isDefault)!;
    const scopes: [Exclude<ClientScope, { kind: 'all' }>, string[]][] = [
      [{ kind: 'own', staffId: sam.id }, ['Olga', 'Wren']],
      [{ kind: 'own', staffId: kai.id }, ['Dora', 'Kira']],
      [{ kind: 'locations', staffId: mona.id, locationIds: [downtown.id] }, ['Dora']],
      [{ kind: 'locations', staffId: kai.id, locationIds: [] }, ['Dora', 'Kira']],
    ];
    const db = app.services.db;
    for (const [scope, seen] of scopes) {
      for (const fromSet of [true, false]) {
        const s = { scope, filters: {}, ctx: { staffId: scope.staffId, now: new Date() }, fromSet };
        const label = `${JSON.stringify(scope)} fromSet=${fromSet}`;
        expect(await countListable(db, s), label).toBe(seen.length);
        const byName = [...seen].sort((a, b) => LAST_NAMES[a]!.localeCompare(LAST_NAMES[b]!));
        expect((await listSorted(db, s, { by: 'name', dir: 'asc' }, undefined, 10)).map((r) => r.first_name), label).toEqual(byName);
        expect((await listSorted(db, s, { by: 'totalSpend', dir: 'desc' }, undefined, 10)).map((r) => r.first_name).sort(), label).toEqual(seen);
        // Keyset paging: the page after the first row holds the rest.
        const [first] = await listSorted(db, s, { by: 'name', dir: 'desc' }, undefined, 1);
        const rest = await listSorted(db, s, { by: 'name', dir: 'desc' }, [first!.last_name, first!.first_name, first!.id], 10);
        expect([first!, ...rest].map((r) => r.first_name), label).toEqual([...byName].reverse());
        const existing = { ...s, filters: { status: 'existing' as const } };
        expect(await countListable(db, existing), label).toBe(seen.filter((n) => n === 'Wren' || n === 'Dora').length);
        // Searches: a small scope probes each match's membership before reading its row.
        for (const name of Object.keys(LAST_NAMES)) {
          // By word prefix, by substring, and both at once.
          for (const plan of [planSearch(name.slice(0, 2), 'US'), { ...planSearch(name, 'US'), prefix: null }, planSearch(name, 'US')]) {
            const found = (await searchSource(db, s, 'text', plan, 0, 10))!.map((r) => r.first_name);
            expect(found, `${label} ${JSON.stringify(plan)}`).toEqual(seen.includes(name) ? [name] : []);
          }
        }
      }
    }
  });

  it('keeps a client someone worked with in their scope as it is assigned to them, then to a colleague, then to nobody', async () => {
    const { app, sam, kai, clients } = await seededShop();
    const db = app.services.db;
    const reads = async (staffId: number) => {
      const s = { scope: { kind: 'own' as const, staffId }, filters: {}, ctx: { staffId, now: new Date() }, fromSet: true };
      const listed = (await listSorted(db, s, { by: 'name', dir: 'asc' }, undefined, 10)).map((r) => r.first_name);
      return { count: await countListable(db, s), listed };
    };
    for (const assignee of [sam.id, kai.id, null]) {
      await db.updateTable('clients').set({ assigned_staff_id: assignee }).where('id', '=', clients.workedWith.id).execute();
      expect(await reads(sam.id), `assigned to ${assignee}`).toEqual({ count: 2, listed: ['Olga', 'Wren'] });
      expect(await reads(kai.id), `assigned to ${assignee}`).toEqual(
        assignee === kai.id ? { count: 3, listed: ['Dora', 'Kira', 'Wren'] } : { count: 2, listed: ['Dora', 'Kira'] },
      );
    }
  });

  it('counts a location scope from the location bits exactly as from its parts, whatever the filters', async () => {
    const { app, admin, mona, sam, clients } = await seededShop();
    const db = app.services.db;
    const [main, downtown] = (await admin.ok('location-list', {})).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    // Mona's own client, never seen; one she sold to at the main store; one seen at both stores; one seen downtown, then deleted.
    const own = await mona.ok('client-create', { firstName: 'Mae', lastName: 'Monas', consentEmail: { granted: true } });
    const soldTo = await admin.ok('client-create', { firstName: 'Sol', lastName: 'Sold' });
    const both = await admin.ok('client-create', { firstName: 'Bo', lastName: 'Both', consentEmail: { granted: true } });
    const gone = await admin.ok('client-create', { firstName: 'Gus', lastName: 'Gone' });
    await db.updateTable('clients').set({ assigned_staff_id: null }).where('id', 'in', [soldTo.id, both.id, gone.id]).execute();
    await db.updateTable('clients').set({ assigned_staff_id: sam.id }).where('id', '=', clients.downtownBuyer.id).execute();
    const at = new Date().toISOString();
    const sale = (client: number, staff: number | null, location: number) => ({
      client_id: client, kind: 'sale' as const, staff_id: staff, location_id: location, amount_cents: 1000, occurred_at: at, created_at: at,
      channel: null, added_by: null, external_id: null, body: null,
    });
    await db.insertInto('interactions').values([sale(soldTo.id, mona.id, main!.id), sale(both.id, null, main!.id), sale(both.id, null, downtown!.id), sale(gone.id, null, downtown!.id)]).execute();
    await admin.ok('client-delete', { id: gone.id, version: (await admin.ok('client-get', { id: gone.id })).version });

    const scope = { kind: 'locations' as const, staffId: mona.id, locationIds: [downtown!.id] };
    const bits = locationBits(scope)!;
    const month = String(new Date().getUTCMonth() + 1).padStart(2, '0');
    await db.updateTable('clients').set({ birthday: `1990-${month}-15` }).where('id', 'in', [both.id, own.id]).execute();
    await db.updateTable('clients').set({ anniversary: `--${month}-02` }).where('id', '=', clients.downtownBuyer.id).execute();
    const filterSets = [
      {}, { status: 'existing' as const }, { status: 'guest' as const }, { consentEmail: true }, { assigned: 'unassigned' as const }, { mine: true },
      { created: { kind: 'new' as const } }, { assigned: sam.id }, { birthdayThisMonth: true }, { anniversaryThisMonth: true, status: 'existing' as const },
    ];
    for (const filters of filterSets) {
      const s = { scope, filters, ctx: { staffId: mona.id, now: new Date() }, fromSet: true };
      const fromParts = await countListable(db, s);
      expect(await countByLocationBits(db, { ...s, fromSet: false }, scope, bits), JSON.stringify(filters)).toBe(fromParts);
    }
    // Dora and Bo seen downtown, Mae her own, Sol sold to; Gus deleted.
    const counts = (filters: object) => countByLocationBits(db, { scope, filters, ctx: { staffId: mona.id, now: new Date() }, fromSet: false }, scope, bits);
    expect(await counts({})).toBe(4);
    expect(await counts({ birthdayThisMonth: true })).toBe(2);
    expect(await counts({ anniversaryThisMonth: true })).toBe(1);
    expect(locationBits({ ...scope, locationIds: [63] })).toBeNull();
    expect(locationBits({ kind: 'own', staffId: mona.id })).toBeNull();
  });

  it('walks a large scope by spend or last visit over seen clients only, in the same order as probing the whole book', async () => {
    const { app, admin, mona, sam, clients } = await seededShop();
    const db = app.services.db;
    const downtown = (await admin.ok('location-list', {})).find((l) => !l.isDefault)!;
    const at = (days: number) => new Date(Date.UTC(2026, 0, 1 + days)).toISOString();
    const interaction = (client: number, kind: 'sale' | 'note', staff: number | null, location: number | null, cents: number | null, days: number) => ({
      client_id: client, kind, staff_id: staff, location_id: location, amount_cents: cents, occurred_at: at(days), created_at: at(days), channel: null, added_by: null, external_id: null, body: null,
    });
    // Mona's own client is also seen at her location (in both parts, listed once); a note
    // puts Nell in her scope with no spend and no visit, sorting with the never-seen; ties on
    // spend are broken by id; a deleted client seen there is out.
    const monasOwn = await mona.ok('client-create', { firstName: 'Mo', lastName: 'Mine' });
    const nell = await admin.ok('client-create', { firstName: 'Nell', lastName: 'Noted' });
    const tie = await admin.ok('client-create', { firstName: 'Tia', lastName: 'Tie' });
    const gone = await admin.ok('client-create', { firstName: 'Gus', lastName: 'Gone' });
    await db.updateTable('clients').set({ assigned_staff_id: null }).where('id', 'in', [nell.id, tie.id, gone.id]).execute();
    await db
      .insertInto('interactions')
      .values([
        interaction(monasOwn.id, 'sale', null, downtown.id, 700, 3),
        interaction(nell.id, 'note', null, downtown.id, null, 4),
        interaction(tie.id, 'sale', sam.id, downtown.id, 700, 2),
        interaction(clients.downtownBuyer.id, 'sale', null, downtown.id, 300, 5),
        interaction(gone.id, 'sale', null, downtown.id, 100, 1),
      ])
      .execute();
    await db.updateTable('clients').set({ deleted_at: at(6) }).where('id', '=', gone.id).execute();

    const scopes: [Exclude<ClientScope, { kind: 'all' }>, string[], string[]][] = [
      [{ kind: 'locations', staffId: mona.id, locationIds: [downtown.id] }, ['Dora', 'Mo', 'Nell', 'Tia'], ['Mo']],
      [{ kind: 'own', staffId: sam.id }, ['Olga', 'Tia', 'Wren'], ['Olga']],
    ];
    for (const [scope, seen, mine] of scopes) {
      for (const by of ['totalSpend', 'lastVisit'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort = { by, dir };
          const everyone = { scope: { kind: 'all' as const }, filters: {}, ctx: { staffId: scope.staffId, now: new Date() }, fromSet: false };
          const expected = (await listSorted(db, everyone, sort, undefined, 100)).map((r) => r.first_name).filter((n) => seen.includes(n));
          for (const fromSet of [false, true]) {
            const s = { ...everyone, scope, fromSet };
            const label = `${JSON.stringify(scope)} ${by} ${dir} fromSet=${fromSet}`;
            // Every page size: a client in both parts still takes one place on the page.
            for (let limit = 1; limit <= expected.length + 1; limit++) {
              expect((await listSorted(db, s, sort, undefined, limit)).map((r) => r.first_name), `${label} limit=${limit}`).toEqual(expected.slice(0, limit));
            }
            // One row per page, each page after the last key: the same order, nothing twice.
            const paged: string[] = [];
            let after: SortKey | undefined;
            for (let page = await listSorted(db, s, sort, after, 1); page.length; page = await listSorted(db, s, sort, after, 1)) {
              paged.push(page[0]!.first_name);
              after = sortKeyOf(page[0]!, by);
            }
            expect(paged, label).toEqual(expected);
            const existing = (await listSorted(db, { ...s, filters: { status: 'existing' } }, sort, undefined, 10)).map((r) => r.first_name);
            expect(existing, label).toEqual(expected.filter((n) => n !== 'Nell' && n !== 'Olga'));
            const assignedToMe = (await listSorted(db, { ...s, filters: { mine: true } }, sort, undefined, 10)).map((r) => r.first_name);
            expect(assignedToMe, label).toEqual(expected.filter((n) => mine.includes(n)));
            const unassigned = (await listSorted(db, { ...s, filters: { assigned: 'unassigned' } }, sort, undefined, 10)).map((r) => r.first_name);
            expect(unassigned, label).toEqual(expected.filter((n) => ['Wren', 'Dora', 'Nell', 'Tia'].includes(n)));
          }
        }
      }
    }
  });

  it('follows a change of locations and the shop setting that opens every client, on the next call', async () => {
    const { admin, mona, sam } = await seededShop();
    const [main] = (await admin.ok('location-list', {})).filter((l) => l.isDefault);
    expect(await names(mona)).toEqual(['Dora']);
    await admin.ok('staff-update', { id: mona.id, locationIds: [main!.id] });
    // Every client here was created by staff working at the main store: it is their home.
    expect(await names(mona)).toEqual(['Dora', 'Kira', 'Olga', 'Stan', 'Wren']);
    await admin.ok('settings-update', { allClientsVisible: true });
    expect(await names(sam)).toEqual(['Dora', 'Kira', 'Olga', 'Stan', 'Wren']);
    expect(await names(mona)).toEqual(['Dora', 'Kira', 'Olga', 'Stan', 'Wren']);
  });

  it('a role set to see all clients sees them all', async () => {
    const { admin, sam } = await seededShop();
    const roles = await admin.ok('role-list', {});
    const associate = roles.find((r) => r.builtIn && r.baseRole === 'associate')!;
    await admin.ok('role-update', { id: associate.id, visibility: 'all' });
    expect(await names(sam)).toHaveLength(5);
  });
});

describe('hidden fields', () => {
  it('never leave the main process: blanked in responses and not searchable', async () => {
    const { app, admin, clients } = await seededShop();
    const trainee = await admin.ok('role-create', { name: 'Trainee', baseRole: 'associate', visibility: 'all', hiddenFields: ['contact', 'notes'] });
    const tia = await staffSession(app, admin, { name: 'Tia Trainee', username: 'tia', role: 'associate' });
    await admin.ok('staff-update', { id: tia.id, customRoleId: trainee.id });
    const seen = await tia.ok('client-get', { id: clients.stranger.id });
    expect(seen).toMatchObject({ firstName: 'Stan', email: null, phone: null, phoneE164: null, notes: null });
    expect(seen.hiddenFields.sort()).toEqual(['contact', 'notes']);
    expect(JSON.stringify(await tia.ok('client-list', {}))).not.toContain('@example.com');
    expect(await names(tia, 'stan@')).toEqual([]);
    expect(await names(tia, 'Stan')).toEqual(['Stan']);
    const session = await tia.ok('session-get', {});
    expect(session).toMatchObject({ staff: { roleName: 'Trainee', role: 'associate' }, hiddenFields: ['contact', 'notes'] });
  });
});

describe('roles', () => {
  it('creates a custom role with exactly the permissions ticked, changes it and deletes it once nobody holds it', async () => {
    const { app, admin } = await seededShop();
    const wide = await admin.ok('role-create', { name: 'Senior', baseRole: 'associate', permissions: ['session.use', 'client.view', 'client.merge'] });
    expect(wide.permissions.sort()).toEqual(['client.merge', 'client.view', 'session.use']);
    const viewer = await admin.ok('role-create', { name: 'Viewer', baseRole: 'associate', permissions: ['session.use', 'client.view'] });
    expect(viewer).toMatchObject({ builtIn: false, visibility: 'own', permissions: ['session.use', 'client.view'] });
    const vic = await staffSession(app, admin, { name: 'Vic', username: 'vic', role: 'associate' });
    await admin.ok('staff-update', { id: vic.id, customRoleId: viewer.id });
    expect(await vic.call('client-create', { firstName: 'Nope' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'The Viewer role cannot add clients.' },
    });
    await admin.ok('role-update', { id: viewer.id, permissions: ['session.use', 'client.view', 'client.create'] });
    expect((await vic.call('client-create', { firstName: 'Yes' })).ok).toBe(true);
    expect(await admin.call('role-delete', { id: viewer.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '1 staff member has the Viewer role. Give them another role first.' } });
    await admin.ok('staff-update', { id: vic.id, role: 'associate' });
    await admin.ok('role-delete', { id: viewer.id });
    const audit = await admin.ok('audit-list', { entity: 'role' });
    expect(audit.items.map((e) => e.action)).toEqual(['role.delete', 'role.update', 'role.create', 'role.create']);
  });

  it('keeps the built-in roles: Admin untouchable, the others only re-scoped', async () => {
    const { admin } = await seededShop();
    const roles = await admin.ok('role-list', {});
    const byBase = (b: string) => roles.find((r) => r.builtIn && r.baseRole === b)!;
    expect(await admin.call('role-update', { id: byBase('admin').id, visibility: 'own' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await admin.call('role-update', { id: byBase('manager').id, name: 'Boss' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('role-delete', { id: byBase('associate').id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await admin.ok('role-update', { id: byBase('manager').id, hiddenFields: ['address'] })).hiddenFields).toEqual(['address']);
  });

  it('counts only the built-in Admin role towards the last active Admin', async () => {
    const { app, admin } = await seededShop();
    const narrow = await admin.ok('role-create', { name: 'Office admin', baseRole: 'admin', permissions: ['session.use', 'client.view'] });
    const bea = await staffSession(app, admin, { name: 'Bea', username: 'bea', role: 'admin' });
    await admin.ok('staff-update', { id: bea.id, customRoleId: narrow.id });
    const adaId = (await admin.ok('session-get', {}))!.staff.id;
    await admin.ok('staff-update', { id: bea.id, role: 'admin' });
    await bea.ok('staff-update', { id: adaId, customRoleId: narrow.id });
    // Ada is now on the narrow role; Bea, the one real Admin left, cannot be moved to it.
    expect(await admin.call('staff-update', { id: bea.id, customRoleId: narrow.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bea2 = await bea.call('staff-update', { id: bea.id, customRoleId: narrow.id });
    expect(bea2).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'role: You cannot change your own role' } });
  });

  it('refuses changing the role one holds', async () => {
    const { admin } = await seededShop();
    const adminRole = (await admin.ok('role-list', {})).find((r) => r.builtIn && r.baseRole === 'admin')!;
    expect(await admin.call('role-update', { id: adminRole.id, visibility: 'own' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'You cannot change the role you hold yourself.' },
    });
  });
});

describe('the audit log', () => {
  it('filters by staff member, action family, client and time, and exports spreadsheet-safe CSV', async () => {
    const { admin, sam, clients } = await seededShop();
    const samOnly = await admin.ok('audit-list', { actorId: sam.id, action: 'client' });
    expect(samOnly.items.map((e) => e.action)).toEqual(['client.create']);
    const olga = await admin.ok('audit-list', { entity: 'client', entityId: clients.samsOwn.id });
    expect(olga.items).toHaveLength(1);
    expect((await admin.ok('audit-list', { from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })).items).toEqual([]);
    await admin.ok('client-create', { firstName: '=HYPERLINK("http://x")', lastName: 'Formula' });
    const exported = await admin.ok('audit-export', { action: 'client.create' });
    expect(exported.rows).toBe(6);
    expect(exported.csv.startsWith('\ufeffWhen (UTC),Who,Action')).toBe(true);
    expect(exported.csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(await sam.call('audit-export', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
