import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src-main/app';
import { LOGIN_FAILED_MESSAGE } from '../../src-main/services/auth.service';
import { ADMIN, connect, setUpShop, startApp, tempDir, testClock } from '../helpers/app';

/** Lets a test look at the book at the moment a password is checked (the real check still runs). */
const hashing = vi.hoisted(() => ({ onVerify: null as null | (() => void) }));
vi.mock('../../src-main/services/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/services/password')>();
  return {
    ...real,
    createPasswords: (...args: Parameters<typeof real.createPasswords>) => {
      const passwords = real.createPasswords(...args);
      return {
        ...passwords,
        verify: async (password: string, stored: string) => {
          hashing.onVerify?.();
          return passwords.verify(password, stored);
        },
      };
    },
  };
});

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

  it('never stores the password itself, and the real app hashes at the production cost', async () => {
    // The one test on the production cost (about a second a hash): every other test starts the app with a cheap one.
    const app = await createApp({ dataDir: tempDir(), dailyBackups: false, lifeEvents: false });
    try {
      await setUpShop(app);
      const row = await app.services.db.selectFrom('staff').select('password_hash').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(row.password_hash).not.toContain(ADMIN.password);
      expect(await connect(app).ok('session-login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ staff: { username: 'ada' } });
    } finally {
      await app.close();
    }
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

  it('holds the lockout under 50 wrong logins sent at once with the right password among them', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    await setUpShop(app);
    const tries = Array.from({ length: 51 }, (_, i) => (i === 25 ? ADMIN.password : `wrong password ${i}`));
    const results = await Promise.all(tries.map((password) => connect(app).call('session-login', { username: 'ada', password })));
    // Attempts are taken in turn: the fifth wrong one locks the account, and the right
    // password, arriving after it, fails like any other attempt during the lockout.
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results[25]).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: LOGIN_FAILED_MESSAGE } });
    const staff = await app.services.db.selectFrom('staff').select(['locked_until', 'failed_logins']).executeTakeFirstOrThrow();
    expect(staff.locked_until).not.toBeNull();
    const actions = (await app.services.db.selectFrom('audit_log').select('action').where('entity', '=', 'staff').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'session.locked-out')).toHaveLength(1);
    expect(actions.filter((a) => a === 'session.login')).toHaveLength(0);
    clock.advanceMinutes(16);
    expect((await connect(app).call('session-login', { username: 'ada', password: ADMIN.password })).ok).toBe(true);
  }, 180_000);

  it('counts an attempt before its password check, so one cut short still counts', async () => {
    const app = await startApp();
    await setUpShop(app);
    const seen: unknown[] = [];
    hashing.onVerify = () => seen.push(app.services.sqlite.prepare('SELECT failed_logins FROM staff').pluck().get());
    try {
      expect((await connect(app).call('session-login', { username: 'ada', password: 'wrong password here' })).ok).toBe(false);
      expect((await connect(app).call('session-login', { username: 'ada', password: 'wrong password again' })).ok).toBe(false);
    } finally {
      hashing.onVerify = null;
    }
    // When each slow check began, its attempt was already on the account.
    expect(seen).toEqual([1, 2]);
  });

  it('limits wrong current passwords in "change password" as it limits logins', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    const tries = Array.from({ length: 20 }, (_, i) => (i === 10 ? ADMIN.password : `wrong current ${i}`));
    const results = await Promise.all(tries.map((current) => admin.call('password-change', { current, next: 'taken over password' })));
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results[10]).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'current' }] } } });
    // The account is locked for logins too, and the password did not change.
    expect((await connect(app).call('session-login', { username: 'ada', password: ADMIN.password })).ok).toBe(false);
    clock.advanceMinutes(16);
    const again = connect(app);
    await again.ok('session-login', { username: 'ada', password: ADMIN.password });
    await again.ok('password-change', { current: ADMIN.password, next: 'a brand new password' });
  }, 180_000);

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
