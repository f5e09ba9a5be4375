import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { enableSecureDelete } from './erasure';
import type { Database } from './schema';

export type Db = Kysely<Database>;
/** Queries take either the database or an open transaction as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface OpenOptions {
  /** Path to a better-sqlite3 build for this runtime (the desktop app's Electron build). */
  nativeBinding?: string;
}

export interface Connection {
  db: Db;
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens the book. WAL with synchronous=FULL: a committed change survives a power cut,
 * which matters more on a shop PC than the last bit of write speed.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Erasure relies on freed content being zeroed by every write, not just the purge's (erasure.ts).
  enableSecureDelete(sqlite);
  // A million-client book is close to a gigabyte: a 64 MiB page cache and memory-mapped
  // reads keep list pages and scoped scans off the read() syscall path.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    // Kysely's destroy closes the better-sqlite3 handle too.
    close: () => db.destroy(),
  };
}
