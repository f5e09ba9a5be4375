// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The client book at a million rows: search indexes kept in sync by triggers, derived
 * visit/spend columns kept exact by triggers on interactions, indexes for every sort and
 * filter, merge/purge markers, saved segments and per-person list preferences.
 */
import { sql, type Kysely } from 'kysely';

/** The longest phone the schema accepts (clients.phone CHECK). */
const PHONE_MAX = 40;

/**
 * The phone's digits, last first, as one SQL expression, so "1234" finds every phone ending
 * in 1234 with an index range whatever the formatting. Pure SQL (no app function), so any
 * connection, tool or importer writing a phone keeps it right.
 */
const reversedDigits = (() => {
  const chars: string[] = [];
  for (let i = PHONE_MAX; i >= 1; i--) {
    chars.push(`CASE WHEN substr(phone, ${i}, 1) GLOB '[0-9]' THEN substr(phone, ${i}, 1) ELSE '' END`);
  }
  return `nullif(${chars.join(' || ')}, '')`;
})();

const visitKinds = `('sale', 'booking')`;

/** Recomputes one client's derived columns from its interactions: exact, never stale. */
const recompute = (client: string) => `
  UPDATE clients SET
    first_visit_at = coalesce((SELECT min(occurred_at) FROM interactions WHERE client_id = ${client} AND kind IN ${visitKinds}), ''),
    last_visit_at = coalesce((SELECT max(occurred_at) FROM interactions WHERE client_id = ${client} AND kind IN ${visitKinds}), ''),
    last_purchase_at = coalesce((SELECT max(occurred_at) FROM interactions WHERE client_id = ${client} AND kind = 'sale'), ''),
    total_spend_cents = coalesce((SELECT sum(amount_cents) FROM interactions WHERE client_id = ${client} AND kind = 'sale'), 0)
  WHERE id = ${client};`;

const ftsRow = (row: 'new' | 'old') => `${row}.id, ${row}.first_name, ${row}.last_name, ${row}.email`;

