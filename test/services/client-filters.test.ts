import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { ClientFilters, ClientSort } from '../../src-preload/contract';
import { setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';

function visit(app: App, clientId: number, kind: 'sale' | 'booking' | 'note', occurredAt: string, amountCents: number | null = null, locationId: number | null = null) {
  return app.services.db
    .insertInto('interactions')
    .values({ client_id: clientId, kind, occurred_at: occurredAt, amount_cents: amountCents, location_id: locationId, created_at: occurredAt })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function firstNames(who: TestClient, filters: ClientFilters, sort?: ClientSort): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof who.ok<'client-list'>>> = await who.ok('client-list', { filters, sort, limit: 2, cursor });
    out.push(...page.items.map((c) => c.firstName));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('client status and derived columns', () => {
  it('turns Existing at the first booking or sale, and back to Guest when it is removed; spend and last visit stay exact', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Eve' });
    const other = await admin.ok('client-create', { firstName: 'Ola' });
    await visit(app, c.id, 'note', '2026-01-01T10:00:00.000Z');
    expect((await admin.ok('client-get', { id: c.id })).status).toBe('guest');
    const booking = await visit(app, c.id, 'booking', '2026-01-05T10:00:00.000Z');
    const sale = await visit(app, c.id, 'sale', '2026-02-01T10:00:00.000Z', 12_000);
    await visit(app, c.id, 'sale', '2026-01-20T10:00:00.000Z', -2_000);
    let got = await admin.ok('client-get', { id: c.id });
    expect(got).toMatchObject({ status: 'existing', lastVisitAt: '2026-02-01T10:00:00.000Z', totalSpendCents: 10_000 });
    // Moving a sale to another client (as a merge does) recomputes both.
    await app.services.db.updateTable('interactions').set({ client_id: other.id }).where('id', '=', sale.id).execute();
    got = await admin.ok('client-get', { id: c.id });
    expect(got).toMatchObject({ lastVisitAt: '2026-01-20T10:00:00.000Z', totalSpendCents: -2_000 });
    expect(await admin.ok('client-get', { id: other.id })).toMatchObject({ status: 'existing', totalSpendCents: 12_000 });
    await app.services.db.deleteFrom('interactions').where('client_id', '=', c.id).where('kind', 'in', ['sale', 'booking']).execute();
    expect(await admin.ok('client-get', { id: c.id })).toMatchObject({ status: 'guest', lastVisitAt: null, totalSpendCents: 0 });
    expect(booking.id).toBeGreaterThan(0);
  });
});

describe('client list filters, sorts and counts', () => {
  it('filters by status, assignment, tags, location, creation age, lapse, birthday month and consent, with counts', async () => {
    const clock = testClock('2026-04-24T09:00:00.000Z');
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    // Sam's scope is his own clients, without the store's Unassigned pool.
    await admin.ok('settings-update', { unassignedPool: false });
    const old = await admin.ok('client-create', { firstName: 'Old', birthday: '1980-03-02', consentEmail: { granted: true, source: null } });
    await app.services.db.updateTable('clients').set({ created_at: '2026-03-15T09:00:00.000Z' }).where('id', '=', old.id).execute();
    const now = clock.now();
    const recent = await sam.ok('client-create', { firstName: 'New', anniversary: '2010-04-20', consentSms: { granted: true, source: null } });
    const unassigned = await admin.ok('client-create', { firstName: 'Free' });
    await app.services.db.updateTable('clients').set({ assigned_staff_id: null }).where('id', '=', unassigned.id).execute();
    const location = await app.services.db.selectFrom('locations').select('id').executeTakeFirstOrThrow();
    await visit(app, old.id, 'sale', '2026-01-01T10:00:00.000Z', 5_000, location.id);
    await visit(app, recent.id, 'sale', new Date(now.getTime() - 86_400_000).toISOString(), 1_000);
    const { id: vip } = await app.services.db.insertInto('tags').values({ name: 'VIP', created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await app.services.db.insertInto('client_tags').values({ client_id: recent.id, tag_id: vip }).execute();

    const cases: [ClientFilters, string[]][] = [
      [{}, ['Free', 'New', 'Old']],
      [{ status: 'existing' }, ['New', 'Old']],
      [{ status: 'guest' }, ['Free']],
      [{ mine: true }, ['Old']],
      [{ assigned: sam.id }, ['New']],
      [{ assigned: 'unassigned' }, ['Free']],
      [{ tagIds: [vip] }, ['New']],
      [{ locationId: location.id }, ['Old']],
      [{ created: { kind: 'new' } }, ['Free', 'New']],
      [{ created: { kind: 'old' } }, ['Old']],
      [{ created: { kind: 'range', from: '2026-03-15', to: '2026-03-15' } }, ['Old']],
      [{ lapsedDays: 30 }, ['Old']],
      [{ anniversaryThisMonth: true }, ['New']],
      [{ birthdayThisMonth: true }, []],
      [{ consentEmail: true }, ['Old']],
      [{ consentSms: true }, ['New']],
      [{ status: 'existing', created: { kind: 'new' } }, ['New']],
    ];
    for (const [filters, expected] of cases) {
      expect(await firstNames(admin, filters), JSON.stringify(filters)).toEqual(expected);
      expect(await admin.ok('client-count', { filters }), JSON.stringify(filters)).toEqual({ count: expected.length, capped: false });
    }
    // "Mine" and every filter stay inside the scope: Sam sees only the client assigned to him.
    expect(await firstNames(sam, {})).toEqual(['New']);
    expect(await sam.ok('client-count', { filters: { status: 'existing' } })).toEqual({ count: 1, capped: false });
  });

  it('sorts by name, created, last visit and total spend both ways, a keyset page at a time', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    const specs = [
      { firstName: 'Ava', lastName: 'Cole', spend: 300, visit: '2026-02-03' },
      { firstName: 'Bea', lastName: 'Adams', spend: 100, visit: '2026-02-01' },
      { firstName: 'Cid', lastName: 'Adams', spend: 300, visit: null },
      { firstName: 'Dan', lastName: 'Bell', spend: 0, visit: '2026-02-02' },
      { firstName: 'Eli', lastName: 'Bell', spend: 50, visit: '2026-02-03' },
    ];
    for (const s of specs) {
      clock.advanceMinutes(1);
      const c = await admin.ok('client-create', { firstName: s.firstName, lastName: s.lastName });
      if (s.visit) await visit(app, c.id, 'sale', `${s.visit}T10:00:00.000Z`, s.spend);
    }
    expect(await firstNames(admin, {}, { by: 'name', dir: 'asc' })).toEqual(['Bea', 'Cid', 'Dan', 'Eli', 'Ava']);
    expect(await firstNames(admin, {}, { by: 'name', dir: 'desc' })).toEqual(['Ava', 'Eli', 'Dan', 'Cid', 'Bea']);
    expect(await firstNames(admin, {}, { by: 'created', dir: 'desc' })).toEqual(['Eli', 'Dan', 'Cid', 'Bea', 'Ava']);
    expect(await firstNames(admin, {}, { by: 'lastVisit', dir: 'desc' })).toEqual(['Eli', 'Ava', 'Dan', 'Bea', 'Cid']);
    expect(await firstNames(admin, {}, { by: 'totalSpend', dir: 'desc' })).toEqual(['Ava', 'Bea', 'Eli', 'Dan', 'Cid']);
    expect(await firstNames(admin, {}, { by: 'totalSpend', dir: 'asc' })).toEqual(['Cid', 'Dan', 'Eli', 'Bea', 'Ava']);
    const page = await admin.ok('client-list', { sort: { by: 'totalSpend', dir: 'asc' }, limit: 2 });
    expect(await admin.call('client-list', { sort: { by: 'name', dir: 'asc' }, cursor: page.nextCursor })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
