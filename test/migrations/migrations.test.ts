import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrateToLatest } from '../../src-main/db/migrate';
import { migrationProvider, migrations } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

function open() {
  return openDatabase(join(tempDir(), 'book.db'));
}

describe('migrations', () => {
  it('bring an empty file to the newest schema, with durable pragmas', async () => {
    const { db, sqlite, close } = open();
    try {
      const applied = await migrateToLatest(db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      const tables = sqlite
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'kysely%' AND name NOT LIKE 'sqlite%'")
        .all()
        // The search indexes are FTS5 virtual tables and their shadow tables, which cannot be STRICT.
        .filter((t) => !/^clients_(fts|trgm|phone_trgm)/.test((t as { name: string }).name)) as { name: string; sql: string }[];
      expect(tables.map((t) => t.name).sort()).toEqual(
        ['appointments', 'assignment_history', 'audit_log', 'automation_rules', 'campaigns', 'client_locations', 'client_staff', 'client_tags', 'clients', 'import_mappings', 'import_rows', 'imports', 'interactions', 'location_hours', 'locations', 'mail_settings', 'messages', 'outbox', 'relationship_types', 'relationships', 'roles', 'sales_import_problems', 'sales_imports', 'scheduler_days', 'segments', 'services', 'shop_settings', 'staff', 'staff_locations', 'staff_pos_ids', 'staff_preferences', 'tags'].sort(),
      );
      for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    } finally {
      await close();
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    const { db, close } = open();
    try {
      await migrateToLatest(db);
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('ships one default location and the seed relationship types with reverse names', async () => {
    const { db, close } = open();
    try {
      await migrateToLatest(db);
      const locations = await db.selectFrom('locations').selectAll().execute();
      expect(locations.filter((l) => l.is_default === 1)).toHaveLength(1);
      const types = await db.selectFrom('relationship_types').select(['name', 'reverse_name']).execute();
      expect(types).toContainEqual({ name: 'Parent', reverse_name: 'Child' });
      expect(types).toContainEqual({ name: 'Spouse', reverse_name: 'Spouse' });
    } finally {
      await close();
    }
  });

  it('enforces the rules in the schema itself: strict types, unique active email, one default location', async () => {
    const { db, sqlite, close } = open();
    try {
      await migrateToLatest(db);
      const now = new Date().toISOString();
      const insert = sqlite.prepare('INSERT INTO clients (first_name, email, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?)');
      insert.run('Ana', 'ana@example.com', now, now, null);
      expect(() => insert.run('Other', 'ANA@Example.com', now, now, null)).toThrow(/UNIQUE/);
      // A deleted client keeps its email without blocking a new one.
      insert.run('Old Ana', 'old@example.com', now, now, now);
      insert.run('New Ana', 'OLD@example.com', now, now, null);
      expect(() => sqlite.prepare('INSERT INTO locations (name, is_default, created_at) VALUES (?, 1, ?)').run('Second', now)).toThrow(/UNIQUE/);
      expect(() => sqlite.prepare('INSERT INTO clients (first_name, created_at, updated_at, version) VALUES (?, ?, ?, ?)').run('X', now, now, 'one')).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => insert.run('x'.repeat(81), null, now, now, null)).toThrow(/CHECK/);
    } finally {
      await close();
    }
  });

  it('each migration rolls back cleanly and re-applies (N-1 -> N -> N-1 -> N)', async () => {
    const { db, sqlite, close } = open();
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      await migrateToLatest(db);
      const names = Object.keys(migrations);
      for (let i = names.length; i > 0; i--) {
        const { error } = await migrator.migrateDown();
        expect(error).toBeUndefined();
      }
      const left = sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'kysely%'").get() as { n: number };
      expect(left.n).toBe(0);
      expect(await migrateToLatest(db)).toEqual(names);
    } finally {
      await close();
    }
  });
});

describe('0002-roles', () => {
  it('gives existing staff the built-in role row of their role, and keeps them working', async () => {
    const { db, sqlite, close } = open();
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined();
      const now = new Date().toISOString();
      const insert = sqlite.prepare('INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run('Ada', 'ada', 'admin', 'x', now, now);
      insert.run('Sam', 'sam', 'associate', 'x', now, now);
      sqlite.prepare('INSERT INTO shop_settings (id, shop_name, default_country, updated_at) VALUES (1, ?, ?, ?)').run('Shop', 'US', now);
      expect((await migrator.migrateTo('0002-roles')).error).toBeUndefined();
      const rows = sqlite
        .prepare('SELECT staff.username, roles.name AS role_name, roles.built_in FROM staff JOIN roles ON roles.id = staff.role_id ORDER BY staff.id')
        .all();
      expect(rows).toEqual([
        { username: 'ada', role_name: 'Admin', built_in: 1 },
        { username: 'sam', role_name: 'Associate', built_in: 1 },
      ]);
      expect(sqlite.prepare('SELECT all_clients_visible, primary_can_hand_over FROM shop_settings').get()).toEqual({ all_clients_visible: 0, primary_can_hand_over: 0 });
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('applies a migration that lands after a later-numbered one already ran (0004 after 0005)', async () => {
    const { db, sqlite, close } = open();
    try {
      // 0011 indexes 0004's import_rows, so it cannot have run before 0004 either.
      const late = ['0004-imports', '0011-erasure-lookups'];
      const without = Object.fromEntries(Object.entries(migrations).filter(([name]) => !late.includes(name)));
      const early = new Migrator({ db, provider: { getMigrations: async () => without } });
      expect((await early.migrateToLatest()).error).toBeUndefined();
      expect(await migrateToLatest(db)).toEqual(late);
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'imports'").get()).toEqual({ n: 1 });
    } finally {
      await close();
    }
  });
});
