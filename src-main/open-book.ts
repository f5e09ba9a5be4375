/**
 * Opening the book at start, and again after a restore. The file is checked read-only
 * first (quick_check, foreign_key_check, version) so a damaged book is never written to:
 * it is copied aside for support and the app starts in recovery mode. A sound book with
 * migrations pending is backed up before they run.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { RecoveryInfo } from '../src-preload/contract';
import { inspectBook } from './backup/book-file';
import type { BackupStore } from './backup/store';
import { openDatabase, type Connection } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { migrations } from './db/migrations';
import { insertAudit } from './db/queries/audit.queries';
import { createLogger } from './logger';
import { createServices, type ServiceOptions, type Services } from './services';
import { StorageProblem, storageKind } from './storage-errors';

const log = createLogger('book');

export type Opened =
  | { mode: 'open'; connection: Connection; services: Services }
  | { mode: 'recovery'; info: RecoveryInfo };

export interface OpenBookOptions {
  liveFile: string;
  dataDir: string;
  store: BackupStore;
  nativeBinding?: string;
  now: () => Date;
  services: Omit<ServiceOptions, 'backups' | 'sqlite'> & { backups: Omit<ServiceOptions['backups'], 'sqlite'> };
}

export async function openBook(options: OpenBookOptions): Promise<Opened> {
  const { liveFile, store } = options;
  let applied: string[] = [];
  if (existsSync(liveFile) && statSync(liveFile).size === 0) {
    const empty = setEmptyBookAside(options);
    // A first start killed before it wrote anything leaves an empty file too; with backups
    // in the folder, though, there was a shop here: never start a new one over it unasked.
    if (store.list().length > 0) {
      const problem = `The book is an empty file (0 bytes): something cut it short. It is kept at ${empty}. Restore a backup.`;
      log.error(problem);
      return { mode: 'recovery', info: { problem, damagedCopy: empty, damagedCopies: damagedUsage(options.dataDir), backupFolder: store.folder() } };
    }
    log.warn(`the book was an empty file and there are no backups: starting a new book (the empty file is kept at ${empty})`);
  }
  if (existsSync(liveFile) && statSync(liveFile).size > 0) {
    const inspection = inspectBook(liveFile, { nativeBinding: options.nativeBinding, foreignKeys: true });
    if (inspection.ok) {
      applied = inspection.facts.migrations;
    } else if (inspection.kind === 'storage') {
      throw new StorageProblem(inspection.storage ?? 'io', options.dataDir);
    } else if (inspection.kind === 'newer') {
      throw new Error(`This book ${inspection.problem.replace(/^It /, '')}`);
    } else if (!(inspection.kind === 'foreign' && hasNoTables(liveFile, options.nativeBinding))) {
      log.error(`the book failed its checks at start: ${inspection.problem}`);
      const damagedCopy = copyAside(options);
      return { mode: 'recovery', info: { problem: inspection.problem, damagedCopy, damagedCopies: damagedUsage(options.dataDir), backupFolder: store.folder() } };
    }
  }

  let connection: Connection;
  try {
    connection = openDatabase(liveFile, { nativeBinding: options.nativeBinding });
  } catch (err) {
    throw asStorageProblem(err, options.dataDir);
  }
  try {
    const pending = Object.keys(migrations).filter((name) => !applied.includes(name));
    const safety = applied.length && pending.length ? await backUpBeforeMigrating(connection, store) : null;
    const done = await migrateToLatest(connection.db);
    if (done.length) log.info(`applied migrations: ${done.join(', ')}`);
    const services = await createServices(connection.db, {
      ...options.services,
      sqlite: connection.sqlite,
      backups: { ...options.services.backups, sqlite: connection.sqlite },
    });
    if (safety) {
      await insertAudit(connection.db, {
        actorId: null,
        action: 'backup.take',
        entity: 'backup',
        entityId: null,
        after: { file: safety, reason: 'pre-migration', migrations: pending },
        at: options.now().toISOString(),
      });
    }
    return { mode: 'open', connection, services };
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw asStorageProblem(err, options.dataDir);
  }
}

/** A disk error while opening or updating the book is the disk's, said as such. */
function asStorageProblem(err: unknown, dataDir: string): unknown {
  const kind = storageKind(err);
  return kind ? new StorageProblem(kind, dataDir) : err;
}

