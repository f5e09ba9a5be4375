import type { Db } from '../db/connection';
import { findStaffById } from '../db/queries/staff.queries';
import { createAuditService } from './audit.service';
import { createAuthService } from './auth.service';
import { createClientsService } from './clients.service';
import { createSessionStore, type SessionStore } from './sessions';
import { createSettingsService } from './settings.service';
import { toActor } from './staff.mapping';
import { createStaffService } from './staff.service';

export interface ServiceOptions {
  version: string;
  /** Injected so tests can move time (idle lock, lockout expiry). */
  now?: () => Date;
}

export async function createServices(db: Db, options: ServiceOptions) {
  const now = options.now ?? (() => new Date());
  const settings = createSettingsService(db, now);
  await settings.load();
  const sessions: SessionStore = createSessionStore({
    now: () => now().getTime(),
    idleLockMinutes: () => settings.idleLockMinutes(),
    loadActor: async (id) => {
      const staff = await findStaffById(db, id);
      return staff && staff.active === 1 ? toActor(staff) : null;
    },
  });
  return {
    db,
    now,
    sessions,
    settings,
    audit: createAuditService(db, now),
    auth: createAuthService({ db, now, settings, version: options.version }),
    staff: createStaffService(db, now, () => sessions),
    clients: createClientsService(db, now, settings),
  };
}
export type Services = Awaited<ReturnType<typeof createServices>>;
