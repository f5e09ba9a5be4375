// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

const statements = [
  // One row per committed import: who, when, which file (name and hash), the options and counts.
  `CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('clients')),
    actor_id INTEGER REFERENCES staff (id),
    file_name TEXT NOT NULL CHECK (length(file_name) <= 255),
    file_hash TEXT NOT NULL,
    file_bytes INTEGER NOT NULL,
    options TEXT NOT NULL,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    -- An import holds the write lock from start to commit, so the clients it creates have
    -- consecutive ids; created_at = at tells them apart from any later reuse of an id.
    first_created_id INTEGER,
    last_created_id INTEGER,
    at TEXT NOT NULL,
    undone_at TEXT,
    undone_by INTEGER REFERENCES staff (id)
  ) STRICT`,
  `CREATE INDEX imports_hash ON imports (file_hash)`,
  // The clients an import updated, with the fields as they were, so undo restores exactly;
  // version_after tells whether anyone changed the client since.
  `CREATE TABLE import_rows (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    before TEXT NOT NULL,
    version_after INTEGER NOT NULL,
    PRIMARY KEY (import_id, client_id)
  ) STRICT, WITHOUT ROWID`,
  // Column mappings a person confirmed, keyed by the file's header set, offered next time.
  `CREATE TABLE import_mappings (
    header_key TEXT PRIMARY KEY,
    mapping TEXT NOT NULL,
    updated_by INTEGER REFERENCES staff (id),
    updated_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['import_mappings', 'import_rows', 'imports']) await db.schema.dropTable(table).execute();
}
