import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, sql, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type Transaction } from 'kysely';
import { enableSecureDelete } from './erasure';
import type { Database } from './schema';

export type Db = Kysely<Database>;
/** Queries take either the database or an open transaction as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** How long a write waits for another writer (an import, an undo) before it is refused as busy. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Transactions start with BEGIN IMMEDIATE, taking the write lock first. A deferred one
 * reads first and asks for the lock only at its first write; if another connection holds
 * it then, SQLite cannot wait (the reader's snapshot would be stale) and fails at once with
 * SQLITE_BUSY. Taking the lock up front lets busy_timeout wait for it as stated.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error);
   * the ROLLBACK that follows then fails and would hide the error that mattered.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      if (!/no transaction is active/.test(err instanceof Error ? err.message : '')) throw err;
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * A read-only snapshot for a service that reads several times and must see one state of
 * the book: a plain (deferred) BEGIN takes no write lock, so it never waits for a writer.
 */
export function readTransaction<T>(db: Db, run: (snapshot: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const result = await run(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

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
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Erasure relies on freed content being zeroed by every write, not just the purge's (erasure.ts).
  enableSecureDelete(sqlite);
  // A million-client book is close to a gigabyte: a 64 MiB page cache and memory-mapped
  // reads keep list pages and scoped scans off the read() syscall path.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    // Kysely's destroy closes the better-sqlite3 handle too.
    close: () => db.destroy(),
  };
}
