import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('duplicates and merge', () => {
  it('suggests pairs with the same E.164 phone, or the same name and birthday, inside the scope', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const a = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', phone: '(415) 555-0132' });
    const b = await admin.ok('client-create', { firstName: 'Anita', lastName: 'Ruiz', phone: '+1 415 555 0132' });
    await admin.ok('client-create', { firstName: 'Other', phone: '+1 415 555 0199' });
    const c = await admin.ok('client-create', { firstName: 'Lou', lastName: 'Blanc', birthday: '1990-05-01' });
    const d = await admin.ok('client-create', { firstName: 'LOU', lastName: 'blanc', birthday: '1990-05-01' });
    await admin.ok('client-create', { firstName: 'Lou', lastName: 'Blanc', birthday: '1991-05-01' });
    const byPhone = await admin.ok('client-duplicates', { reason: 'phone' });
    expect(byPhone.items.map((p) => [p.a.id, p.b.id])).toEqual([[a.id, b.id]]);
    const byName = await admin.ok('client-duplicates', { reason: 'name-birthday' });
    expect(byName.items.map((p) => [p.a.id, p.b.id])).toEqual([[c.id, d.id]]);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('client-duplicates', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('merges field by field, moves activity and tags to the survivor, keeps the other as merged, and audits both', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager' });
    const keep = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana.old@example.com', phone: '(415) 555-0132' });
    const drop = await admin.ok('client-create', { firstName: 'Ana María', lastName: 'Ruiz', email: 'ana@example.com', phone: '+1 415 555 0132', birthday: '1988-07-14' });
    await admin.ok('client-update', { id: keep.id, version: keep.version, tags: ['VIP'] });
    const dropped = await admin.ok('client-update', { id: drop.id, version: drop.version, tags: ['Bridal', 'vip'] });
    await admin.ok('client-interaction-add', { clientId: drop.id, kind: 'sale', amountCents: 9_900 });
    await admin.ok('client-interaction-add', { clientId: keep.id, kind: 'note', body: 'hello' });
    const current = await admin.ok('client-get', { id: keep.id });

    // Mia cannot see these clients (no visit at her locations): merging them is NOT_FOUND for her.
    expect(await mia.call('client-merge', { survivorId: keep.id, survivorVersion: current.version, mergedId: drop.id, mergedVersion: dropped.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.call('client-merge', { survivorId: keep.id, survivorVersion: keep.version, mergedId: drop.id, mergedVersion: dropped.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const merged = await admin.ok('client-merge', {
      survivorId: keep.id,
      survivorVersion: current.version,
      mergedId: drop.id,
      mergedVersion: dropped.version,
      take: ['firstName', 'email', 'birthday'],
    });
    expect(merged).toMatchObject({ id: keep.id, firstName: 'Ana María', email: 'ana@example.com', birthday: '1988-07-14', phone: '(415) 555-0132', status: 'existing', totalSpendCents: 9_900 });
    expect([...merged.tags].sort()).toEqual(['Bridal', 'VIP']);
    const activity = await admin.ok('client-activity', { clientId: keep.id });
    expect(activity.items.map((i) => i.kind).sort()).toEqual(['note', 'sale']);
    expect(await admin.call('client-get', { id: drop.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await admin.ok('client-list', { query: 'ruiz' })).items.map((c) => c.id)).toEqual([keep.id]);
    expect((await admin.ok('client-trash', {})).items).toEqual([]);
    expect((await admin.ok('client-duplicates', { reason: 'phone' })).items).toEqual([]);
    const row = await app.services.db.selectFrom('clients').select(['merged_into_id', 'deleted_at']).where('id', '=', drop.id).executeTakeFirstOrThrow();
    expect(row.merged_into_id).toBe(keep.id);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: keep.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.merge', before: { first_name: 'Ana', email: 'ana.old@example.com', birthday: null }, after: { mergedId: drop.id, first_name: 'Ana María' } });
    expect((await admin.ok('audit-list', { entity: 'client', entityId: drop.id })).items[0]).toMatchObject({ action: 'client.merged-into', after: { survivorId: keep.id } });
  });
});
