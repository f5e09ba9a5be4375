// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Who may see a client, as sets the visibility scope reads directly: the staff each client
 * has worked with and the locations each client has been seen at, one row per pair, derived
 * from interactions and kept exact by triggers. A scope then reads one contiguous key range
 * (a staff member's or a location's clients, in id order) instead of probing interactions
 * client by client.
 *
 * Each sort also gets an index that starts with the assigned staff member: an Associate's
 * own clients are a few thousand of a million, and their first page is read in order from
 * there instead of sorting them all.
 *
 * Also: the consent filters' indexes carry the status too, so "Existing with email consent"
 * (a segment that ships built in) is one index range, counted without reading rows.
 */
import { sql, type Kysely } from 'kysely';

/** Adds the pair unless present; NOT EXISTS rather than OR IGNORE, which an outer statement's own conflict clause would override. */
const add = (table: string, key: string, value: string) => `
  INSERT INTO ${table} (${key}, client_id) SELECT ${value}, new.client_id
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${key} = ${value} AND client_id = new.client_id);`;

/** Removes the pair once no interaction holds it any more (the interactions indexes answer this). */
const remove = (table: string, key: string, value: string) => `
  DELETE FROM ${table} WHERE ${key} = ${value} AND client_id = old.client_id
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE ${key} = ${value} AND client_id = old.client_id);`;

const statements = [
  `CREATE TABLE client_staff (
    staff_id INTEGER NOT NULL,
    client_id INTEGER NOT NULL,
    PRIMARY KEY (staff_id, client_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE client_locations (
    location_id INTEGER NOT NULL,
    client_id INTEGER NOT NULL,
    PRIMARY KEY (location_id, client_id)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO client_staff (staff_id, client_id)
     SELECT DISTINCT staff_id, client_id FROM interactions WHERE staff_id IS NOT NULL ORDER BY 1, 2`,
  `INSERT INTO client_locations (location_id, client_id)
     SELECT DISTINCT location_id, client_id FROM interactions WHERE location_id IS NOT NULL ORDER BY 1, 2`,
  `CREATE TRIGGER interactions_membership_ai AFTER INSERT ON interactions BEGIN
     ${add('client_staff', 'staff_id', 'new.staff_id')}
     ${add('client_locations', 'location_id', 'new.location_id')}
   END`,
  `CREATE TRIGGER interactions_membership_ad AFTER DELETE ON interactions BEGIN
     ${remove('client_staff', 'staff_id', 'old.staff_id')}
     ${remove('client_locations', 'location_id', 'old.location_id')}
   END`,
  // A merge moves interactions to the survivor (client_id); an edit may change who or where.
  `CREATE TRIGGER interactions_membership_au AFTER UPDATE OF client_id, staff_id, location_id ON interactions BEGIN
     ${remove('client_staff', 'staff_id', 'old.staff_id')}
     ${remove('client_locations', 'location_id', 'old.location_id')}
     ${add('client_staff', 'staff_id', 'new.staff_id')}
     ${add('client_locations', 'location_id', 'new.location_id')}
   END`,
  `CREATE INDEX clients_live_assigned_name ON clients (assigned_staff_id, last_name, first_name, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_assigned_created ON clients (assigned_staff_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_assigned_last_visit ON clients (assigned_staff_id, last_visit_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_assigned_spend ON clients (assigned_staff_id, total_spend_cents, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_consent_email_status ON clients (consent_email, first_visit_at) WHERE deleted_at IS NULL`,
  `CREATE INDEX clients_live_consent_sms_status ON clients (consent_sms, first_visit_at) WHERE deleted_at IS NULL`,
  // Served by the two above (their first column), so one index less to keep on every write.
  `DROP INDEX clients_live_consent_email`,
  `DROP INDEX clients_live_consent_sms`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX clients_live_consent_email ON clients (consent_email) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX clients_live_consent_sms ON clients (consent_sms) WHERE deleted_at IS NULL`.execute(db);
  for (const index of ['clients_live_assigned_name', 'clients_live_assigned_created', 'clients_live_assigned_last_visit', 'clients_live_assigned_spend']) {
    await sql.raw(`DROP INDEX ${index}`).execute(db);
  }
  await sql`DROP INDEX clients_live_consent_sms_status`.execute(db);
  await sql`DROP INDEX clients_live_consent_email_status`.execute(db);
  for (const trigger of ['interactions_membership_au', 'interactions_membership_ad', 'interactions_membership_ai']) {
    await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  }
  await db.schema.dropTable('client_locations').execute();
  await db.schema.dropTable('client_staff').execute();
}
