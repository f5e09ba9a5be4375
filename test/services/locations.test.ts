/**
 * Locations that match a shop (issue 15): where each staff member works today, the home
 * location every client gets (the creator's working location, an import's location column
 * or chosen location), interactions recorded where the recorder works, and what that means
 * for a Manager's "clients at my locations" (finding 6) and an Associate's Unassigned pool
 * (finding 7).
 */
import { describe, expect, it } from 'vitest';
import type { ClientSummary } from '../../src-preload/contract';
import { connect, setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';
import { importCsv, upload } from '../helpers/files';

async function shop(now?: () => Date) {
  const app = await startApp({ now });
  const admin = await setUpShop(app);
  const main = (await admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const person = async (username: string, role: 'manager' | 'associate', locationIds: number[], posAssociateId?: string) => {
    const who = await staffSession(app, admin, { name: `${username[0]!.toUpperCase()}${username.slice(1)}`, username, role, posAssociateId });
    await admin.ok('staff-update', { id: who.id, locationIds });
    return who;
  };
  return { app, admin, main, north, south, person };
}

/** Every client the person's list holds, page after page. */
async function everyone(who: TestClient): Promise<ClientSummary[]> {
  const all: ClientSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ClientSummary[]; nextCursor: string | null } = await who.ok('client-list', { limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
const namesOf = async (who: TestClient) => (await everyone(who)).map((c) => c.firstName).sort();

describe('where staff work', () => {
  it('is their only location, the one they pick for today among several (until the day ends), or the default location for staff with none', async () => {
    const clock = testClock('2026-03-02T09:00:00.000Z');
    const { app, admin, main, north, south, person } = await shop(clock.now);
    const nina = await person('nina', 'associate', [north.id]);
    const tom = await person('tom', 'associate', [north.id, south.id]);
    const session = (who: TestClient) => who.ok('session-get', {});
    expect(await session(nina)).toMatchObject({ workingLocation: { id: north.id, name: 'North' }, workingLocations: [{ id: north.id, name: 'North' }] });
    expect(await session(tom)).toMatchObject({ workingLocation: { id: north.id }, workingLocations: [{ id: north.id }, { id: south.id }] });
    // The Admin has no location of their own: the default one, and any to pick from.
    expect(await session(admin)).toMatchObject({ workingLocation: { id: main.id }, workingLocations: [{ id: main.id }, { id: north.id }, { id: south.id }] });

    expect((await tom.ok('session-location-set', { locationId: south.id })).workingLocation).toEqual({ id: south.id, name: 'South' });
    expect(await tom.call('session-location-set', { locationId: main.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await nina.call('session-location-set', { locationId: south.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Another login the same day keeps the pick; the next day starts at the first of theirs again.
    const again = connect(app);
    expect((await again.ok('session-login', { username: 'tom', password: 'a long enough password' })).workingLocation).toMatchObject({ id: south.id });
    const audit = await admin.ok('audit-list', { action: 'staff.working-location', limit: 10 });
    expect(audit.items.map((e) => [e.actorId, e.after])).toEqual([[tom.id, { locationId: south.id, day: '2026-03-02' }]]);
    clock.advanceMinutes(24 * 60);
    const nextDay = connect(app);
    expect((await nextDay.ok('session-login', { username: 'tom', password: 'a long enough password' })).workingLocation).toMatchObject({ id: north.id });
  });

  it('gives a client created in the app the creator’s working location as its home, so the Manager there sees a new Guest at once', async () => {
    const { admin, north, south, person } = await shop();
    const mona = await person('mona', 'manager', [north.id]);
    const tom = await person('tom', 'associate', [north.id, south.id]);
    await tom.ok('session-location-set', { locationId: south.id });
    const gina = await tom.ok('client-create', { firstName: 'Gina', lastName: 'Guest' });
    expect(gina.homeLocation).toEqual({ id: south.id, name: 'South' });
    expect(gina.status).toBe('guest');
    await tom.ok('session-location-set', { locationId: north.id });
    const nils = await tom.ok('client-create', { firstName: 'Nils', lastName: 'North' });
    expect(nils.homeLocation).toEqual({ id: north.id, name: 'North' });
    // Both are Tom's; the Manager at North sees the North one, a Guest with no sale or booking yet.
    expect(await namesOf(mona)).toEqual(['Nils']);
    expect(await admin.ok('client-get', { id: gina.id })).toMatchObject({ homeLocation: { name: 'South' } });
    const created = await admin.ok('audit-list', { action: 'client.create', entityId: nils.id, limit: 5 });
    expect(created.items[0]!.after).toMatchObject({ homeLocationId: north.id });
  });

  it('records a sale, booking or note where the recorder works today, or at another of their locations they choose', async () => {
    const { admin, main, north, south, person } = await shop();
    const mona = await person('mona', 'manager', [north.id]);
    const nina = await person('nina', 'associate', [north.id]);
    const tom = await person('tom', 'associate', [north.id, south.id]);
    const ada = await admin.ok('client-create', { firstName: 'Ada', lastName: 'Atmain' }); // home: the main store
    await admin.ok('client-assign', { clientId: ada.id, staffId: tom.id });
    await admin.ok('client-assign', { clientId: ada.id, staffId: nina.id });
    expect(await namesOf(mona)).toEqual([]);

    // Nina works at North: her note is at North, not at the default location.
    const note = await nina.ok('client-interaction-add', { clientId: ada.id, kind: 'note', body: 'Asked about the spring line' });
    expect(note.locationName).toBe('North');
    expect(await namesOf(mona)).toEqual(['Ada']);
    await admin.ok('client-assign', { clientId: ada.id, staffId: tom.id });
    const sale = await tom.ok('client-interaction-add', { clientId: ada.id, kind: 'sale', amountCents: 5000, locationId: south.id });
    expect(sale.locationName).toBe('South');
    expect(await tom.call('client-interaction-add', { clientId: ada.id, kind: 'booking', locationId: main.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'locationId' }] } },
    });
    const booking = await admin.ok('client-interaction-add', { clientId: ada.id, kind: 'booking' });
    expect(booking.locationName).toBe('Main store');
    const recorded = await admin.ok('audit-list', { action: 'client.sale.add', entityId: ada.id, limit: 5 });
    expect(recorded.items[0]!.after).toMatchObject({ locationId: south.id });
  });
});

describe('a client import’s home locations', () => {
  it('takes the Location or Store column by name among the shop’s locations, else the location chosen for the import; an unknown name is a warning', async () => {
    const { app, admin, north, south } = await shop();
    const csv = ['First name,Last name,Store', 'Noa,One,North', 'Sol,Two,south', 'Una,Three,Nowhere', 'Bea,Four,'].join('\n');
    const uploadId = await upload(admin, 'stores.csv', csv);
    const inspection = await admin.ok('import-inspect', { uploadId });
    expect(inspection.mapping).toEqual(['firstName', 'lastName', 'location']);
    const preview = await admin.ok('import-preview', { uploadId, encoding: 'utf-8', delimiter: ',', mapping: inspection.mapping });
    expect(preview.map((r) => (r.ok ? r.values.location : null))).toEqual(['North', 'south', 'Nowhere', null]);
    const run = { uploadId, encoding: 'utf-8', delimiter: ',' as const, mapping: inspection.mapping };
    expect(await admin.call('import-run', { ...run, locationId: 999, dryRun: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const result = await admin.ok('import-run', { ...run, locationId: south.id, assign: { kind: 'unassigned' }, dryRun: false });
    expect(result).toMatchObject({ created: 4, rejected: 0, warnings: 1 });
    expect(result.problems).toEqual([{ line: 4, outcome: 'warning', column: null, reason: 'No location "Nowhere"; given the import\'s location, South' }]);
    const homes = await app.services.db.selectFrom('clients').select(['first_name', 'home_location_id']).orderBy('id').execute();
    expect(homes.map((h) => [h.first_name, h.home_location_id])).toEqual([['Noa', north.id], ['Sol', south.id], ['Una', south.id], ['Bea', south.id]]);
  });

  it('gives a file without a location the importer’s working location', async () => {
    const { app, north, person } = await shop();
    const mona = await person('mona', 'manager', [north.id]);
    const { result } = await importCsv(mona, 'first_name,last_name\nIvy,Imported\nIan,Imported\n', { assign: { kind: 'unassigned' } });
    expect(result.created).toBe(2);
    const homes = await app.services.db.selectFrom('clients').select('home_location_id').execute();
    expect(homes.map((h) => h.home_location_id)).toEqual([north.id, north.id]);
    // Unassigned and at her location: the Manager who imported them still sees them.
    expect(await namesOf(mona)).toEqual(['Ian', 'Ivy']);
  });
});

describe('finding 6: a Manager sees every client at their location', () => {
  it('after a client import and an onboarding run, sees each client whose home or a sale is at that location, and counts them all', async () => {
    const { admin, main, north, south, person } = await shop();
    const mona = await person('mona', 'manager', [north.id]);
    await person('nina', 'associate', [north.id], 'POS-N');
    await person('sid', 'associate', [south.id], 'POS-S');
    // 90 clients: 30 at home in North, 30 in South, 30 with no store in the file (the import's location: the main store).
    const rows = Array.from({ length: 90 }, (_, i) => {
      const store = i < 30 ? 'North' : i < 60 ? 'South' : '';
      return `Client${i},Number${i},client${i}@example.com,${store}`;
    });
    const { result } = await importCsv(admin, ['First name,Last name,Email,Location', ...rows].join('\n'), { assign: { kind: 'unassigned' }, locationId: main.id });
    expect(result.created).toBe(90);
    // Onboarding: every third client bought something; sales at North for some South and main-store clients, at South for some North ones.
    const sales = ['transaction_id,client_email,associate_pos_id,amount,sold_at,location'];
    for (let i = 0; i < 90; i += 3) {
      const store = i % 2 === 0 ? 'North' : 'South';
      sales.push(`T${i},client${i}@example.com,${store === 'North' ? 'POS-N' : 'POS-S'},${40 + i}.00,2025-0${1 + (i % 9)}-1${i % 10},${store}`);
    }
    const report = await admin.ok('sales-import', { uploadId: await upload(admin, 'pos.csv', sales.join('\n')), mode: 'onboarding' });
    expect(report.imported).toBe(30);

    const expected = Array.from({ length: 90 }, (_, i) => i)
      .filter((i) => i < 30 || (i % 3 === 0 && i % 2 === 0))
      .map((i) => `Client${i}`)
      .sort();
    expect(expected.length).toBeGreaterThan(35);
    expect(await namesOf(mona)).toEqual(expected);
    expect(await mona.ok('client-count', {})).toEqual({ count: expected.length, capped: false });
    // Found by search too: a main-store client who bought at North, and not one who bought at South.
    expect((await mona.ok('client-list', { query: 'Client66' })).items.map((c) => c.firstName)).toEqual(['Client66']);
    expect((await mona.ok('client-list', { query: 'Client63' })).items).toEqual([]);
    const [north0] = (await mona.ok('client-list', { query: 'client0@example.com' })).items;
    expect(north0?.firstName).toBe('Client0');
  });
});

describe('finding 7: the Unassigned pool', () => {
  async function pool(setting: boolean) {
    const s = await shop();
    const nina = await s.person('nina', 'associate', [s.north.id]);
    const sid = await s.person('sid', 'associate', [s.south.id]);
    if (!setting) await s.admin.ok('settings-update', { unassignedPool: false });
    // Imported without an associate: Una at home in North; Sue in South; Vic in South but seen at North.
    const { result } = await importCsv(s.admin, 'First name,Last name,Location\nUna,Pooled,North\nSue,Elsewhere,South\nVic,Visitor,South\n', { assign: { kind: 'unassigned' } });
    expect(result.created).toBe(3);
    const ids = Object.fromEntries((await everyone(s.admin)).map((c) => [c.firstName, c.id]));
    // Vic was seen at North through a sale by a POS id nobody holds: an interaction with no staff member assigns nobody.
    const at = new Date().toISOString();
    await s.app.services.db
      .insertInto('interactions')
      .values({ client_id: ids.Vic!, kind: 'sale', staff_id: null, location_id: s.north.id, amount_cents: 1000, channel: 'POS import', added_by: null, external_id: 'T-VIC', pos_associate_id: 'P-NOBODY', body: null, occurred_at: at, created_at: at })
      .execute();
    return { ...s, nina, sid, ids };
  }

  it('with the shop setting on (the default), an Associate sees the Unassigned clients at their location and claims one', async () => {
    const { admin, nina, sid, ids } = await pool(true);
    expect((await admin.ok('settings-get', {})).unassignedPool).toBe(true);
    expect(await namesOf(nina)).toEqual(['Una', 'Vic']);
    expect(await namesOf(sid)).toEqual(['Sue', 'Vic']);
    expect((await nina.ok('client-list', { query: 'Una' })).items.map((c) => c.firstName)).toEqual(['Una']);
    expect(await nina.ok('client-count', { filters: { assigned: 'unassigned' } })).toEqual({ count: 2, capped: false });
    expect(await nina.call('client-get', { id: ids.Sue! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const claimed = await nina.ok('client-assign', { clientId: ids.Una!, staffId: nina.id });
    expect(claimed).toMatchObject({ primary: { id: nina.id } });
    expect((await nina.ok('client-get', { id: ids.Una! })).assignedStaffId).toBe(nina.id);
    // Claimed, Una leaves the pool: Sid never saw her, and the other North associates' pool is Vic alone.
    expect(await namesOf(nina)).toEqual(['Una', 'Vic']);
    expect(await nina.ok('client-count', { filters: { assigned: 'unassigned' } })).toEqual({ count: 1, capped: false });
    const claims = await admin.ok('audit-list', { entityId: ids.Una!, actorId: nina.id, limit: 5 });
    expect(claims.items.length).toBeGreaterThan(0);
  });

  it('with the setting off, an Associate sees only their own and worked-with clients, as before', async () => {
    const { nina, ids } = await pool(false);
    expect(await namesOf(nina)).toEqual([]);
    expect(await nina.call('client-get', { id: ids.Una! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await nina.call('client-assign', { clientId: ids.Una!, staffId: nina.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
