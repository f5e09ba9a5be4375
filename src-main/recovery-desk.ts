/**
 * The restore that needs no login: for a book that failed its checks at start, and for a
 * new book with no staff yet. The Admin is checked against the backup being restored, and
 * wrong passwords are limited here, since the lockout counters live in the unreadable book.
 */
import type { RecoveryInfo } from '../src-preload/contract';
import { checkBackupAdmin } from './backup/backup-admin';
import type { BackupStore } from './backup/store';
import type { RecoveryDesk } from './ipc/recovery';
import { backupFailure } from './services/backups.service';
import { AppFailure } from './services/errors';
import type { Passwords } from './services/password';
import { APP_VERSION } from './version';

const TRIES = { attempts: 5, minutes: 15 };

export interface RecoveryDeskDeps {
  store: BackupStore;
  now: () => Date;
  nativeBinding?: string;
  passwords: Passwords;
  recovery(): RecoveryInfo | null;
  restore(file: string, by: { username: string; name: string }): Promise<void>;
}

export function createRecoveryDesk(deps: RecoveryDeskDeps): RecoveryDesk {
  const { store, now } = deps;
  const failures: number[] = [];

  return {
    async appInfo() {
      return { version: APP_VERSION, setupNeeded: false, shopName: null, loginNames: [], recovery: deps.recovery() };
    },
    async list() {
      try {
        // Read afresh, not from the sidecars: a backup may have rotted since it was written.
        return { folder: store.folder(), backups: store.list().map((b) => (b.problem ? b : store.inspect(b.file))) };
      } catch (err) {
        throw backupFailure(err);
      }
    },
    receive(path, name) {
      try {
        return store.receive(path, name);
      } catch (err) {
        throw backupFailure(err);
      }
    },
    async restore(input) {
      const cutoff = now().getTime() - TRIES.minutes * 60_000;
      while (failures.length && failures[0]! < cutoff) failures.shift();
      if (failures.length >= TRIES.attempts) {
        throw new AppFailure('UNAUTHENTICATED', `Too many wrong passwords. Wait ${TRIES.minutes} minutes and try again.`);
      }
      let path: string;
      try {
        path = store.pathOf(input.file).path;
      } catch (err) {
        throw new AppFailure('NOT_FOUND', err instanceof Error ? err.message : String(err));
      }
      let admin;
      try {
        admin = await checkBackupAdmin(path, input, deps.passwords, deps.nativeBinding);
      } catch (err) {
        failures.push(now().getTime());
        throw err;
      }
      try {
        await deps.restore(input.file, admin);
      } catch (err) {
        throw backupFailure(err);
      }
      return null;
    },
  };
}
