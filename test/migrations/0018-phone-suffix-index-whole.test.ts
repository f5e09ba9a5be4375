import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0018-phone-suffix-index-whole', () => {
  it('indexes every client by phone suffix, with or without a phone, and the suffix search still finds them through it', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0017-location-counts-dates')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, phone, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const us = Number(insert.run('Ana', '(415) 555-1234', '+14155551234', at, at).lastInsertRowid);
      const unread = Number(insert.run('Cy', 'ask at till 12-34', null, at, at).lastInsertRowid);
      insert.run('Di', null, null, at, at);
      insert.run('Ed', '020 7946 0018', '+442079460018', at, at);
      const entries = () => sqlite.prepare('SELECT count(*) FROM clients INDEXED BY clients_phone_rev WHERE phone_rev IS NULL OR phone_rev IS NOT NULL').pluck().get();
      const partial = () => (sqlite.prepare("SELECT partial FROM pragma_index_list('clients') WHERE name = 'clients_phone_rev'").get() as { partial: number }).partial;
      // The search's own range (client-list.queries.ts), as SQLite is asked it.
      const query = 'SELECT p.id FROM clients AS p WHERE p.phone_rev >= ? AND p.phone_rev < ? ORDER BY p.id';
      const endingIn = (digits: string) => {
        const rev = [...digits].reverse().join('');
        return sqlite.prepare(query).pluck().all(rev, `${rev}:`);
      };
      expect(partial()).toBe(1);

      expect((await migrator.migrateTo('0018-phone-suffix-index-whole')).error).toBeUndefined();
      expect(partial()).toBe(0);
      expect(entries()).toBe(4); // Di, with no phone, has an entry too
      expect(endingIn('1234')).toEqual([us, unread]);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('4321', '4321:') as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan).toContain('USING INDEX clients_phone_rev');
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      expect((await migrator.migrateTo('0017-location-counts-dates')).error).toBeUndefined();
      expect(partial()).toBe(1);
      expect(endingIn('1234')).toEqual([us, unread]);
    } finally {
      await close();
    }
  });
});
