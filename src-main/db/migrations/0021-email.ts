// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Email through the shop's own SMTP server.
 *
 * `mail_settings`: one row, the server and the sender; never the password, which is kept
 * outside the book (a file beside it, encrypted by the operating system where it can be), so
 * that no backup, export or audit row can carry it.
 *
 * `campaigns`: an email to a list of clients, with the template it was written as.
 *
 * `messages`: every email to a client, one row each, with its status. `idempotency_key` names
 * what the message is for (a life-event outbox item, a campaign and a client) and is unique,
 * so the same message is never queued twice; a row is `sending` only while a sender holds it,
 * so one found `sending` at start was cut off mid-send and is never sent again by itself.
 */
const statements = [
  `CREATE TABLE mail_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host TEXT NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),
    username TEXT,
    from_name TEXT NOT NULL,
    from_address TEXT NOT NULL,
    reply_to TEXT,
    hourly_limit INTEGER NOT NULL CHECK (hourly_limit BETWEEN 1 AND 1000000),
    updated_by INTEGER REFERENCES staff (id),
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    audience TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'done', 'cancelled')),
    recipients INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    cancelled_at TEXT
  ) STRICT`,
  `CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('life-event', 'campaign')),
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    outbox_id INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE,
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    marketing INTEGER NOT NULL CHECK (marketing IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_attempt_at TEXT,
    smtp_id TEXT,
    reason TEXT,
    created_by INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT
  ) STRICT`,
  `CREATE INDEX messages_due ON messages (next_attempt_at, id) WHERE status IN ('queued', 'retrying')`,
  `CREATE INDEX messages_sending ON messages (id) WHERE status = 'sending'`,
  `CREATE INDEX messages_client ON messages (client_id, id)`,
  `CREATE INDEX messages_campaign ON messages (campaign_id, status)`,
  `CREATE INDEX messages_attempted ON messages (last_attempt_at) WHERE last_attempt_at IS NOT NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['messages', 'campaigns', 'mail_settings']) await db.schema.dropTable(table).execute();
}
