import { sql, type Kysely } from 'kysely';

/**
 * Appointment reminders (0022b): a reminder the day before each booked appointment is an
 * outbox item (a task in Today for the appointment's staff member) or, for a client who
 * agreed to email and has an address, an email in `messages`, as a life event's is.
 *
 * - `outbox.rule_id` becomes optional: an item is a life event's (its rule) or an
 *   appointment's reminder (`appointment_id`, with the start it reminds of, so a moved
 *   appointment gets a new reminder and the old one can be told apart). One reminder per
 *   appointment and start.
 * - `messages.kind` gains 'reminder'.
 * - `shop_settings.reminder_template`: the Admin's text; null means the built-in one.
 *
 * Both tables are rebuilt with their rows and ids. `messages.outbox_id` refers to the outbox
 * (ON DELETE SET NULL): renaming the old outbox away would point messages at it, and dropping
 * it would then empty every message's outbox_id; `rebuild` drops messages first instead.
 */
const outboxTable = (withReminders: boolean) => `CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER ${withReminders ? '' : 'NOT NULL '}REFERENCES automation_rules (id) ON DELETE CASCADE,
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
    updated_at TEXT NOT NULL,${
      withReminders
        ? `
    appointment_id INTEGER REFERENCES appointments (id) ON DELETE CASCADE,
    appointment_start_at TEXT,
    CHECK ((rule_id IS NULL) != (appointment_id IS NULL)),
    CHECK ((appointment_id IS NULL) = (appointment_start_at IS NULL)),`
        : ''
    }
    UNIQUE (rule_id, client_id, recipient_id, year)
  ) STRICT`;
const OUTBOX_COLUMNS = 'id, rule_id, client_id, recipient_id, year, event_date, due_date, channel, staff_id, rendered, reason, status, skip_reason, snoozed_until, created_at, updated_at';
const outboxIndexes = (withReminders: boolean) => [
  `CREATE INDEX outbox_staff ON outbox (staff_id, status, due_date)`,
  `CREATE INDEX outbox_due ON outbox (status, due_date)`,
  ...(withReminders ? [`CREATE UNIQUE INDEX outbox_reminder ON outbox (appointment_id, appointment_start_at) WHERE appointment_id IS NOT NULL`] : []),
];

const messagesTable = (kinds: string) => `CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN (${kinds})),
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
  ) STRICT`;
const MESSAGE_COLUMNS =
  'id, idempotency_key, kind, client_id, outbox_id, campaign_id, to_address, to_name, subject, body, marketing, status, attempts, next_attempt_at, last_attempt_at, smtp_id, reason, created_by, created_at, updated_at, sent_at';
const MESSAGE_INDEXES = [
  `CREATE INDEX messages_due ON messages (next_attempt_at, id) WHERE status IN ('queued', 'retrying')`,
  `CREATE INDEX messages_sending ON messages (id) WHERE status = 'sending'`,
  `CREATE INDEX messages_client ON messages (client_id, id)`,
  `CREATE INDEX messages_campaign ON messages (campaign_id, status)`,
  `CREATE INDEX messages_attempted ON messages (last_attempt_at) WHERE last_attempt_at IS NOT NULL`,
];

/**
 * Rebuilds both tables: their rows are set aside in plain copies, messages dropped first
 * (nothing refers to it), then the outbox (nothing refers to it any more, so no message
 * loses its item), and both made again under their own names, so the schema reads as its
 * CREATE statements say, then filled with their rows and ids.
 */
async function rebuild(db: Kysely<any>, withReminders: boolean): Promise<void> {
  const kinds = withReminders ? `'life-event', 'campaign', 'reminder'` : `'life-event', 'campaign'`;
  const keep = withReminders ? { outbox: '', messages: '' } : { outbox: ' WHERE appointment_id IS NULL', messages: ` WHERE kind != 'reminder'` };
  await sql.raw(`CREATE TABLE outbox_rows AS SELECT ${OUTBOX_COLUMNS} FROM outbox${keep.outbox}`).execute(db);
  await sql.raw(`CREATE TABLE message_rows AS SELECT ${MESSAGE_COLUMNS} FROM messages${keep.messages}`).execute(db);
  await sql`DROP TABLE messages`.execute(db);
  await sql`DROP TABLE outbox`.execute(db);
  await sql.raw(outboxTable(withReminders)).execute(db);
  await sql.raw(`INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT ${OUTBOX_COLUMNS} FROM outbox_rows ORDER BY id`).execute(db);
  await sql.raw(messagesTable(kinds)).execute(db);
  await sql.raw(`INSERT INTO messages (${MESSAGE_COLUMNS}) SELECT ${MESSAGE_COLUMNS} FROM message_rows ORDER BY id`).execute(db);
  await sql`DROP TABLE message_rows`.execute(db);
  await sql`DROP TABLE outbox_rows`.execute(db);
  for (const statement of [...outboxIndexes(withReminders), ...MESSAGE_INDEXES]) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
  await sql`ALTER TABLE shop_settings ADD COLUMN reminder_template TEXT`.execute(db);
}

/** Down: reminders go (their messages and items), and the tables are as 0021 and 0006 left them. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE shop_settings DROP COLUMN reminder_template`.execute(db);
  await rebuild(db, false);
}
