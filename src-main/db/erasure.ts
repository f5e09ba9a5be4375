/**
 * What makes an erasure reach the bytes on disk, without rewriting a million-client book
 * every time.
 *
 * Every connection to the book runs with `PRAGMA secure_delete = ON` (never FAST): SQLite then
 * overwrites with zeros the content it frees, at the moment it frees it — a b-tree cell
 * deleted or replaced by an UPDATE (table rows and index entries alike, so an old email in
 * the unique email index goes too), the overflow pages of a long value, and whole pages
 * moved to the freelist (FAST would leave those: it only zeroes what costs no extra I/O).
 * The FTS5 indexes run with their own 'secure-delete' option (0003) so a changed or erased
 * name or email leaves their segment pages instead of lingering until a merge.
 *
 * Zeroing happens on the page image being written; in WAL mode that image goes to the
 * WAL, and the older images of the same page stay in the main file and in earlier WAL
 * frames until a checkpoint copies the new page over the old one and the WAL is reset. So
 * after an erasure commits, `wal_checkpoint(TRUNCATE)` writes the zeroed pages into the
 * book and cuts the WAL file to nothing. That costs the pages written since the last
 * checkpoint, not the size of the book, which is what a VACUUM per purge cost.
 *
 * The one thing secure_delete cannot reach is content freed before it was on: a book from
 * before this change may hold old values in free space and freelist pages. Such a book is
 * VACUUMed once, at its first erasure, and then marked (a bit of `PRAGMA user_version`,
 * which no migration uses, and which travels with the file into backups and restores). A book
 * created with secure_delete on from its first write is marked at creation and never needs it.
 *
 * Not reached by any of this, as with a VACUUM: backups taken before the erasure, and
 * whatever the file system or the disk keeps of blocks SQLite has overwritten.
 */
import { sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Executor } from './connection';

/** `user_version` bit: every write to this book has been made with secure_delete on. */
export const SCRUBBED = 1;

/** Pragmas for every connection that writes to the book (the app's and each job's). */
export function enableSecureDelete(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('secure_delete = ON');
  // A book with no tables yet has never held anything: it starts out scrubbed.
  if (!sqlite.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get()) {
    sqlite.pragma(`user_version = ${(sqlite.pragma('user_version', { simple: true }) as number) | SCRUBBED}`);
  }
}

export interface Scrub {
  /** The one-time VACUUM of a book from before secure_delete was always on. */
  vacuumed: boolean;
  /** False when a reader (a running import or export) kept the WAL from being reset. */
  walTruncated: boolean;
}

/**
 * After an erasure has committed (outside any transaction): the freed, zeroed pages into the
 * book and the WAL emptied; the first time on an older book, a VACUUM first.
 */
export async function scrubAfterErasure(db: Executor): Promise<Scrub> {
  const version = (await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)).rows[0]?.user_version ?? 0;
  const vacuumed = (version & SCRUBBED) === 0;
  if (vacuumed) {
    await sql`VACUUM`.execute(db);
    await sql.raw(`PRAGMA user_version = ${version | SCRUBBED}`).execute(db);
  }
  const [result] = (await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db)).rows;
  return { vacuumed, walTruncated: result?.busy === 0 };
}
