/**
 * What a Clientele book file is, read straight from the file without the app's services:
 * used on backups (verify, list, refuse a foreign or newer file) and on the live book at
 * start (integrity). Every check opens its own short-lived connection.
 */
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { APPLICATION_ID } from '../db/application-id';
import { migrations } from '../db/migrations';
import { describeStorage, storageKind, type StorageKind } from '../storage-errors';

export interface BookFacts {
  /** Active (not deleted) clients. */
  clients: number;
  /** Active staff accounts. */
  staff: number;
  /** Migrations the file has applied, in order; the last names its schema version. */
  migrations: string[];
}

/** Why a file was refused: another program's, a newer Clientele's, damaged, or the disk's fault (full, read-only, no access, I/O error). */
export type ProblemKind = 'foreign' | 'newer' | 'damaged' | 'storage';
export type Inspection = { ok: true; facts: BookFacts } | { ok: false; kind: ProblemKind; problem: string; storage?: StorageKind };

export interface InspectOptions {
  nativeBinding?: string;
  /** Also run PRAGMA foreign_key_check (the live book at start; backups need only quick_check). */
  foreignKeys?: boolean;
}

const known = new Set(Object.keys(migrations));

/** Opens a book read-only, checks it is a sound Clientele file this build understands, and counts it. */
export function inspectBook(file: string, options: InspectOptions = {}): Inspection {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    return inspectOpen(sqlite, options);
  } catch (err) {
    return { ok: false, ...describeOpenError(err, file) };
  } finally {
    sqlite?.close();
  }
}

/** The same checks on a connection the caller already holds (the live book at start). */
export function inspectOpen(sqlite: BetterSqlite3.Database, options: InspectOptions = {}): Inspection {
  const appId = sqlite.pragma('application_id', { simple: true }) as number;
  // 0 is a book from before migration 0005 stamped the header; anything else is another program's.
  if (appId !== APPLICATION_ID && appId !== 0) {
    return { ok: false, kind: 'foreign', problem: 'It is not a Clientele database: it belongs to another program.' };
  }
  const quick = sqlite.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  if (quick.length !== 1 || quick[0]?.quick_check !== 'ok') {
    const first = quick[0]?.quick_check ?? 'no answer';
    return { ok: false, kind: 'damaged', problem: `The file is damaged (integrity check: ${first.slice(0, 200)}).` };
  }
  const hasMigrations = sqlite
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'kysely_migration'")
    .get();
  if (!hasMigrations) return { ok: false, kind: 'foreign', problem: 'It is not a Clientele database: it has no Clientele tables.' };
  const applied = (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  if (!applied.includes('0001-initial')) {
    return { ok: false, kind: 'foreign', problem: 'It is not a Clientele database: it has no Clientele tables.' };
  }
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length) {
    return {
      ok: false,
      kind: 'newer',
      problem: `It was made by a newer version of Clientele (it has changes this version does not know: ${unknown.join(', ')}). Update Clientele first.`,
    };
  }
  if (options.foreignKeys) {
    const broken = sqlite.pragma('foreign_key_check') as { table: string }[];
    if (broken.length) {
      const tables = [...new Set(broken.map((b) => b.table))].join(', ');
      return { ok: false, kind: 'damaged', problem: `The file is damaged: ${broken.length} rows point at rows that do not exist (in ${tables}).` };
    }
  }
  const count = (q: string) => Number((sqlite.prepare(q).get() as { n: number }).n);
  return {
    ok: true,
    facts: {
      clients: count('SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL'),
      staff: count('SELECT count(*) AS n FROM staff WHERE active = 1'),
      migrations: applied,
    },
  };
}

function describeOpenError(err: unknown, file: string): { kind: ProblemKind; problem: string; storage?: StorageKind } {
  const code = (err as { code?: string })?.code;
  // The disk's fault, not the file's: told apart so nobody restores a backup over a sound book.
  const storage = storageKind(err);
  if (storage) {
    const what = describeStorage(storage, dirname(file));
    return { kind: 'storage', storage, problem: `It could not be read: ${what}.` };
  }
  // A book whose header was overwritten reads as "not a database": for the live book that is damage.
  if (code === 'SQLITE_NOTADB') return { kind: 'damaged', problem: 'It is not a database file (or its first page is damaged).' };
  if (code === 'SQLITE_CORRUPT') return { kind: 'damaged', problem: 'The file is damaged (SQLite reports a malformed database).' };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'damaged', problem: `The file could not be read: ${message}` };
}
