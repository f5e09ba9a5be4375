// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Roles as data: the three built-in roles, whose actions are fixed by the seeds' rules,
 * and custom roles an Admin derives from one of them. Each role also carries its client
 * visibility and the client-card field groups it may not see.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    base_role TEXT NOT NULL CHECK (base_role IN ('admin', 'manager', 'associate')),
    built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    permissions TEXT NOT NULL CHECK (json_valid(permissions) AND json_type(permissions) = 'array'),
    visibility TEXT NOT NULL CHECK (visibility IN ('all', 'locations', 'own')),
    hidden_fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hidden_fields) AND json_type(hidden_fields) = 'array'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX roles_one_built_in_per_base ON roles (base_role) WHERE built_in = 1`.execute(db);
  const now = new Date().toISOString();
  // Built-in rows carry no action list of their own: their actions live in code (the seeds'
  // rules), so an upgrade that adds an action grants it to them at once.
  await db
    .insertInto('roles')
    .values([
      { name: 'Admin', base_role: 'admin', built_in: 1, permissions: '[]', visibility: 'all', created_at: now, updated_at: now },
      { name: 'Manager', base_role: 'manager', built_in: 1, permissions: '[]', visibility: 'locations', created_at: now, updated_at: now },
      { name: 'Associate', base_role: 'associate', built_in: 1, permissions: '[]', visibility: 'own', created_at: now, updated_at: now },
    ])
    .execute();
  await sql`ALTER TABLE staff ADD COLUMN role_id INTEGER REFERENCES roles (id)`.execute(db);
  await sql`UPDATE staff SET role_id = (SELECT id FROM roles WHERE built_in = 1 AND base_role = staff.role)`.execute(db);
  await sql`CREATE INDEX staff_role ON staff (role_id)`.execute(db);
  await sql`ALTER TABLE shop_settings ADD COLUMN all_clients_visible INTEGER NOT NULL DEFAULT 0 CHECK (all_clients_visible IN (0, 1))`.execute(db);
  await sql`ALTER TABLE shop_settings ADD COLUMN primary_can_hand_over INTEGER NOT NULL DEFAULT 0 CHECK (primary_can_hand_over IN (0, 1))`.execute(db);
  await sql`CREATE INDEX audit_action ON audit_log (action, id)`.execute(db);
  await sql`CREATE INDEX audit_at ON audit_log (at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX audit_at`.execute(db);
  await sql`DROP INDEX audit_action`.execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN primary_can_hand_over`.execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN all_clients_visible`.execute(db);
  await sql`DROP INDEX staff_role`.execute(db);
  // SQLite cannot drop a column that carries a foreign key: rebuild staff as 0001 made it.
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql`CREATE TABLE staff_before_roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 40 AND username = lower(username)),
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'associate')),
    pos_associate_id TEXT UNIQUE CHECK (length(pos_associate_id) <= 40),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`INSERT INTO staff_before_roles SELECT id, name, username, role, pos_associate_id, password_hash, active,
    failed_logins, locked_until, created_at, updated_at FROM staff`.execute(db);
  await sql`DROP TABLE staff`.execute(db);
  await sql`ALTER TABLE staff_before_roles RENAME TO staff`.execute(db);
  await sql`DROP TABLE roles`.execute(db);
}
