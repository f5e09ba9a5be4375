/**
 * Index maintenance in bulk: inserting a large batch into B-trees ordered by name or date
 * touches pages at random, while building an index afterwards is one sort. For a large
 * import, the clients' secondary indexes are dropped inside the import's transaction and
 * rebuilt just before it commits, so a cancel, a crash or a dry run (all roll back) leave
 * them exactly as they were. Unique indexes stay (they enforce rules), and so do the ones
 * the import matches duplicates with.
 *
 * The search indexes (FTS5 words and trigrams) are fed the same way: the per-row insert
 * trigger is dropped in the same transaction, and the new clients go into both search
 * tables with one INSERT ... SELECT before the trigger is put back, all before COMMIT. SQLite
 * DDL is transactional, so no other connection ever sees the book without its trigger or a
 * client missing from search: readers see the old book until the one commit.
 *
 * FTS5 gathers new terms in memory and writes a segment each time they pass its 'hashsize'
 * (1 MB by default), merging segments as they pile up. For the bulk insert it gathers 32 MB
 * at a time: a million clients' words and trigrams make a few large segments instead of
 * hundreds of small ones merged over and over (4.7 s instead of 7.6 s for both tables). The
 * setting is stored with the table, so it is put back, inside the same transaction.
 *
 * The trigger that gives each new client with an assignee its (assignee, client) pair in
 * client_staff (0016) is deferred the same way: when a shop has a default assignee, every
 * row of a large import fired it, 3.5 s of the writer's time a million rows. The pairs are
 * added with one INSERT ... SELECT before the trigger is put back.
 *
 * So is the trigger that gives each new client its home location's pair in client_locations
 * (0020), with the trigger on those pairs that sets the client's location bit (0014): every
 * row of an import has a home, and each fired an insert and an UPDATE of the row just
 * written. The import writes each new client's bit with its row instead (`homeBits`), and
 * the pairs are added with one INSERT ... SELECT before both triggers are put back.
 */
import type { JobDb } from './job-db';

const KEEP = new Set(['clients_email_active', 'clients_phone_e164']);
/** Generated rows average ~145 bytes; a rough estimate is enough to choose. */
const BYTES_PER_ROW = 150;
const MIN_ROWS = 10_000;

/** The trigger migration 0003 keeps search in step with each inserted client, and the tables it feeds. */
const SEARCH_TRIGGER = 'clients_search_ai';
const SEARCH_TABLES = ['clients_fts', 'clients_trgm'];
/** FTS5's own default (FTS5_DEFAULT_HASHSIZE), and the size for a bulk insert. */
const DEFAULT_HASHSIZE = 1024 * 1024;
const BULK_HASHSIZE = 32 * 1024 * 1024;

export interface DeferredIndexes {
  /** True while the home pairs are deferred: the import then writes each new client's location bit itself. */
  homeBits: boolean;
  rebuild(): void;
}

export function deferIndexes(db: JobDb, fileBytes: number): DeferredIndexes {
  const incoming = fileBytes / BYTES_PER_ROW;
  const existing = (db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  if (incoming < MIN_ROWS || incoming < existing / 2) return { homeBits: false, rebuild: () => undefined };
  const indexes = db.sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name = 'clients' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
    )
    .all() as { name: string; sql: string }[];
  const dropped = indexes.filter((ix) => !KEEP.has(ix.name));
  for (const ix of dropped) db.sqlite.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  const search = deferSearch(db);
  const phoneSearch = deferPhoneSearch(db);
  const pairs = deferAssignedPairs(db);
  const homes = deferHomePairs(db);
  return {
    homeBits: homes !== null,
    rebuild() {
      pairs();
      homes?.();
      for (const ix of dropped) db.sqlite.exec(ix.sql);
      search();
      phoneSearch();
    },
  };
}

/** The home pair's trigger (0020) and the location bit's (0014) as those migrations create them (whitespace aside). */
const HOME_TRIGGERS: Record<string, string> = {
  clients_home_ai: `CREATE TRIGGER clients_home_ai AFTER INSERT ON clients WHEN new.home_location_id IS NOT NULL BEGIN
  INSERT INTO client_locations (location_id, client_id, is_unassigned) SELECT new.home_location_id, new.id, new.assigned_staff_id IS NULL
  WHERE new.home_location_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_locations WHERE location_id = new.home_location_id AND client_id = new.id);
END`,
  client_locations_mask_ai: `CREATE TRIGGER client_locations_mask_ai AFTER INSERT ON client_locations
  WHEN new.location_id BETWEEN 1 AND 62 BEGIN
  UPDATE clients SET location_mask = location_mask | (1 << (new.location_id - 1)) WHERE id = new.client_id;
END`,
};

/** The location bit of a home, as the import writes it with the row while the home pairs are deferred. */
export const HOME_BIT_SQL = '(CASE WHEN ? BETWEEN 1 AND 62 THEN 1 << (? - 1) ELSE 0 END)';