const statements = [
  // Derived from interactions; '' (not NULL) for "never", so keyset sorts need no NULL cases.
  `ALTER TABLE clients ADD COLUMN first_visit_at TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE clients ADD COLUMN last_visit_at TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE clients ADD COLUMN last_purchase_at TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE clients ADD COLUMN total_spend_cents INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE clients ADD COLUMN phone_rev TEXT GENERATED ALWAYS AS (${reversedDigits}) VIRTUAL`,
  // A merged client is also deleted (out of lists and search) and points at its survivor.
  `ALTER TABLE clients ADD COLUMN merged_into_id INTEGER REFERENCES clients (id)`,
  `ALTER TABLE clients ADD COLUMN purged_at TEXT`,

  `UPDATE clients SET
     first_visit_at = coalesce((SELECT min(occurred_at) FROM interactions i WHERE i.client_id = clients.id AND i.kind IN ${visitKinds}), ''),
     last_visit_at = coalesce((SELECT max(occurred_at) FROM interactions i WHERE i.client_id = clients.id AND i.kind IN ${visitKinds}), ''),
     last_purchase_at = coalesce((SELECT max(occurred_at) FROM interactions i WHERE i.client_id = clients.id AND i.kind = 'sale'), ''),
     total_spend_cents = coalesce((SELECT sum(amount_cents) FROM interactions i WHERE i.client_id = clients.id AND i.kind = 'sale'), 0)`,

  `CREATE TRIGGER interactions_visit_ai AFTER INSERT ON interactions WHEN new.kind IN ${visitKinds} BEGIN
     UPDATE clients SET
       first_visit_at = CASE WHEN first_visit_at = '' OR new.occurred_at < first_visit_at THEN new.occurred_at ELSE first_visit_at END,
       last_visit_at = CASE WHEN new.occurred_at > last_visit_at THEN new.occurred_at ELSE last_visit_at END,
       last_purchase_at = CASE WHEN new.kind = 'sale' AND new.occurred_at > last_purchase_at THEN new.occurred_at ELSE last_purchase_at END,
       total_spend_cents = total_spend_cents + CASE WHEN new.kind = 'sale' THEN coalesce(new.amount_cents, 0) ELSE 0 END
     WHERE id = new.client_id;
   END`,
  `CREATE TRIGGER interactions_visit_ad AFTER DELETE ON interactions WHEN old.kind IN ${visitKinds} BEGIN
     ${recompute('old.client_id')}
   END`,
  `CREATE TRIGGER interactions_visit_au AFTER UPDATE OF client_id, kind, occurred_at, amount_cents ON interactions BEGIN
     ${recompute('old.client_id')}
     ${recompute('new.client_id')}
   END`,

  // Word prefixes, accents folded ("Jose" finds "José"); prefix indexes keep 1-3 letter
  // as-you-type queries from merging thousands of doclists.
  `CREATE VIRTUAL TABLE clients_fts USING fts5(first_name, last_name, email,
     content='clients', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`,
  // Substrings of three characters or more, including inside CJK names that unicode61 keeps whole.
  `CREATE VIRTUAL TABLE clients_trgm USING fts5(first_name, last_name, email,
     content='clients', content_rowid='id', tokenize='trigram remove_diacritics 1')`,
  // Deleted entries leave the index's pages at once, not at the next merge: a purged
  // person is gone from search storage, not just hidden.
  `INSERT INTO clients_fts (clients_fts, rank) VALUES ('secure-delete', 1)`,
  `INSERT INTO clients_trgm (clients_trgm, rank) VALUES ('secure-delete', 1)`,
  `INSERT INTO clients_fts (clients_fts) VALUES ('rebuild')`,
  `INSERT INTO clients_trgm (clients_trgm) VALUES ('rebuild')`,
  `CREATE TRIGGER clients_search_ai AFTER INSERT ON clients BEGIN
     INSERT INTO clients_fts (rowid, first_name, last_name, email) VALUES (${ftsRow('new')});
     INSERT INTO clients_trgm (rowid, first_name, last_name, email) VALUES (${ftsRow('new')});
   END`,
  `CREATE TRIGGER clients_search_ad AFTER DELETE ON clients BEGIN
     INSERT INTO clients_fts (clients_fts, rowid, first_name, last_name, email) VALUES ('delete', ${ftsRow('old')});
     INSERT INTO clients_trgm (clients_trgm, rowid, first_name, last_name, email) VALUES ('delete', ${ftsRow('old')});
   END`,
  `CREATE TRIGGER clients_search_au AFTER UPDATE OF first_name, last_name, email ON clients BEGIN
     INSERT INTO clients_fts (clients_fts, rowid, first_name, last_name, email) VALUES ('delete', ${ftsRow('old')});
     INSERT INTO clients_trgm (clients_trgm, rowid, first_name, last_name, email) VALUES ('delete', ${ftsRow('old')});
     INSERT INTO clients_fts (rowid, first_name, last_name, email) VALUES (${ftsRow('new')});
     INSERT INTO clients_trgm (rowid, first_name, last_name, email) VALUES (${ftsRow('new')});
   END`,

  `CREATE INDEX clients_phone_rev ON clients (phone_rev) WHERE phone_rev IS NOT NULL`,
  // Sorts and filters over live clients only; each also serves counts as a narrow index.
  `CREATE INDEX clients_live_created ON clients (created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_last_visit ON clients (last_visit_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_spend ON clients (total_spend_cents, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_status ON clients (first_visit_at) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_purchase ON clients (last_purchase_at) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_assigned ON clients (assigned_staff_id, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_consent_email ON clients (consent_email) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_consent_sms ON clients (consent_sms) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_birthday_month ON clients (substr(birthday, -5, 2)) WHERE birthday IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX clients_anniversary_month ON clients (substr(anniversary, -5, 2)) WHERE anniversary IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX clients_trash ON clients (deleted_at, id) WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL`,
  `CREATE INDEX clients_dup_name ON clients (lower(first_name), lower(last_name), birthday) WHERE deleted_at IS NULL AND birthday IS NOT NULL`,
  `CREATE INDEX interactions_location ON interactions (location_id, client_id) WHERE location_id IS NOT NULL`,

  `CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    owner_id INTEGER NOT NULL REFERENCES staff (id),
    shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    filters TEXT NOT NULL CHECK (json_valid(filters)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX segments_owner ON segments (owner_id)`,
  `CREATE TABLE staff_preferences (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
    value TEXT NOT NULL CHECK (json_valid(value) AND length(value) <= 4000),
    PRIMARY KEY (staff_id, key)
  ) STRICT, WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const drops = [
    'DROP TABLE staff_preferences',
    'DROP TABLE segments',
    'DROP INDEX interactions_location',
    'DROP INDEX clients_dup_name',
    'DROP INDEX clients_trash',
    'DROP INDEX clients_anniversary_month',
    'DROP INDEX clients_birthday_month',
    'DROP INDEX clients_live_consent_sms',
    'DROP INDEX clients_live_consent_email',
    'DROP INDEX clients_live_assigned',
    'DROP INDEX clients_live_purchase',
    'DROP INDEX clients_live_status',
    'DROP INDEX clients_live_spend',
    'DROP INDEX clients_live_last_visit',
    'DROP INDEX clients_live_created',
    'DROP INDEX clients_phone_rev',
    'DROP TRIGGER clients_search_au',
    'DROP TRIGGER clients_search_ad',
    'DROP TRIGGER clients_search_ai',
    'DROP TABLE clients_trgm',
    'DROP TABLE clients_fts',
    'DROP TRIGGER interactions_visit_au',
    'DROP TRIGGER interactions_visit_ad',
    'DROP TRIGGER interactions_visit_ai',
    'ALTER TABLE clients DROP COLUMN purged_at',
    'ALTER TABLE clients DROP COLUMN merged_into_id',
    'ALTER TABLE clients DROP COLUMN phone_rev',
    'ALTER TABLE clients DROP COLUMN total_spend_cents',
    'ALTER TABLE clients DROP COLUMN last_purchase_at',
    'ALTER TABLE clients DROP COLUMN last_visit_at',
    'ALTER TABLE clients DROP COLUMN first_visit_at',
  ];
  for (const statement of drops) await sql.raw(statement).execute(db);
}
