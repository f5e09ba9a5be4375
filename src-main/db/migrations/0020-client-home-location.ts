// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Every client has a home location, and the Unassigned clients of a location form a pool.
 *
 * `clients.home_location_id` is where the client belongs: the creator's working location,
 * an import's location. A book from before gets, for each client, the location most of its
 * interactions are at (a tie goes to the one seen most recently), else the shop's default
 * location.
 *
 * The home counts exactly like a location the client was seen at: it keeps a pair in
 * client_locations (0008), so the location bits (0014) and every scope path read it as
 * they read the others. Triggers on clients add, move and remove that pair; the interactions'
 * triggers (0016) are replaced so that a client's last interaction at its home leaves the
 * pair in place, and so that a pair an interaction adds carries the flag below.
 *
 * `client_locations.is_unassigned` marks the pairs of Unassigned clients, kept by a trigger
 * on the assignment, with an index over them: a location's Unassigned clients are one key
 * range, and whether a client is in a location's pool is one primary-key probe. The shop
 * setting `unassigned_pool` (on by default) shows Associates that pool at their locations.
 *
 * `clients_unseen_home`: the clients without interactions, by home. Their only location
 * pair is the home, and under spend or last visit they all share one key (0 and ''), so a
 * large location scope reads them in id order, location by location, instead of stepping
 * over every other location's (0009 indexed the seen ones).
 */
import { sql, type Kysely } from 'kysely';

const MASKED_LOCATIONS = 62;
const bit = (location: string) => `(1 << (${location} - 1))`;

/** Adds the pair unless present (NOT EXISTS rather than OR IGNORE, as in 0008). */
const pairAdd = (location: string, client: string, unassigned: string) => `
  INSERT INTO client_locations (location_id, client_id, is_unassigned) SELECT ${location}, ${client}, ${unassigned}
  WHERE ${location} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_locations WHERE location_id = ${location} AND client_id = ${client});`;

/** An interaction's location: the pair, flagged when the client is Unassigned. */
const locationAdd = (value: string) => pairAdd(value, 'new.client_id', 'coalesce((SELECT assigned_staff_id IS NULL FROM clients WHERE id = new.client_id), 0)');
/** Its last interaction there gone: the pair goes, unless that location is the client's home. */
const locationRemove = (value: string) => `
  DELETE FROM client_locations WHERE location_id = ${value} AND client_id = old.client_id
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE location_id = ${value} AND client_id = old.client_id)
    AND NOT EXISTS (SELECT 1 FROM clients WHERE id = old.client_id AND home_location_id = ${value});`;

/** 0016's location pair add and remove, as they were (for down). */
const locationAdd0016 = (value: string) => `
  INSERT INTO client_locations (location_id, client_id) SELECT ${value}, new.client_id
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_locations WHERE location_id = ${value} AND client_id = new.client_id);`;
const locationRemove0016 = (value: string) => `
  DELETE FROM client_locations WHERE location_id = ${value} AND client_id = old.client_id
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE location_id = ${value} AND client_id = old.client_id);`;

/** 0016's staff pair add and remove, unchanged. */
const staffAdd = (value: string) => `
  UPDATE client_staff SET worked = 1 WHERE staff_id = ${value} AND client_id = new.client_id AND worked = 0;
  INSERT INTO client_staff (staff_id, client_id, worked) SELECT ${value}, new.client_id, 1
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = ${value} AND client_id = new.client_id);`;
const staffRemove = (value: string) => `
  DELETE FROM client_staff WHERE staff_id = ${value} AND client_id = old.client_id AND is_assigned = 0
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE staff_id = ${value} AND client_id = old.client_id);
  UPDATE client_staff SET worked = 0 WHERE staff_id = ${value} AND client_id = old.client_id AND is_assigned = 1 AND worked = 1
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE staff_id = ${value} AND client_id = old.client_id);`;

const interactionTriggers = (add: (v: string) => string, remove: (v: string) => string) => [
  `CREATE TRIGGER interactions_membership_ai AFTER INSERT ON interactions BEGIN
     ${staffAdd('new.staff_id')}
     ${add('new.location_id')}
   END`,
  `CREATE TRIGGER interactions_membership_ad AFTER DELETE ON interactions BEGIN
     ${staffRemove('old.staff_id')}
     ${remove('old.location_id')}
   END`,
  `CREATE TRIGGER interactions_membership_au AFTER UPDATE OF client_id, staff_id, location_id ON interactions BEGIN
     ${staffRemove('old.staff_id')}
     ${remove('old.location_id')}
     ${staffAdd('new.staff_id')}
     ${add('new.location_id')}
   END`,
];
const dropInteractionTriggers = ['interactions_membership_au', 'interactions_membership_ad', 'interactions_membership_ai'].map((t) => `DROP TRIGGER ${t}`);

const homePair = pairAdd('new.home_location_id', 'new.id', 'new.assigned_staff_id IS NULL');
const homeRemove = (client: string) => `
  DELETE FROM client_locations WHERE location_id = old.home_location_id AND client_id = ${client}
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE location_id = old.home_location_id AND client_id = ${client});`;

