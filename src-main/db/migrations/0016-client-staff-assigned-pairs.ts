// Frozen: never edit a migration that has shipped; add a new one.
/**
 * `client_staff` holds every staff member a client is tied to: the assigned one (a pair
 * with `worked = 0` until they have an interaction) as well as everyone who worked with
 * the client (0008). Whether a client is in an Associate's scope is then one primary-key
 * probe instead of two (the assigned index, then the pairs): a search over a small scope
 * probes thousands of matches for each page, and the second probe was most of its cost.
 *
 * The interaction triggers of 0008 are replaced for the pairs (a pair the assignment holds
 * outlives its last interaction, with `worked = 0`); their location half is unchanged. The
 * insert trigger of 0012 goes: the assigned pair always exists before an interaction could
 * add it, so a pair an interaction adds is never the assigned one.
 */
import { sql, type Kysely } from 'kysely';

const locationAdd = (value: string) => `
  INSERT INTO client_locations (location_id, client_id) SELECT ${value}, new.client_id
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_locations WHERE location_id = ${value} AND client_id = new.client_id);`;
const locationRemove = (value: string) => `
  DELETE FROM client_locations WHERE location_id = ${value} AND client_id = old.client_id
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE location_id = ${value} AND client_id = old.client_id);`;

/** 0008's pair add and remove, as they were (for down). */
const staffAdd0008 = (value: string) => `
  INSERT INTO client_staff (staff_id, client_id) SELECT ${value}, new.client_id
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = ${value} AND client_id = new.client_id);`;
const staffRemove0008 = (value: string) => `
  DELETE FROM client_staff WHERE staff_id = ${value} AND client_id = old.client_id
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE staff_id = ${value} AND client_id = old.client_id);`;

/** An interaction by this staff member: the pair is worked, added if the assignment had not made it. */
const staffAdd = (value: string) => `
  UPDATE client_staff SET worked = 1 WHERE staff_id = ${value} AND client_id = new.client_id AND worked = 0;
  INSERT INTO client_staff (staff_id, client_id, worked) SELECT ${value}, new.client_id, 1
  WHERE ${value} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = ${value} AND client_id = new.client_id);`;
/** Their last interaction gone: the pair goes, or stays unworked while the assignment holds it. */
const staffRemove = (value: string) => `
  DELETE FROM client_staff WHERE staff_id = ${value} AND client_id = old.client_id AND is_assigned = 0
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE staff_id = ${value} AND client_id = old.client_id);
  UPDATE client_staff SET worked = 0 WHERE staff_id = ${value} AND client_id = old.client_id AND is_assigned = 1 AND worked = 1
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE staff_id = ${value} AND client_id = old.client_id);`;

const interactionTriggers = (add: (v: string) => string, remove: (v: string) => string) => [
  `CREATE TRIGGER interactions_membership_ai AFTER INSERT ON interactions BEGIN
     ${add('new.staff_id')}
     ${locationAdd('new.location_id')}
   END`,
  `CREATE TRIGGER interactions_membership_ad AFTER DELETE ON interactions BEGIN
     ${remove('old.staff_id')}
     ${locationRemove('old.location_id')}
   END`,
  `CREATE TRIGGER interactions_membership_au AFTER UPDATE OF client_id, staff_id, location_id ON interactions BEGIN
     ${remove('old.staff_id')}
     ${locationRemove('old.location_id')}
     ${add('new.staff_id')}
     ${locationAdd('new.location_id')}
   END`,
];
const dropInteractionTriggers = ['interactions_membership_au', 'interactions_membership_ad', 'interactions_membership_ai'].map((t) => `DROP TRIGGER ${t}`);

const up_ = [
  `DROP TRIGGER client_staff_assigned_ai`,
  `DROP TRIGGER clients_assigned_pairs_au`,
  ...dropInteractionTriggers,
  `ALTER TABLE client_staff ADD COLUMN worked INTEGER NOT NULL DEFAULT 1 CHECK (worked IN (0, 1))`,
  `INSERT INTO client_staff (staff_id, client_id, worked, is_assigned)
     SELECT assigned_staff_id, id, 0, 1 FROM clients
     WHERE assigned_staff_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = clients.assigned_staff_id AND client_id = clients.id)
     ORDER BY 1, 2`,
  ...interactionTriggers(staffAdd, staffRemove),
  `CREATE TRIGGER clients_assigned_pairs_ai AFTER INSERT ON clients WHEN new.assigned_staff_id IS NOT NULL BEGIN
     INSERT INTO client_staff (staff_id, client_id, worked, is_assigned) SELECT new.assigned_staff_id, new.id, 0, 1
     WHERE NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = new.assigned_staff_id AND client_id = new.id);
   END`,
  `CREATE TRIGGER clients_assigned_pairs_au AFTER UPDATE OF assigned_staff_id ON clients
   WHEN old.assigned_staff_id IS NOT new.assigned_staff_id BEGIN
     DELETE FROM client_staff WHERE staff_id = old.assigned_staff_id AND client_id = new.id AND worked = 0;
     UPDATE client_staff SET is_assigned = 0 WHERE staff_id = old.assigned_staff_id AND client_id = new.id;
     UPDATE client_staff SET is_assigned = 1 WHERE staff_id = new.assigned_staff_id AND client_id = new.id;
     INSERT INTO client_staff (staff_id, client_id, worked, is_assigned) SELECT new.assigned_staff_id, new.id, 0, 1
     WHERE new.assigned_staff_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM client_staff WHERE staff_id = new.assigned_staff_id AND client_id = new.id);
   END`,
  // A client removed for good (an import's undo): its assignment's pair with it.
  `CREATE TRIGGER clients_assigned_pairs_ad AFTER DELETE ON clients WHEN old.assigned_staff_id IS NOT NULL BEGIN
     DELETE FROM client_staff WHERE staff_id = old.assigned_staff_id AND client_id = old.id AND worked = 0;
   END`,
];

/** 0012's triggers, as they were (for down). */
const down_ = [
  `DROP TRIGGER clients_assigned_pairs_ad`,
  `DROP TRIGGER clients_assigned_pairs_au`,
  `DROP TRIGGER clients_assigned_pairs_ai`,
  ...dropInteractionTriggers,
  `DELETE FROM client_staff WHERE worked = 0`,
  `ALTER TABLE client_staff DROP COLUMN worked`,
  ...interactionTriggers(staffAdd0008, staffRemove0008),
  `CREATE TRIGGER client_staff_assigned_ai AFTER INSERT ON client_staff
   WHEN EXISTS (SELECT 1 FROM clients WHERE id = new.client_id AND assigned_staff_id = new.staff_id) BEGIN
     UPDATE client_staff SET is_assigned = 1 WHERE staff_id = new.staff_id AND client_id = new.client_id;
   END`,
  `CREATE TRIGGER clients_assigned_pairs_au AFTER UPDATE OF assigned_staff_id ON clients
   WHEN old.assigned_staff_id IS NOT new.assigned_staff_id BEGIN
     UPDATE client_staff SET is_assigned = 0 WHERE staff_id = old.assigned_staff_id AND client_id = new.id;
     UPDATE client_staff SET is_assigned = 1 WHERE staff_id = new.assigned_staff_id AND client_id = new.id;
   END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of down_) await sql.raw(statement).execute(db);
}
