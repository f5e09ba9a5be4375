import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { BUSY_TIMEOUT_MS } from '../db/connection';
import { enableSecureDelete } from '../db/erasure';
import type { Database } from '../db/schema';
import type { JobDatabase } from './types';

/**
 * A job's own connection to the book, with the app's pragmas, plus a Kysely over it for
 * building queries (the visibility scope) that the job then runs as prepared statements.
 */
export function openJobDb(p: JobDatabase) {
  const sqlite = new BetterSqlite3(p.databaseFile, p.nativeBinding ? { nativeBinding: p.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // An import that overwrites an email must not leave the old one in free space (db/erasure.ts).
  enableSecureDelete(sqlite);
  // Bulk work: a bigger page cache (64 MB) keeps index pages hot without breaking the memory budget.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { sqlite, kysely, close: () => sqlite.close() };
}
export type JobDb = ReturnType<typeof openJobDb>;
