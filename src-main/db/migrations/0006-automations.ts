// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Life-event automations: rules (birthday or anniversary, an offset, who receives the
 * message, which channel, a template), the outbox of messages and tasks they create, once
 * per rule, client, recipient and year, and the days the scheduler has run.
 */
const statements = [
  `CREATE TABLE automation_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    event TEXT NOT NULL CHECK (event IN ('birthday', 'anniversary')),
    days_before INTEGER NOT NULL CHECK (days_before BETWEEN -60 AND 90),
    recipient TEXT NOT NULL CHECK (recipient IN ('client', 'related')),
    relationship_type_id INTEGER REFERENCES relationship_types (id) ON DELETE SET NULL,
    relationship_side TEXT CHECK (relationship_side IN ('name', 'reverse')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'call')),
    template TEXT NOT NULL CHECK (length(template) BETWEEN 1 AND 2000),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    disabled_reason TEXT,
    created_by INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (recipient = 'client' OR relationship_side IS NOT NULL)
  ) STRICT`,
  `CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    recipient_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    event_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'call')),
    staff_id INTEGER REFERENCES staff (id),
    rendered TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('due', 'sent', 'done', 'skipped', 'snoozed')),
    skip_reason TEXT,
    snoozed_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (rule_id, client_id, recipient_id, year)
  ) STRICT`,
  `CREATE INDEX outbox_staff ON outbox (staff_id, status, due_date)`,
  `CREATE INDEX outbox_due ON outbox (status, due_date)`,
  `CREATE TABLE scheduler_days (
    day TEXT PRIMARY KEY,
    created INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    ran_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID`,
  // The daily run looks clients up by the month-day of their birthday or anniversary;
  // the same expression in the query uses these indexes. A year-less date keeps its last five characters.
  `CREATE INDEX clients_birthday_md ON clients (substr(birthday, -5)) WHERE birthday IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX clients_anniversary_md ON clients (substr(anniversary, -5)) WHERE anniversary IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX relationships_type ON relationships (type_id)`,
  `CREATE INDEX relationships_from ON relationships (from_client_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['relationships_from', 'relationships_type', 'clients_anniversary_md', 'clients_birthday_md']) {
    await sql.raw(`DROP INDEX ${index}`).execute(db);
  }
  for (const table of ['scheduler_days', 'outbox', 'automation_rules']) await db.schema.dropTable(table).execute();
}