const clientTriggers = [
  `CREATE TRIGGER clients_home_ai AFTER INSERT ON clients WHEN new.home_location_id IS NOT NULL BEGIN
     ${homePair}
   END`,
  `CREATE TRIGGER clients_home_au AFTER UPDATE OF home_location_id ON clients
   WHEN old.home_location_id IS NOT new.home_location_id BEGIN
     ${homeRemove('new.id')}
     ${homePair}
   END`,
  // A client removed for good (an import's undo): its home's pair with it.
  `CREATE TRIGGER clients_home_ad AFTER DELETE ON clients WHEN old.home_location_id IS NOT NULL BEGIN
     ${homeRemove('old.id')}
   END`,
  // Every pair of the client is at a location: one primary-key probe per location.
  `CREATE TRIGGER clients_pool_au AFTER UPDATE OF assigned_staff_id ON clients
   WHEN (old.assigned_staff_id IS NULL) IS NOT (new.assigned_staff_id IS NULL) BEGIN
     UPDATE client_locations SET is_unassigned = (new.assigned_staff_id IS NULL)
     WHERE location_id IN (SELECT id FROM locations) AND client_id = new.id;
   END`,
];

/** Runs `work` with the location bits' trigger and counts index (0014, 0017) set aside, then puts them back as they were. */
async function withoutMaskUpkeep(db: Kysely<any>, work: () => Promise<void>): Promise<void> {
  const saved = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master WHERE name IN ('client_locations_mask_ai', 'clients_live_location_counts')`.execute(db);
  for (const o of saved.rows) await sql.raw(`DROP ${o.type === 'trigger' ? 'TRIGGER' : 'INDEX'} ${o.name}`).execute(db);
  await work();
  for (const o of saved.rows) await sql.raw(o.sql).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE clients ADD COLUMN home_location_id INTEGER REFERENCES locations (id)`.execute(db);
  await sql`ALTER TABLE client_locations ADD COLUMN is_unassigned INTEGER NOT NULL DEFAULT 0 CHECK (is_unassigned IN (0, 1))`.execute(db);
  await sql`ALTER TABLE shop_settings ADD COLUMN unassigned_pool INTEGER NOT NULL DEFAULT 1 CHECK (unassigned_pool IN (0, 1))`.execute(db);

  // Where most of the client's interactions are; a tie goes to the location seen most recently.
  await sql`
    UPDATE clients SET home_location_id = h.location_id FROM (
      SELECT client_id, location_id FROM (
        SELECT client_id, location_id,
               row_number() OVER (PARTITION BY client_id ORDER BY count(*) DESC, max(occurred_at) DESC, location_id) AS pick
        FROM interactions WHERE location_id IS NOT NULL GROUP BY client_id, location_id
      ) WHERE pick = 1
    ) AS h WHERE clients.id = h.client_id`.execute(db);
  await sql`UPDATE clients SET home_location_id = (SELECT id FROM locations WHERE is_default = 1) WHERE home_location_id IS NULL`.execute(db);

  await sql`UPDATE client_locations SET is_unassigned = 1 WHERE client_id IN (SELECT id FROM clients WHERE assigned_staff_id IS NULL)`.execute(db);
  // Most homes are new pairs (the clients never seen); their bits are set in one pass, not one trigger each.
  await withoutMaskUpkeep(db, async () => {
    await sql`
      INSERT INTO client_locations (location_id, client_id, is_unassigned)
        SELECT home_location_id, id, assigned_staff_id IS NULL FROM clients WHERE home_location_id IS NOT NULL ORDER BY 1, 2
      ON CONFLICT (location_id, client_id) DO NOTHING`.execute(db);
    await sql.raw(`
      UPDATE clients SET location_mask = location_mask | ${bit('home_location_id')}
      WHERE home_location_id BETWEEN 1 AND ${MASKED_LOCATIONS} AND (location_mask & ${bit('home_location_id')}) = 0`).execute(db);
  });

  await sql`CREATE INDEX client_locations_unassigned ON client_locations (location_id, client_id) WHERE is_unassigned = 1`.execute(db);
  // The partial condition's columns too, or SQLite reads each row to check them (as 0017 found).
  await sql`CREATE INDEX clients_unseen_home ON clients (home_location_id, id, assigned_staff_id, deleted_at, has_interactions) WHERE deleted_at IS NULL AND has_interactions = 0`.execute(db);
  for (const statement of [...dropInteractionTriggers, ...interactionTriggers(locationAdd, locationRemove), ...clientTriggers]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['clients_pool_au', 'clients_home_ad', 'clients_home_au', 'clients_home_ai']) await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  for (const statement of [...dropInteractionTriggers, ...interactionTriggers(locationAdd0016, locationRemove0016)]) await sql.raw(statement).execute(db);
  // The pairs only a home held go, their bits with them (0014's trigger).
  await sql`
    DELETE FROM client_locations WHERE NOT EXISTS (
      SELECT 1 FROM interactions WHERE interactions.location_id = client_locations.location_id AND interactions.client_id = client_locations.client_id)`.execute(db);
  await sql`DROP INDEX clients_unseen_home`.execute(db);
  await sql`DROP INDEX client_locations_unassigned`.execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN unassigned_pool`.execute(db);
  await sql`ALTER TABLE client_locations DROP COLUMN is_unassigned`.execute(db);
  await sql`ALTER TABLE clients DROP COLUMN home_location_id`.execute(db);
}
