import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0024a-duplicate-keys', () => {
  it('indexes live clients by name with phone digits and by name with email local part, used by the pair joins, and goes back down', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0024-phone-middle-search')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run('Emma', 'Thompson', 'emma.t@work.example', '07911 300400', at, at);
      insert.run('EMMA', 'thompson', 'Emma.T@home.example', '07911-300-400', at, at);
      const rows = () => sqlite.prepare('SELECT * FROM clients ORDER BY id').all();
      const before = rows();

      expect((await migrator.migrateTo('0024a-duplicate-keys')).error).toBeUndefined();
      expect(rows()).toEqual(before);
      const plan = (query: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      const byPhone = `SELECT a.id, b.id FROM clients a JOIN clients b ON lower(b.first_name) = lower(a.first_name) AND lower(b.last_name) = lower(a.last_name)
        AND b.phone_rev = a.phone_rev AND b.phone_rev IS NOT NULL AND b.id > a.id WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.phone_rev IS NOT NULL`;
      expect(plan(byPhone)).toContain('clients_dup_name_phone');
      const local = (t: string) => `substr(${t}.email_key, 1, instr(${t}.email_key, '@') - 1)`;
      const byEmail = `SELECT a.id, b.id FROM clients a JOIN clients b ON lower(b.first_name) = lower(a.first_name) AND lower(b.last_name) = lower(a.last_name)
        AND ${local('b')} = ${local('a')} AND b.email_key IS NOT NULL AND b.id > a.id WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.email_key IS NOT NULL`;
      expect(plan(byEmail)).toContain('clients_dup_name_email');
      expect(sqlite.prepare(byPhone).raw().all()).toEqual([[1, 2]]);
      expect(sqlite.prepare(byEmail).raw().all()).toEqual([[1, 2]]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      expect((await migrator.migrateTo('0024-phone-middle-search')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'clients_dup_name_%'").pluck().all()).toEqual([]);
    } finally {
      await close();
    }
  });
});
