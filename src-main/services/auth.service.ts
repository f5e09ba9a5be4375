/**
 * First run, login, logout and passwords. Wrong passwords count per account, at login and
 * at "change password" alike; the fifth in a row locks it for a while. An account's
 * attempts are checked one at a time and counted before the slow hash. Every failure answers with the same words, so the login
 * screen never tells a stranger which usernames exist or which are locked.
 */
import type { AppInfo, ParsedInput, SessionInfo } from '../../src-preload/contract';
import { LOGIN_LOCKOUT } from '../../src-preload/limits';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findBuiltInRole } from '../db/queries/roles.queries';
import { insertSettings } from '../db/queries/settings.queries';
import { countStaff, findStaffById, findStaffByUsername, insertStaff, listActiveLoginNames, updateStaff } from '../db/queries/staff.queries';
import type { Actor } from '../domain/permissions';
import { AppFailure, invalidField, unauthenticated } from './errors';
import type { Passwords } from './password';
import type { Session } from './sessions';
import type { SettingsService } from './settings.service';
import type { ActorLoader } from './actor';
import { sessionInfo } from './staff.mapping';
import type { WorkplaceService } from './workplace.service';

export const LOGIN_FAILED_MESSAGE =
  'That username and password do not match, or the account is locked for a while. Try again, or ask an Admin.';

export interface AuthDeps {
  db: Db;
  now: () => Date;
  settings: SettingsService;
  loadActor: ActorLoader;
  passwords: Passwords;
  workplace: WorkplaceService;
  version: string;
}

