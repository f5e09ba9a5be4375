/**
 * Index maintenance in bulk: inserting a large batch into B-trees ordered by name or date
 * touches pages at random, while building an index afterwards is one sort. For a large
 * import, the clients' secondary indexes are dropped inside the import's transaction and
 * rebuilt just before it commits, so a cancel, a crash or a dry run (all roll back) leave
 * them exactly as they were. Unique indexes stay (they enforce rules), and so do the ones
 * the import matches duplicates with.
 */
import type { JobDb } from './job-db';

const KEEP = new Set(['clients_email_active', 'clients_phone_e164']);
/** Generated rows average ~145 bytes; a rough estimate is enough to choose. */
const BYTES_PER_ROW = 150;
const MIN_ROWS = 10_000;

export interface DeferredIndexes {
  rebuild(): void;
}

export function deferIndexes(db: JobDb, fileBytes: number): DeferredIndexes {
  const incoming = fileBytes / BYTES_PER_ROW;
  const existing = (db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  if (incoming < MIN_ROWS || incoming < existing / 2) return { rebuild: () => undefined };
  const indexes = db.sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name = 'clients' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
    )
    .all() as { name: string; sql: string }[];
  const dropped = indexes.filter((ix) => !KEEP.has(ix.name));
  for (const ix of dropped) db.sqlite.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  return {
    rebuild() {
      for (const ix of dropped) db.sqlite.exec(ix.sql);
    },
  };
}
