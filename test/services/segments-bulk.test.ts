import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('segments', () => {
  it('ship the built-in filters, keep private ones private, share shared ones, and only the owner or an Admin changes them', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const kai = await staffSession(app, admin, { name: 'Kai', username: 'kai', role: 'associate' });
    const builtIn = await sam.ok('segment-list', {});
    expect(builtIn.find((s) => s.id === 'builtin:new-guests')).toMatchObject({ builtIn: true, editable: false, filters: { created: { kind: 'new' }, status: 'guest' } });
    const mine = await sam.ok('segment-save', { name: 'My VIP guests', filters: { status: 'guest', tagIds: [1] } });
    const shared = await sam.ok('segment-save', { name: 'Lapsed', shared: true, filters: { lapsedDays: 120 } });
    const kaiSees = (await kai.ok('segment-list', {})).filter((s) => !s.builtIn);
    expect(kaiSees).toEqual([{ ...shared, editable: false }]);
    const savedId = (s: { id: string }) => Number(s.id.split(':')[1]);
    expect(await kai.call('segment-save', { id: savedId(shared), name: 'Mine now', filters: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await kai.call('segment-delete', { id: savedId(mine) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.ok('segment-save', { id: savedId(shared), name: 'Lapsed 4 months', shared: true, filters: { lapsedDays: 120 } })).toMatchObject({ name: 'Lapsed 4 months' });
    expect(await sam.call('segment-save', { name: 'Bad', filters: { lapsedDays: 0 } })).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'filters.lapsedDays' }] } } });
    await sam.ok('segment-delete', { id: savedId(mine) });
    expect((await sam.ok('segment-list', {})).filter((s) => !s.builtIn).map((s) => s.name)).toEqual(['Lapsed 4 months']);
  });
});

describe('bulk actions', () => {
  it('tags, untags and deletes a selection or every client matching, only inside the scope, auditing each client', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const a = await sam.ok('client-create', { firstName: 'Ann', lastName: 'Lee' });
    const b = await sam.ok('client-create', { firstName: 'Bea', lastName: 'Lee' });
    const c = await sam.ok('client-create', { firstName: 'Cal', lastName: 'Moss' });
    const other = await admin.ok('client-create', { firstName: 'Dee', lastName: 'Lee' });

    // Sam names a client outside his scope: it is silently not his to touch.
    expect(await sam.ok('client-bulk-tag', { target: { ids: [a.id, other.id] }, tag: 'VIP' })).toEqual({ affected: 1 });
    expect(await sam.ok('client-bulk-tag', { target: { all: { query: 'lee' } }, tag: 'vip' })).toEqual({ affected: 1 });
    expect((await admin.ok('client-get', { id: other.id })).tags).toEqual([]);
    expect((await sam.ok('client-get', { id: b.id })).tags).toEqual(['VIP']);
    expect(await sam.ok('client-bulk-tag', { target: { all: { filters: {} } }, tag: 'VIP', remove: true })).toEqual({ affected: 2 });
    expect((await sam.ok('client-get', { id: a.id })).tags).toEqual([]);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: a.id });
    expect(audit.items.slice(0, 2).map((x) => x.action)).toEqual(['client.untag', 'client.tag']);

    expect(await sam.ok('client-bulk-delete', { target: { all: { query: 'lee' } } })).toEqual({ affected: 2 });
    expect((await sam.ok('client-list', {})).items.map((x) => x.id)).toEqual([c.id]);
    expect((await admin.ok('client-list', { query: 'lee' })).items.map((x) => x.id)).toEqual([other.id]);
  });
});

describe('bulk actions on a large book', () => {
  it('tags, untags and deletes 100,000 clients at once, with an audit row each', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const at = new Date().toISOString();
    app.services.sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         INSERT INTO clients (first_name, last_name, created_by, created_at, updated_at) SELECT 'Bulk', 'Client ' || i, 1, ?, ? FROM n`,
      )
      .run(at, at);
    const everyone = { all: { filters: {} } };
    expect(await admin.ok('client-bulk-tag', { target: everyone, tag: 'Spring event' })).toEqual({ affected: 100_000 });
    expect(await admin.ok('client-bulk-tag', { target: { all: { query: 'bulk' } }, tag: 'Spring event', remove: true })).toEqual({ affected: 100_000 });
    expect(await admin.ok('client-bulk-delete', { target: everyone })).toEqual({ affected: 100_000 });
    const count = (action: string) => app.services.sqlite.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action);
    expect([count('client.tag'), count('client.untag'), count('client.delete')]).toEqual([100_000, 100_000, 100_000]);
    expect(app.services.sqlite.prepare('SELECT count(*) FROM clients WHERE deleted_at IS NULL').pluck().get()).toBe(0);
  }, 300_000);
});

describe('list preferences', () => {
  it('remembers each person’s columns and their order', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.ok('prefs-get', {})).toEqual({ clientColumns: null });
    await sam.ok('prefs-set', { clientColumns: ['totalSpend', 'email'] });
    await sam.ok('prefs-set', { clientColumns: ['lastVisit', 'totalSpend', 'email'] });
    expect(await sam.ok('prefs-get', {})).toEqual({ clientColumns: ['lastVisit', 'totalSpend', 'email'] });
    expect(await admin.ok('prefs-get', {})).toEqual({ clientColumns: null });
  });
});
