/**
 * The backup folder: taking a backup with SQLite's online backup API (never a file copy,
 * so a backup taken while someone saves is still a consistent book), verifying it, listing
 * what the folder holds and pruning it. It works on files and a live better-sqlite3 handle
 * only, so it serves the app, the command line and recovery mode alike.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, BackupReason, BackupSettings } from '../../src-preload/contract';
import { createLogger } from '../logger';
import { inspectBook } from './book-file';
import { BackupFolderError, checkFolder, describeFolderError } from './folder-errors';
import { backupName, parseBackupName, SAFE_BACKUP_NAME } from './names';
import { toPrune } from './retention';
import { readBackupSettings, writeBackupSettings, type StoredBackupSettings } from './settings-file';

const log = createLogger('backups');

export interface BackupStoreOptions {
  dataDir: string;
  now: () => Date;
  nativeBinding?: string;
}

export interface TakeOptions {
  /** Write here instead of the configured folder (the pre-migration fallback). */
  folder?: string;
  /** Pages copied so far and in all, as the copy goes (a job reports it as its progress). */
  progress?: (done: number, total: number) => void;
}

/** The facts written beside each backup once it has passed its check. */
interface Sidecar extends BackupInfo {
  migrations: string[];
}

const SIDECAR = '.json';
const PARTIAL = '.partial';

