// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE staff (
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
  ) STRICT`,
  `CREATE TABLE locations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX locations_one_default ON locations (is_default) WHERE is_default = 1`,
  `CREATE TABLE staff_locations (
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    location_id INTEGER NOT NULL REFERENCES locations (id),
    PRIMARY KEY (staff_id, location_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE shop_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    shop_name TEXT NOT NULL CHECK (length(shop_name) BETWEEN 1 AND 120),
    default_country TEXT NOT NULL CHECK (length(default_country) = 2),
    idle_lock_minutes INTEGER NOT NULL DEFAULT 15 CHECK (idle_lock_minutes BETWEEN 0 AND 480),
    default_assignee_id INTEGER REFERENCES staff (id),
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
    last_name TEXT NOT NULL DEFAULT '' CHECK (length(last_name) <= 80),
    email TEXT CHECK (length(email) <= 254),
    email_key TEXT GENERATED ALWAYS AS (lower(email)) VIRTUAL,
    phone TEXT CHECK (length(phone) <= 40),
    phone_e164 TEXT,
    birthday TEXT,
    anniversary TEXT,
    address_line1 TEXT CHECK (length(address_line1) <= 200),
    address_line2 TEXT CHECK (length(address_line2) <= 200),
    city TEXT CHECK (length(city) <= 100),
    region TEXT CHECK (length(region) <= 100),
    postal_code TEXT CHECK (length(postal_code) <= 20),
    country TEXT CHECK (length(country) = 2),
    notes TEXT CHECK (length(notes) <= 10000),
    consent_email INTEGER NOT NULL DEFAULT 0 CHECK (consent_email IN (0, 1)),
    consent_email_at TEXT,
    consent_email_source TEXT,
    consent_sms INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
    consent_sms_at TEXT,
    consent_sms_source TEXT,
    created_by INTEGER REFERENCES staff (id),
    assigned_staff_id INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
  ) STRICT`,
  // Email is unique among active clients, case-insensitively; deleted ones keep theirs.
  `CREATE UNIQUE INDEX clients_email_active ON clients (email_key) WHERE email IS NOT NULL AND deleted_at IS NULL`,
  `CREATE INDEX clients_name ON clients (last_name, first_name, id)`,
  `CREATE INDEX clients_created ON clients (created_at, id)`,
  `CREATE INDEX clients_assigned ON clients (assigned_staff_id)`,
  `CREATE INDEX clients_phone_e164 ON clients (phone_e164) WHERE phone_e164 IS NOT NULL`,
  `CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE client_tags (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, tag_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX client_tags_tag ON client_tags (tag_id, client_id)`,
  `CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('sale', 'booking', 'note', 'message')),
    staff_id INTEGER REFERENCES staff (id),
    location_id INTEGER REFERENCES locations (id),
    amount_cents INTEGER,
    channel TEXT,
    added_by INTEGER REFERENCES staff (id),
    external_id TEXT,
    body TEXT CHECK (length(body) <= 10000),
    occurred_at TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX interactions_client ON interactions (client_id, occurred_at)`,
  `CREATE INDEX interactions_staff ON interactions (staff_id, client_id)`,
  `CREATE UNIQUE INDEX interactions_external ON interactions (kind, external_id) WHERE external_id IS NOT NULL`,
  `CREATE TABLE relationship_types (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    reverse_name TEXT NOT NULL CHECK (length(reverse_name) BETWEEN 1 AND 60),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE relationships (
    id INTEGER PRIMARY KEY,
    from_client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    to_client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    type_id INTEGER NOT NULL REFERENCES relationship_types (id),
    created_by INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    CHECK (from_client_id <> to_client_id),
    UNIQUE (from_client_id, to_client_id, type_id)
  ) STRICT`,
  `CREATE INDEX relationships_to ON relationships (to_client_id)`,
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES staff (id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    before TEXT,
    after TEXT
  ) STRICT`,
  `CREATE INDEX audit_entity ON audit_log (entity, entity_id, id)`,
  `CREATE INDEX audit_actor ON audit_log (actor_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const now = new Date().toISOString();
  await db.insertInto('locations').values({ name: 'Main store', is_default: 1, created_at: now }).execute();
  const seededTypes = [
    ['Spouse', 'Spouse'],
    ['Partner', 'Partner'],
    ['Parent', 'Child'],
    ['Sibling', 'Sibling'],
    ['Friend', 'Friend'],
    ['Referred by', 'Referred'],
    ['Assistant', 'Employer'],
  ];
  await db
    .insertInto('relationship_types')
    .values(seededTypes.map(([name, reverse_name]) => ({ name, reverse_name, created_at: now })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log', 'relationships', 'relationship_types', 'interactions', 'client_tags', 'tags',
    'clients', 'shop_settings', 'staff_locations', 'locations', 'staff',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
