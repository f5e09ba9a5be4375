import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession, testClock } from '../helpers/app';

const PASSWORD = 'a long enough password';
const DAY_MINUTES = 24 * 60;

describe('Trash retention', () => {
  it('is off by default: nothing in the Trash is erased, however old', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    // Weeks pass in these tests: no one is locked out meanwhile.
    await admin.ok('settings-update', { idleLockMinutes: 0 });
    const c = await admin.ok('client-create', { firstName: 'Old', lastName: 'Timer', email: 'old@example.com' });
    await admin.ok('client-delete', { id: c.id, version: c.version });
    expect((await admin.ok('settings-get', {})).trashRetentionDays).toBeNull();
    clock.advanceMinutes(3000 * DAY_MINUTES);
    expect((await app.services.scheduler.runDue()).erased).toBe(0);
    expect((await admin.ok('client-trash', {})).items.map((t) => t.email)).toEqual(['old@example.com']);
  });

  it('erases, from the daily run, the clients in the Trash longer than the chosen days, as an erasure by hand does, each with an audit row', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    // Weeks pass in these tests: no one is locked out meanwhile.
    await admin.ok('settings-update', { idleLockMinutes: 0 });
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const old = await sam.ok('client-create', { firstName: 'Zelda', lastName: 'Retained', email: 'zelda.retained@example.org', phone: '+1 212 555 0177', notes: 'Allergic to nickel' });
    await sam.ok('client-interaction-add', { clientId: old.id, kind: 'sale', amountCents: 4200 });
    const kept = await admin.ok('client-create', { firstName: 'Recent', lastName: 'Delete', email: 'recent@example.org' });
    const live = await admin.ok('client-create', { firstName: 'Still', lastName: 'Here', email: 'live@example.org' });
    await sam.ok('client-delete', { id: old.id, version: (await sam.ok('client-get', { id: old.id })).version });

    // Only an Admin turns it on: a Manager tied to one location, an Associate and a custom role
    // that may change settings and erase, but sees only its own clients, are refused.
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager', locationIds: [uptown.id] });
    const narrowed = await admin.ok('role-create', { name: 'Settings keeper', baseRole: 'manager', permissions: ['session.use', 'client.view', 'settings.change', 'client.purge'], visibility: 'own' });
    await admin.ok('staff-create', { name: 'Kim', username: 'kim', role: 'manager', customRoleId: narrowed.id, password: PASSWORD });
    const kim = connect(app);
    await kim.ok('session-login', { username: 'kim', password: PASSWORD });
    for (const who of [mia, sam, kim]) {
      expect(await who.call('settings-update', { trashRetentionDays: 30 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The narrowed role may still change other settings, and a nonsense number is refused in words.
    await kim.ok('settings-update', { shopName: 'Maison Kim' });
    expect(await admin.call('settings-update', { trashRetentionDays: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await admin.ok('settings-update', { trashRetentionDays: 30 })).trashRetentionDays).toBe(30);
    expect(await kim.call('settings-update', { trashRetentionDays: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    clock.advanceMinutes(20 * DAY_MINUTES);
    await admin.ok('client-delete', { id: kept.id, version: kept.version });
    // 20 days in: nobody has been in the Trash 30 days yet.
    expect((await app.services.scheduler.runDue()).erased).toBe(0);
    clock.advanceMinutes(11 * DAY_MINUTES);
    const run = await app.services.scheduler.runDue();
    expect(run.erased).toBe(1);

    // Zelda is erased as by hand: out of the Trash, personal fields and notes gone, the sale kept.
    expect((await admin.ok('client-trash', {})).items.map((t) => t.id)).toEqual([kept.id]);
    const row = await app.services.db.selectFrom('clients').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ first_name: 'Erased', email: null, phone: null, notes: null, total_spend_cents: 4200 });
    expect(row.purged_at).not.toBeNull();
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: old.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.purge', actorId: null });
    expect(JSON.parse(JSON.stringify(audit.items[0]))).toMatchObject({ after: { trashRetentionDays: 30 } });
    // The live client and the recently deleted one are untouched; a second run the same day erases nothing.
    expect((await admin.ok('client-get', { id: live.id })).email).toBe('live@example.org');
    expect((await app.services.scheduler.runDue()).erased).toBe(0);

    // Turned off again, the recent one stays however long it waits.
    await admin.ok('settings-update', { trashRetentionDays: null });
    clock.advanceMinutes(400 * DAY_MINUTES);
    expect((await app.services.scheduler.runDue()).erased).toBe(0);
    expect((await admin.ok('client-trash', {})).items.map((t) => t.id)).toEqual([kept.id]);
  });
});
