// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * The appointment book.
 *
 * `services`: what can be booked, a list the Admin keeps, each with its default length.
 *
 * `appointments`: a client booked with a staff member at a location. `start_at` is a UTC
 * instant written as JavaScript's toISOString() ('2026-03-08T15:00:00.000Z'), so instants
 * compare as text, like interactions' `occurred_at`; `end_at` is written beside it and
 * checked against SQLite's own sum in the same format, so the two never disagree (a
 * generated column would be exact too, but SQLite reads the row for one even when an index
 * holds it, and the overlap check is to read its index alone). A length is 5 minutes to 12 hours: an
 * appointment overlapping [a, b) starts in (a - 12 h, b), which bounds the overlap check's
 * key range. `version` guards moves against a stale screen. `interaction_id` is the visit a
 * completed appointment recorded (an interaction of kind 'booking'), deleted again if the
 * appointment leaves 'completed'; it has no foreign key, so deleting interactions in bulk
 * never looks up appointments.
 *
 * Indexes: a staff member's appointments by start, with end and status, so a week view walks
 * one key range and the overlap check reads the index alone; a location's by start; a
 * client's by start (their profile, routing, and the foreign key's lookups).
 *
 * `location_hours`: opening hours per location and ISO weekday (1 = Monday), as local wall
 * times; a location with no rows has no hours set (no warning), and a weekday without a row
 * at a location that has some is a closed day.
 *
 * `shop_settings.time_zone`: the shop's IANA time zone; null means the machine's own. The
 * routing setting already exists (0007).
 *
 * `assignment_history.reason` gains 'booking': booking an Unassigned client with a staff
 * member assigns the client to them, as a sale does. SQLite cannot change a CHECK, so the
 * table is rebuilt with its rows.
 */
const statements = [
  `CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    default_duration_minutes INTEGER NOT NULL CHECK (default_duration_minutes BETWEEN 5 AND 720),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX services_name ON services (lower(name))`,
  `CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    location_id INTEGER NOT NULL REFERENCES locations (id),
    service_id INTEGER REFERENCES services (id),
    start_at TEXT NOT NULL CHECK (length(start_at) = 24 AND start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    end_at TEXT NOT NULL CHECK (end_at = strftime('%Y-%m-%dT%H:%M:%fZ', start_at, '+' || duration_minutes || ' minutes')),
    notes TEXT CHECK (length(notes) <= 2000),
    booked_through TEXT NOT NULL CHECK (booked_through IN ('in_store', 'phone', 'online', 'walk_in')),
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'arrived', 'completed', 'no_show', 'cancelled')),
    cancel_reason TEXT CHECK (length(cancel_reason) <= 500),
    override_reason TEXT CHECK (length(override_reason) <= 500),
    interaction_id INTEGER,
    created_by INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
  ) STRICT`,
  `CREATE INDEX appointments_staff_start ON appointments (staff_id, start_at, end_at, status)`,
  `CREATE INDEX appointments_location_start ON appointments (location_id, start_at)`,
  `CREATE INDEX appointments_client_start ON appointments (client_id, start_at)`,
  `CREATE TABLE location_hours (
    location_id INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens TEXT NOT NULL CHECK (length(opens) = 5 AND opens GLOB '[0-2][0-9]:[0-5][0-9]' AND opens <= '23:59'),
    closes TEXT NOT NULL CHECK (length(closes) = 5 AND closes GLOB '[0-2][0-9]:[0-5][0-9]' AND closes <= '24:00'),
    CHECK (opens < closes),
    PRIMARY KEY (location_id, weekday)
  ) STRICT, WITHOUT ROWID`,
  `ALTER TABLE shop_settings ADD COLUMN time_zone TEXT CHECK (length(time_zone) BETWEEN 1 AND 64)`,
];

/** assignment_history as 0007 wrote it, with these reasons: the same text, so going down leaves the schema as it was. */
const historyTable = (reasons: string) => `CREATE TABLE assignment_history (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    from_staff_id INTEGER REFERENCES staff (id),
    to_staff_id INTEGER REFERENCES staff (id),
    reason TEXT NOT NULL CHECK (reason IN (${reasons})),
    detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
    actor_id INTEGER REFERENCES staff (id),
    at TEXT NOT NULL
  ) STRICT`;
const REASONS_0007 = `'manual', 'creator', 'default-assignee', 'onboarding', 'sale', 'bulk', 'import'`;

async function rebuildHistory(db: Kysely<any>, reasons: string, reasonExpr: string): Promise<void> {
  await sql`ALTER TABLE assignment_history RENAME TO assignment_history_old`.execute(db);
  await sql`DROP INDEX assignment_history_client`.execute(db);
  await sql.raw(historyTable(reasons)).execute(db);
  await sql.raw(`INSERT INTO assignment_history (id, client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
    SELECT id, client_id, from_staff_id, to_staff_id, ${reasonExpr}, detail, actor_id, at FROM assignment_history_old ORDER BY id`).execute(db);
  await sql`DROP TABLE assignment_history_old`.execute(db);
  await sql`CREATE INDEX assignment_history_client ON assignment_history (client_id, id)`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await rebuildHistory(db, `${REASONS_0007}, 'booking'`, 'reason');
}

export async function down(db: Kysely<any>): Promise<void> {
  // A booking's assignment reads as a manual one in a book that has no bookings.
  await rebuildHistory(db, REASONS_0007, `CASE reason WHEN 'booking' THEN 'manual' ELSE reason END`);
  await sql`ALTER TABLE shop_settings DROP COLUMN time_zone`.execute(db);
  for (const table of ['location_hours', 'appointments', 'services']) await db.schema.dropTable(table).execute();
}
