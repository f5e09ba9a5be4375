import { describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE } from '../../src-main/services/auth.service';
import { ADMIN, connect, setUpShop, startApp, testClock } from '../helpers/app';

describe('first run and logins', () => {
  it('first run creates the shop and its Admin, logged in; a second first run is refused', async () => {
    const app = await startApp();
    const anyone = connect(app);
    expect(await anyone.ok('app-info', {})).toMatchObject({ setupNeeded: true, shopName: null, loginNames: [] });
    const admin = await setUpShop(app);
    expect((await admin.ok('session-get', {}))?.staff.role).toBe('admin');
    expect(await anyone.ok('app-info', {})).toMatchObject({
      setupNeeded: false,
      shopName: 'Maison Test',
      loginNames: [{ username: 'ada', name: 'Ada Admin' }],
    });
    const again = await anyone.call('setup-create', { shopName: 'Other', name: 'Eve', username: 'eve', password: 'another long password' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await anyone.ok('app-info', {})).loginNames).toHaveLength(1);
  });

  it('never stores the password itself', async () => {
    const app = await startApp();
    await setUpShop(app);
    const row = await app.services.db.selectFrom('staff').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.password_hash).not.toContain(ADMIN.password);
  });

  it('logs in with the right password, case-insensitive username, and refuses a wrong one generically', async () => {
    const app = await startApp();
    await setUpShop(app);
    const c = connect(app);
    const wrong = await c.call('session-login', { username: 'ada', password: 'not the password' });
    const unknown = await c.call('session-login', { username: 'nobody', password: 'not the password' });
    expect(wrong).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: LOGIN_FAILED_MESSAGE } });
    expect(unknown).toEqual(wrong);
    const info = await c.ok('session-login', { username: '  ADA ', password: ADMIN.password });
    expect(info.staff.username).toBe('ada');
  });

  it('locks an account after five wrong passwords, with the same message, until the lockout passes', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    await setUpShop(app);
    const c = connect(app);
    for (let i = 0; i < 5; i++) {
      expect((await c.call('session-login', { username: 'ada', password: `wrong password ${i}` })).ok).toBe(false);
    }
    const locked = await c.call('session-login', { username: 'ada', password: ADMIN.password });
    expect(locked).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: LOGIN_FAILED_MESSAGE } });
    clock.advanceMinutes(14);
    expect((await c.call('session-login', { username: 'ada', password: ADMIN.password })).ok).toBe(false);
    clock.advanceMinutes(2);
    expect((await c.call('session-login', { username: 'ada', password: ADMIN.password })).ok).toBe(true);
    const audit = await c.ok('audit-list', { entity: 'staff' });
    expect(audit.items.map((e) => e.action)).toContain('session.locked-out');
  });

  it('an Admin password reset lifts a lockout', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await admin.ok('staff-create', { name: 'Sam', username: 'sam', role: 'associate', password: 'first long password' });
    const c = connect(app);
    for (let i = 0; i < 5; i++) await c.call('session-login', { username: 'sam', password: 'wrong password!' });
    expect((await admin.ok('staff-list', {})).find((s) => s.id === sam.id)?.lockedUntil).not.toBeNull();
    await admin.ok('staff-reset-password', { id: sam.id, password: 'second long password' });
    expect((await c.call('session-login', { username: 'sam', password: 'second long password' })).ok).toBe(true);
  });

  it('logout and lock end the session; the password can be changed with the current one only', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const bad = await admin.call('password-change', { current: 'wrong one', next: 'a brand new password' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'current' }] } } });
    await admin.ok('password-change', { current: ADMIN.password, next: 'a brand new password' });
    await admin.ok('session-lock', {});
    expect(await admin.call('client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await admin.call('session-login', { username: 'ada', password: ADMIN.password })).ok).toBe(false);
    await admin.ok('session-login', { username: 'ada', password: 'a brand new password' });
    await admin.ok('session-logout', {});
    expect(await admin.ok('session-get', {})).toBeNull();
  });

  it('refuses a short password at the contract, naming the field', async () => {
    const app = await startApp();
    const result = await connect(app).call('setup-create', { shopName: 'S', name: 'N', username: 'n', password: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'password' }] } } });
  });
});
