/**
 * First run, login, logout and passwords. Wrong passwords count per account; the fifth in
 * a row locks it for a while. Every failure answers with the same words, so the login
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
import { hashPassword, verifyDecoy, verifyPassword } from './password';
import type { Session } from './sessions';
import type { SettingsService } from './settings.service';
import type { ActorLoader } from './actor';
import { sessionInfo } from './staff.mapping';

export const LOGIN_FAILED_MESSAGE =
  'That username and password do not match, or the account is locked for a while. Try again, or ask an Admin.';

export interface AuthDeps {
  db: Db;
  now: () => Date;
  settings: SettingsService;
  loadActor: ActorLoader;
  version: string;
}

export function createAuthService({ db, now, settings, loadActor, version }: AuthDeps) {
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
      const passwordHash = await hashPassword(input.password);
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
          pos_associate_id: null,
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
      return sessionInfo(admin, actor, settings.idleLockMinutes());
    },

    async login(session: Session, input: ParsedInput<'session-login'>): Promise<SessionInfo> {
      const staff = await findStaffByUsername(db, input.username);
      if (!staff || staff.active !== 1) {
        await verifyDecoy(input.password);
        await recordFailure(null, input.username, 'unknown-or-inactive');
        throw unauthenticated(LOGIN_FAILED_MESSAGE);
      }
      const at = now();
      if (staff.locked_until && staff.locked_until > at.toISOString()) {
        await verifyDecoy(input.password);
        await recordFailure(staff.id, staff.username, 'locked');
        throw unauthenticated(LOGIN_FAILED_MESSAGE);
      }
      if (!(await verifyPassword(input.password, staff.password_hash))) {
        await db.transaction().execute(async (trx) => {
          // Re-read inside the transaction so concurrent wrong tries all count.
          const fresh = (await findStaffById(trx, staff.id))!;
          const failed = fresh.failed_logins + 1;
          const lock = failed >= LOGIN_LOCKOUT.attempts;
          await updateStaff(trx, staff.id, {
            failed_logins: lock ? 0 : failed,
            locked_until: lock ? new Date(at.getTime() + LOGIN_LOCKOUT.minutes * 60_000).toISOString() : fresh.locked_until,
          });
          await insertAudit(trx, {
            actorId: null,
            action: lock ? 'session.locked-out' : 'session.login-failed',
            entity: 'staff',
            entityId: staff.id,
            after: { username: staff.username, failedAttempts: failed },
            at: at.toISOString(),
          });
        });
        throw unauthenticated(LOGIN_FAILED_MESSAGE);
      }
      const fresh = await db.transaction().execute(async (trx) => {
        const row = await updateStaff(trx, staff.id, { failed_logins: 0, locked_until: null });
        await insertAudit(trx, { actorId: staff.id, action: 'session.login', entity: 'staff', entityId: staff.id, at: at.toISOString() });
        return row;
      });
      const actor = (await loadActor(fresh.id))!;
      session.begin(actor);
      return sessionInfo(fresh, actor, settings.idleLockMinutes());
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
      return sessionInfo(staff, actor, settings.idleLockMinutes());
    },

    async logout(session: Session, actor: Actor, action: 'session.logout' | 'session.lock'): Promise<null> {
      await insertAudit(db, { actorId: actor.id, action, entity: 'staff', entityId: actor.id, at: now().toISOString() });
      session.end('logout', false);
      return null;
    },

    async changePassword(actor: Actor, input: ParsedInput<'password-change'>): Promise<null> {
      const staff = await findStaffById(db, actor.id);
      if (!staff || !(await verifyPassword(input.current, staff.password_hash))) {
        throw invalidField('current', 'Current password is not correct');
      }
      const hash = await hashPassword(input.next);
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        await updateStaff(trx, actor.id, { password_hash: hash, updated_at: at });
        await insertAudit(trx, { actorId: actor.id, action: 'staff.password-change', entity: 'staff', entityId: actor.id, at });
      });
      return null;
    },
  };

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