export function createAuthService({ db, now, settings, loadActor, passwords, workplace, version }: AuthDeps) {
  const queues = new Map<number, Promise<void>>();
  return {
    async appInfo(): Promise<AppInfo> {
      const s = settings.current() ?? (await settings.load());
      return {
        version,
        setupNeeded: (await countStaff(db)) === 0,
        shopName: s?.shopName ?? null,
        loginNames: await listActiveLoginNames(db),
        recovery: null,
      };
    },

    async setup(session: Session, input: ParsedInput<'setup-create'>): Promise<SessionInfo> {
      const passwordHash = await passwords.hash(input.password);
      const admin = await db.transaction().execute(async (trx) => {
        // Checked inside the transaction: two first-run screens racing cannot both win.
        if ((await countStaff(trx)) > 0) {
          throw new AppFailure('CONFLICT', 'Clientele is already set up. Log in instead.');
        }
        const at = now().toISOString();
        await insertSettings(trx, input.shopName, input.defaultCountry, at);
        const staff = await insertStaff(trx, {
          name: input.name,
          username: input.username,
          role: 'admin',
          role_id: (await findBuiltInRole(trx, 'admin')).id,
          password_hash: passwordHash,
          locked_until: null,
          created_at: at,
          updated_at: at,
        });
        await insertAudit(trx, {
          actorId: staff.id,
          action: 'setup.create',
          entity: 'settings',
          entityId: 1,
          after: { shopName: input.shopName, defaultCountry: input.defaultCountry, admin: staff.username },
          at,
        });
        return staff;
      });
      await settings.load();
      const actor = (await loadActor(admin.id))!;
      session.begin(actor);
      return sessionInfo(admin, actor, settings.idleLockMinutes(), await workplace.of(actor));
    },

    async login(session: Session, input: ParsedInput<'session-login'>): Promise<SessionInfo> {
      const staff = await findStaffByUsername(db, input.username);
      if (!staff || staff.active !== 1) {
        await passwords.verifyDecoy(input.password);
        await recordFailure(null, input.username, 'unknown-or-inactive');
        throw unauthenticated(LOGIN_FAILED_MESSAGE);
      }
      return inTurn(staff.id, async () => {
        const attempt = await beginAttempt(staff.id);
        if (attempt.locked) {
          await passwords.verifyDecoy(input.password);
          await recordFailure(staff.id, staff.username, 'locked');
          throw unauthenticated(LOGIN_FAILED_MESSAGE);
        }
        if (!(await passwords.verify(input.password, attempt.passwordHash))) {
          await attemptFailed(staff.id, staff.username, attempt.failed, 'session.login-failed');
          throw unauthenticated(LOGIN_FAILED_MESSAGE);
        }
        const fresh = await db.transaction().execute(async (trx) => {
          const row = await updateStaff(trx, staff.id, { failed_logins: 0, locked_until: null });
          await insertAudit(trx, { actorId: staff.id, action: 'session.login', entity: 'staff', entityId: staff.id, at: now().toISOString() });
          return row;
        });
        const actor = (await loadActor(fresh.id))!;
        session.begin(actor);
        return sessionInfo(fresh, actor, settings.idleLockMinutes(), await workplace.of(actor));
      });
    },

    async current(session: Session): Promise<SessionInfo | null> {
      const current = session.actor();
      if (!current) return null;
      const staff = await findStaffById(db, current.id);
      const actor = staff ? await loadActor(staff.id) : null;
      if (!staff || !actor) {
        session.end('deactivated');
        return null;
      }
      return sessionInfo(staff, actor, settings.idleLockMinutes(), await workplace.of(actor));
    },

    async logout(session: Session, actor: Actor, action: 'session.logout' | 'session.lock'): Promise<null> {
      await insertAudit(db, { actorId: actor.id, action, entity: 'staff', entityId: actor.id, at: now().toISOString() });
      session.end('logout', false);
      return null;
    },

    /** The current password is a login by another door: its wrong tries count toward the same lockout. */
    async changePassword(actor: Actor, input: ParsedInput<'password-change'>): Promise<null> {
      return inTurn(actor.id, async () => {
        const staff = await findStaffById(db, actor.id);
        if (!staff) throw invalidField('current', 'Current password is not correct');
        const attempt = await beginAttempt(actor.id);
        if (attempt.locked) {
          await passwords.verifyDecoy(input.current);
          throw invalidField('current', 'Too many wrong passwords: the account is locked for a while. Try again later, or ask an Admin.');
        }
        if (!(await passwords.verify(input.current, attempt.passwordHash))) {
          await attemptFailed(actor.id, staff.username, attempt.failed, 'staff.password-change-failed');
          throw invalidField('current', 'Current password is not correct');
        }
        const hash = await passwords.hash(input.next);
        await db.transaction().execute(async (trx) => {
          const at = now().toISOString();
          await updateStaff(trx, actor.id, { password_hash: hash, failed_logins: 0, locked_until: null, updated_at: at });
          await insertAudit(trx, { actorId: actor.id, action: 'staff.password-change', entity: 'staff', entityId: actor.id, at });
        });
        return null;
      });
    },
  };

  /**
   * Password checks for one account run one at a time, in the order they arrive: checks
   * run side by side would all read the count before any of them added to it, and a right
   * password among them would clear it.
   */
  function inTurn<T>(staffId: number, run: () => Promise<T>): Promise<T> {
    const before = queues.get(staffId) ?? Promise.resolve();
    const mine = before.then(run, run);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    queues.set(staffId, tail);
    void tail.then(() => {
      if (queues.get(staffId) === tail) queues.delete(staffId);
    });
    return mine;
  }

  /**
   * Counts the attempt before the slow hash, so an attempt whose check never finishes (the
   * process killed half-way) still counts; a success sets the count back to 0.
   */
  async function beginAttempt(staffId: number): Promise<{ locked: true } | { locked: false; failed: number; passwordHash: string }> {
    return db.transaction().execute(async (trx) => {
      const fresh = (await findStaffById(trx, staffId))!;
      if (fresh.locked_until && fresh.locked_until > now().toISOString()) return { locked: true as const };
      const failed = fresh.failed_logins + 1;
      await updateStaff(trx, staffId, { failed_logins: failed });
      return { locked: false as const, failed, passwordHash: fresh.password_hash };
    });
  }

  async function attemptFailed(staffId: number, username: string, failed: number, action: string): Promise<void> {
    const at = now();
    const lock = failed >= LOGIN_LOCKOUT.attempts;
    await db.transaction().execute(async (trx) => {
      await updateStaff(trx, staffId, {
        failed_logins: lock ? 0 : failed,
        ...(lock ? { locked_until: new Date(at.getTime() + LOGIN_LOCKOUT.minutes * 60_000).toISOString() } : {}),
      });
      await insertAudit(trx, {
        actorId: null,
        action: lock ? 'session.locked-out' : action,
        entity: 'staff',
        entityId: staffId,
        after: { username, failedAttempts: failed },
        at: at.toISOString(),
      });
    });
  }

  async function recordFailure(staffId: number | null, username: string, why: string): Promise<void> {
    await insertAudit(db, {
      actorId: null,
      action: 'session.login-failed',
      entity: 'staff',
      entityId: staffId,
      after: { username, reason: why },
      at: now().toISOString(),
    });
  }
}
export type AuthService = ReturnType<typeof createAuthService>;
