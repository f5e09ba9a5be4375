// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Assignment: who looked after each client when and why, sales from the POS with the
 * associate's POS id as the POS gave it (mapped to staff or not), clients' ids in other
 * systems, and the shop's onboarding and routing settings.
 */
const statements = [
  `CREATE TABLE assignment_history (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    from_staff_id INTEGER REFERENCES staff (id),
    to_staff_id INTEGER REFERENCES staff (id),
    reason TEXT NOT NULL CHECK (reason IN ('manual', 'creator', 'default-assignee', 'onboarding', 'sale', 'bulk', 'import')),
    detail TEXT CHECK (detail IS NULL OR json_valid(detail)),
    actor_id INTEGER REFERENCES staff (id),
    at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX assignment_history_client ON assignment_history (client_id, id)`,
  `ALTER TABLE interactions ADD COLUMN pos_associate_id TEXT CHECK (length(pos_associate_id) <= 40)`,
  // Covers the onboarding query: per client, per POS id, the amounts and the latest sale.
  `CREATE INDEX interactions_sales ON interactions (client_id, pos_associate_id, amount_cents, occurred_at) WHERE kind = 'sale'`,
  `CREATE INDEX interactions_pos ON interactions (pos_associate_id) WHERE kind = 'sale'`,
  `ALTER TABLE clients ADD COLUMN external_id TEXT CHECK (length(external_id) <= 80)`,
  `CREATE UNIQUE INDEX clients_external_id ON clients (external_id) WHERE external_id IS NOT NULL`,
  `ALTER TABLE shop_settings ADD COLUMN onboarding_completed_at TEXT`,
  `ALTER TABLE shop_settings ADD COLUMN returning_client_routing TEXT NOT NULL DEFAULT 'primary' CHECK (returning_client_routing IN ('primary', 'last'))`,
  `CREATE TABLE sales_imports (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL CHECK (mode IN ('onboarding', 'ongoing')),
    source TEXT NOT NULL,
    actor_id INTEGER REFERENCES staff (id),
    report TEXT NOT NULL CHECK (json_valid(report)),
    at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE sales_import_problems (
    import_id INTEGER NOT NULL REFERENCES sales_imports (id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    transaction_id TEXT,
    match_key TEXT,
    reason TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX sales_import_problems_import ON sales_import_problems (import_id, line)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  // Clients created before this version were assigned to their creator: say so in their history.
  await sql`INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
    SELECT id, NULL, assigned_staff_id, 'creator', NULL, created_by, created_at FROM clients
    WHERE assigned_staff_id IS NOT NULL AND assigned_staff_id = created_by`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sales_import_problems', 'sales_imports', 'assignment_history']) await db.schema.dropTable(table).execute();
  for (const index of ['clients_external_id', 'interactions_pos', 'interactions_sales']) await sql.raw(`DROP INDEX ${index}`).execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN returning_client_routing`.execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN onboarding_completed_at`.execute(db);
  await sql`ALTER TABLE clients DROP COLUMN external_id`.execute(db);
  await sql`ALTER TABLE interactions DROP COLUMN pos_associate_id`.execute(db);
}