/** Drops both triggers if they are the ones reproduced here; the returned function adds the new clients' home pairs and restores them. */
function deferHomePairs(db: JobDb): (() => void) | null {
  const saved = Object.keys(HOME_TRIGGERS).map(
    (name) => (db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { sql: string } | undefined)?.sql,
  );
  if (saved.some((text, i) => !text || words(text) !== words(Object.values(HOME_TRIGGERS)[i]!))) return null;
  const maxIdBefore = (db.sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  for (const name of Object.keys(HOME_TRIGGERS)) db.sqlite.exec(`DROP TRIGGER ${name}`);
  return () => {
    // In key order: the pairs' B-tree is filled from one end instead of at random.
    db.sqlite
      .prepare(
        `INSERT INTO client_locations (location_id, client_id, is_unassigned)
           SELECT home_location_id, id, assigned_staff_id IS NULL FROM clients WHERE id > ? AND home_location_id IS NOT NULL ORDER BY 1, 2
         ON CONFLICT (location_id, client_id) DO NOTHING`,
      )
      .run(maxIdBefore);
    for (const text of saved) db.sqlite.exec(text!);
  };
}

/** The pairs trigger as migration 0016 creates it (whitespace aside): anything else stays per row. */
const PAIRS_TRIGGER = 'clients_assigned_pairs_ai';
const PAIRS_TRIGGER_SQL = `CREATE TRIGGER clients_assigned_pairs_ai AFTER INSERT ON clients WHEN new.assigned_staff_id IS NOT NULL BEGIN
  INSERT INTO client_staff (staff_id, client_id, worked, is_assigned) SELECT new.assigned_staff_id, new.id, 0, 1
  WHERE NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = new.assigned_staff_id AND client_id = new.id);
END`;
const words = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Drops the per-row pairs trigger; the returned function adds the new clients' pairs and restores it. */
function deferAssignedPairs(db: JobDb): () => void {
  const trigger = db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(PAIRS_TRIGGER) as
    | { sql: string }
    | undefined;
  if (!trigger || words(trigger.sql) !== words(PAIRS_TRIGGER_SQL)) return () => undefined;
  const maxIdBefore = (db.sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  db.sqlite.exec(`DROP TRIGGER ${PAIRS_TRIGGER}`);
  return () => {
    db.sqlite
      .prepare(
        `INSERT INTO client_staff (staff_id, client_id, worked, is_assigned)
           SELECT assigned_staff_id, id, 0, 1 FROM clients WHERE id > ? AND assigned_staff_id IS NOT NULL
         ON CONFLICT (staff_id, client_id) DO NOTHING`,
      )
      .run(maxIdBefore);
    db.sqlite.exec(trigger.sql);
  };
}

/** Drops the per-row search trigger; the returned function indexes the new clients and restores it. */
function deferSearch(db: JobDb): () => void {
  const trigger = db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(SEARCH_TRIGGER) as
    | { sql: string }
    | undefined;
  // Only the trigger this code knows: if a later migration changed what it feeds, keep it per row.
  if (!trigger || !SEARCH_TABLES.every((t) => trigger.sql.includes(`INSERT INTO ${t} (rowid, first_name, last_name, email)`))) {
    return () => undefined;
  }
  const maxIdBefore = (db.sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  db.sqlite.exec(`DROP TRIGGER ${SEARCH_TRIGGER}`);
  return () => {
    for (const table of SEARCH_TABLES) {
      const before = db.sqlite.prepare(`SELECT v FROM ${table}_config WHERE k = 'hashsize'`).get() as { v: number } | undefined;
      // A literal: FTS5 takes only an INTEGER here, and a bound JS number arrives as a REAL.
      const setHashsize = (bytes: number) => db.sqlite.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`);
      setHashsize(BULK_HASHSIZE);
      db.sqlite
        .prepare(`INSERT INTO ${table} (rowid, first_name, last_name, email) SELECT id, first_name, last_name, email FROM clients WHERE id > ?`)
        .run(maxIdBefore);
      setHashsize(before?.v ?? DEFAULT_HASHSIZE);
    }
    db.sqlite.exec(trigger.sql);
  };
}

/** The phone-digits search's insert trigger as migration 0024 creates it (whitespace aside). */
const PHONE_SEARCH_TRIGGER = 'clients_phone_search_ai';
const PHONE_SEARCH_TRIGGER_SQL = `CREATE TRIGGER clients_phone_search_ai AFTER INSERT ON clients WHEN new.phone_rev IS NOT NULL BEGIN
     INSERT INTO clients_phone_trgm (rowid, phone_rev) VALUES (new.id, new.phone_rev);
   END`;

/** Drops the per-row phone search trigger; the returned function indexes the new clients' phones and restores it. */
function deferPhoneSearch(db: JobDb): () => void {
  const trigger = db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(PHONE_SEARCH_TRIGGER) as
    | { sql: string }
    | undefined;
  if (!trigger || words(trigger.sql) !== words(PHONE_SEARCH_TRIGGER_SQL)) return () => undefined;
  const maxIdBefore = (db.sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  db.sqlite.exec(`DROP TRIGGER ${PHONE_SEARCH_TRIGGER}`);
  return () => {
    const table = 'clients_phone_trgm';
    const before = db.sqlite.prepare(`SELECT v FROM ${table}_config WHERE k = 'hashsize'`).get() as { v: number } | undefined;
    db.sqlite.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${BULK_HASHSIZE})`);
    db.sqlite.prepare(`INSERT INTO ${table} (rowid, phone_rev) SELECT id, phone_rev FROM clients WHERE id > ? AND phone_rev IS NOT NULL`).run(maxIdBefore);
    db.sqlite.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${Math.trunc(before?.v ?? DEFAULT_HASHSIZE)})`);
    db.sqlite.exec(trigger.sql);
  };
}