export function createBackupStore(options: BackupStoreOptions) {
  const { dataDir, now } = options;
  const defaultFolder = join(dataDir, 'backups');
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let lastError: { at: string; message: string } | null = null;

  const stored = () => readBackupSettings(dataDir);
  const folderOf = (s: StoredBackupSettings) => (s.folder ? resolve(s.folder) : defaultFolder);

  function settings(): BackupSettings {
    const s = stored();
    return { folder: folderOf(s), defaultFolder, usingDefaultFolder: s.folder === null, keepDaily: s.keepDaily, keepWeekly: s.keepWeekly };
  }

  function prepare(folder: string): void {
    // The default folder is ours to create; a chosen one (a USB stick) must already be there.
    if (folder === defaultFolder) mkdirSync(folder, { recursive: true });
    checkFolder(folder);
  }

  function freeName(folder: string, at: Date, reason: BackupReason): string {
    for (let attempt = 0; ; attempt++) {
      const name = backupName(at, reason, attempt);
      if (!existsSync(join(folder, name)) && !existsSync(join(folder, name + PARTIAL))) return name;
    }
  }

  function describe(folder: string, file: string): BackupInfo {
    const path = join(folder, file);
    const sizeBytes = statSync(path).size;
    const sidecar = join(folder, file + SIDECAR);
    if (existsSync(sidecar)) {
      try {
        const facts = JSON.parse(readFileSync(sidecar, 'utf8')) as Sidecar;
        return { file, takenAt: facts.takenAt, reason: facts.reason, sizeBytes, clients: facts.clients, staff: facts.staff, problem: null };
      } catch {
        // An unreadable sidecar: read the backup itself instead.
      }
    }
    return inspectFile(folder, file);
  }

  function inspectFile(folder: string, file: string): BackupInfo {
    const path = join(folder, file);
    const named = parseBackupName(file);
    const stat = statSync(path);
    const inspection = inspectBook(path, options);
    return {
      file,
      takenAt: named?.takenAt ?? stat.mtime.toISOString(),
      reason: named?.reason ?? 'unknown',
      sizeBytes: stat.size,
      clients: inspection.ok ? inspection.facts.clients : null,
      staff: inspection.ok ? inspection.facts.staff : null,
      problem: inspection.ok ? null : inspection.problem,
    };
  }

  function listIn(folder: string): BackupInfo[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => SAFE_BACKUP_NAME.test(f))
      .map((f) => describe(folder, f))
      .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
  }

  function prune(folder: string): void {
    const s = stored();
    const dated = readdirSync(folder)
      .filter((f) => SAFE_BACKUP_NAME.test(f))
      .flatMap((file) => {
        const named = parseBackupName(file);
        return named ? [{ file, ...named }] : [];
      });
    for (const file of toPrune(dated, s)) {
      rmSync(join(folder, file), { force: true });
      rmSync(join(folder, file + SIDECAR), { force: true });
    }
  }

  const store = {
    defaultFolder,
    settings,
    folder: () => folderOf(stored()),
    lastError: () => lastError,

    saveSettings(patch: Partial<StoredBackupSettings>): BackupSettings {
      const next = { ...stored(), ...patch };
      if (next.folder !== null) {
        next.folder = resolve(next.folder);
        if (next.folder === defaultFolder) next.folder = null;
      }
      // Refuse a folder that cannot be used now, rather than failing quietly tonight.
      if (next.folder !== null) checkFolder(next.folder);
      writeBackupSettings(dataDir, next);
      return settings();
    },

    /** Backs up the live book: online backup to a .partial file, check it, then rename it into place. */
    async take(sqlite: BetterSqlite3.Database, reason: BackupReason, opts: TakeOptions = {}): Promise<BackupInfo> {
      const folder = opts.folder ?? store.folder();
      const at = now();
      let partial: string | null = null;
      try {
        prepare(folder);
        const file = freeName(folder, at, reason);
        const dest = join(folder, file);
        partial = dest + PARTIAL;
        const report = opts.progress;
        if (report) {
          await sqlite.backup(partial, {
            progress: ({ totalPages, remainingPages }) => {
              report(totalPages - remainingPages, totalPages);
              // Larger steps than the default 100 pages: the caller is a job's own thread.
              return 4096;
            },
          });
        } else {
          await sqlite.backup(partial);
        }
        // A backup is one self-contained file: no -wal beside it to lose on the way to a USB stick.
        const copy = new BetterSqlite3(partial, binding);
        try {
          copy.pragma('journal_mode = DELETE');
        } finally {
          copy.close();
        }
        const inspection = inspectBook(partial, { ...options, foreignKeys: true });
        if (!inspection.ok) throw new BackupFolderError(`The backup did not pass its check: ${inspection.problem}`);
        renameSync(partial, dest);
        partial = null;
        const info: BackupInfo = {
          file,
          takenAt: at.toISOString(),
          reason,
          sizeBytes: statSync(dest).size,
          clients: inspection.facts.clients,
          staff: inspection.facts.staff,
          problem: null,
        };
        const sidecar: Sidecar = { ...info, migrations: inspection.facts.migrations };
        writeFileSync(dest + SIDECAR, `${JSON.stringify(sidecar, null, 2)}\n`);
        lastError = null;
        prune(folder);
        log.info(`backup taken (${reason}): ${file}, ${info.clients} clients`);
        return info;
      } catch (err) {
        if (partial) rmSync(partial, { force: true });
        const failure = describeFolderError(folder, err);
        lastError = { at: at.toISOString(), message: failure.message };
        log.warn(`backup (${reason}) failed: ${failure.message}`);
        throw failure;
      }
    },

    /** Newest first; a file that fails to read is listed with its problem rather than hidden. */
    list(): BackupInfo[] {
      return listIn(store.folder());
    },

    /** Reads the backup itself (integrity, version, counts), ignoring what its sidecar says. */
    inspect(file: string): BackupInfo {
      return inspectFile(store.folder(), store.pathOf(file).name);
    },

    /**
     * A backup brought from elsewhere (a file chosen on a new PC's first-run screen), copied
     * into the folder under its own name when that is a backup's name and free, else under a
     * new one; checked as a restore checks it, and not kept unless it is a sound book.
     */
    receive(source: string, name: string): BackupInfo {
      const folder = store.folder();
      prepare(folder);
      const file = SAFE_BACKUP_NAME.test(name) && parseBackupName(name) && !existsSync(join(folder, name)) ? name : freeName(folder, now(), 'manual');
      const target = join(folder, file);
      copyFileSync(source, target, constants.COPYFILE_EXCL);
      const info = inspectFile(folder, file);
      if (info.problem) {
        rmSync(target, { force: true });
        throw new BackupFolderError(`That file is not a Clientele backup that can be restored: ${info.problem}`);
      }
      return info;
    },

    /** The path of a backup in the folder; the name never leaves the folder. */
    pathOf(file: string): { name: string; path: string } {
      if (!SAFE_BACKUP_NAME.test(file)) throw new BackupFolderError(`"${file.slice(0, 80)}" is not a backup file name.`);
      const path = join(store.folder(), file);
      if (!existsSync(path)) throw new BackupFolderError(`There is no backup named ${file} in ${store.folder()}.`);
      return { name: file, path };
    },

    /** True when no daily backup was taken in the last 20 hours (an hourly timer asks). */
    dailyDue(): boolean {
      const folder = store.folder();
      if (!existsSync(folder)) return true;
      const cutoff = new Date(now().getTime() - 20 * 3_600_000).toISOString();
      return !readdirSync(folder).some((f) => {
        const named = parseBackupName(f);
        return named?.reason === 'daily' && named.takenAt > cutoff;
      });
    },

    /** Removes .partial files an interrupted backup left behind. */
    clearPartials(): void {
      const folder = store.folder();
      if (!existsSync(folder)) return;
      for (const f of readdirSync(folder)) {
        // The partial copy and what SQLite left beside it when the backup was killed (-journal, -wal, -shm).
        if (f.startsWith('clientele-') && /\.partial(-journal|-wal|-shm)?$/.test(f)) rmSync(join(folder, f), { force: true });
      }
    },
  };
  return store;
}
export type BackupStore = ReturnType<typeof createBackupStore>;
