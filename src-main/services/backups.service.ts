/**
 * Backups as the app uses them: by hand from Settings and daily from the main process's
 * timer (an import takes its own on its job's connection: jobs/pre-import-backup.ts). Each one is
 * audited; a failed one is remembered and told to the logged-in Admins, and the app keeps
 * working. Restores are handed to the app, which owns the database connection.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, BackupOverview, BackupReason, BackupSettings, ParsedInput } from '../../src-preload/contract';
import { BackupFolderError } from '../backup/folder-errors';
import { RestoreRefused } from '../backup/restore';
import type { BackupStore } from '../backup/store';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import type { Actor } from '../domain/permissions';
import { createLogger } from '../logger';
import { AppFailure, toFailure } from './errors';
import type { SessionStore } from './sessions';

export interface BackupsDeps {
  store: BackupStore;
  /** The live connection's handle: SQLite's backup API runs on it. */
  sqlite: BetterSqlite3.Database;
  /** Swaps the book for a backup (the app closes and reopens its services). */
  restore(file: string, by: Actor): Promise<void>;
}

/** Folder and file failures reach the caller as STORAGE (errors.ts), a refused restore as VALIDATION. */
export function backupFailure(err: unknown): unknown {
  if (err instanceof BackupFolderError) return toFailure(err);
  if (err instanceof RestoreRefused) {
    return new AppFailure('VALIDATION', `That backup cannot be restored. ${err.message}`, { issues: [{ field: 'file', message: err.message }] });
  }
  return err;
}

const log = createLogger('backups');

export function createBackupsService(db: Db, now: () => Date, sessions: () => SessionStore, deps: BackupsDeps) {
  const { store } = deps;
  const audit = (actor: Actor | null, action: string, after: unknown) =>
    insertAudit(db, { actorId: actor?.id ?? null, action, entity: 'backup', entityId: null, after, at: now().toISOString() });

  const service = {
    overview(): BackupOverview {
      return { settings: store.settings(), backups: store.list(), lastError: store.lastError() };
    },

    /** Takes a backup now; `actor` is null for the daily timer and other automatic backups. */
    async take(reason: BackupReason, actor: Actor | null = null): Promise<BackupInfo> {
      let info: BackupInfo;
      try {
        info = await store.take(deps.sqlite, reason);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        sessions().broadcast('backup-failed', { at: now().toISOString(), message }, (a) => a.permissions.has('backup.manage'));
        await audit(actor, 'backup.failed', { reason, message });
        throw backupFailure(err);
      }
      try {
        await audit(actor, 'backup.take', { file: info.file, reason, clients: info.clients, sizeBytes: info.sizeBytes });
      } catch (err) {
        // The backup is verified and in place; only its audit row waits on a writer (an import
        // holds the book for its one transaction). The file's sidecar records it either way, so
        // a taken backup is never reported as failed and taken again.
        if ((err as { code?: unknown })?.code !== 'SQLITE_BUSY') throw err;
        log.warn(`backup ${info.file} taken; its audit row was not written while another connection held the book`);
      }
      return info;
    },

    async updateSettings(actor: Actor, patch: ParsedInput<'backup-settings-update'>): Promise<BackupSettings> {
      const before = store.settings();
      let after: BackupSettings;
      try {
        after = store.saveSettings(patch);
      } catch (err) {
        if (err instanceof BackupFolderError) {
          throw new AppFailure('VALIDATION', `folder: ${err.message}`, { issues: [{ field: 'folder', message: err.message }] });
        }
        throw err;
      }
      await audit(actor, 'backup.settings', { before, after });
      return after;
    },

    inspect(file: string): BackupInfo {
      try {
        return store.inspect(file);
      } catch (err) {
        throw backupFailure(err);
      }
    },

    async restore(actor: Actor, file: string): Promise<null> {
      try {
        await deps.restore(file, actor);
      } catch (err) {
        throw backupFailure(err);
      }
      return null;
    },
  };
  return service;
}
export type BackupsService = ReturnType<typeof createBackupsService>;