/** To the chosen folder, else the default one inside the data folder; no backup, no migration. */
async function backUpBeforeMigrating(connection: Connection, store: BackupStore): Promise<string> {
  try {
    return (await store.take(connection.sqlite, 'pre-migration')).file;
  } catch (err) {
    if (store.folder() !== store.defaultFolder) {
      try {
        return (await store.take(connection.sqlite, 'pre-migration', { folder: store.defaultFolder })).file;
      } catch {
        // Fall through to the error about the chosen folder, which is the one the Admin knows.
      }
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Clientele did not update the book, because it could not back it up first: ${reason}`, { cause: err });
  }
}

/** A file left by a first start that never created a table is a new book, not a damaged one. */
function hasNoTables(file: string, nativeBinding?: string): boolean {
  try {
    const sqlite = new BetterSqlite3(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      return (sqlite.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n === 0;
    } finally {
      sqlite.close();
    }
  } catch {
    return false;
  }
}

/**
 * A byte copy of the damaged book (and its WAL) for support. The backup API is no use here:
 * it reads through SQLite, which is what fails on a damaged file. One copy per distinct
 * damaged file: the name carries the hash of the book and its WAL, so every later start on
 * the same damaged file finds its copy instead of adding another.
 */
export function copyAside({ liveFile, dataDir, now }: Pick<OpenBookOptions, 'liveFile' | 'dataDir' | 'now'>): string | null {
  try {
    const folder = join(dataDir, 'damaged');
    mkdirSync(folder, { recursive: true });
    const tag = hashOf([liveFile, liveFile + '-wal']).slice(0, 16);
    const size = statSync(liveFile).size;
    const known = readdirSync(folder).find((f) => f.endsWith(`-${tag}.db`) && statSync(join(folder, f)).size === size);
    if (known) return join(folder, known);
    const target = join(folder, `${basename(liveFile, '.db')}-${now().toISOString().replace(/:/g, '-')}-${tag}.db`);
    copyFileSync(liveFile, target);
    // The WAL may hold committed pages; the -shm is only an index SQLite rebuilds.
    if (existsSync(liveFile + '-wal')) copyFileSync(liveFile + '-wal', target + '-wal');
    return target;
  } catch (err) {
    log.error('could not copy the damaged book aside', err);
    return null;
  }
}

/** Moves an empty (0-byte) book to damaged/, so it is never taken for a new one without a word. */
function setEmptyBookAside({ liveFile, dataDir, now }: OpenBookOptions): string {
  const folder = join(dataDir, 'damaged');
  mkdirSync(folder, { recursive: true });
  const target = join(folder, `${basename(liveFile, '.db')}-${now().toISOString().replace(/:/g, '-')}-empty.db`);
  renameSync(liveFile, target);
  if (existsSync(liveFile + '-wal')) renameSync(liveFile + '-wal', target + '-wal');
  rmSync(liveFile + '-shm', { force: true });
  return target;
}

/** sha256 over the files that exist among these, read a megabyte at a time. */
function hashOf(files: string[]): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(`${basename(file)}\0`);
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  return hash.digest('hex');
}

/** How many damaged books are kept in damaged/ and the space they (and their WALs) use. */
export function damagedUsage(dataDir: string): { count: number; bytes: number } {
  const folder = join(dataDir, 'damaged');
  try {
    const files = readdirSync(folder);
    const bytes = files.reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
    return { count: files.filter((f) => f.endsWith('.db')).length, bytes };
  } catch {
    return { count: 0, bytes: 0 };
  }
}
