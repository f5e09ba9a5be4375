import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0003-client-book', () => {
  it('derives visits and spend from existing interactions and indexes existing clients for search', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      const jose = Number(insert.run('José', 'Núñez', 'jose@example.com', '(415) 555-1234', at, at).lastInsertRowid);
      const guest = Number(insert.run('Guest', 'Only', null, null, at, at).lastInsertRowid);
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, amount_cents, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
      interaction.run(jose, 'sale', 2500, '2026-01-03T00:00:00.000Z', at);
      interaction.run(jose, 'booking', null, '2026-02-01T00:00:00.000Z', at);
      interaction.run(jose, 'sale', -500, '2026-01-10T00:00:00.000Z', at);
      interaction.run(guest, 'note', null, '2026-01-04T00:00:00.000Z', at);

      expect((await migrator.migrateTo('0003-client-book')).error).toBeUndefined();
      const rows = sqlite.prepare('SELECT id, first_visit_at, last_visit_at, last_purchase_at, total_spend_cents, phone_rev FROM clients ORDER BY id').all();
      expect(rows).toEqual([
        { id: jose, first_visit_at: '2026-01-03T00:00:00.000Z', last_visit_at: '2026-02-01T00:00:00.000Z', last_purchase_at: '2026-01-10T00:00:00.000Z', total_spend_cents: 2000, phone_rev: '4321555514' },
        { id: guest, first_visit_at: '', last_visit_at: '', last_purchase_at: '', total_spend_cents: 0, phone_rev: null },
      ]);
      const search = (table: string, q: string) => sqlite.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?`).all(q);
      expect(search('clients_fts', '"jose"*')).toEqual([{ id: jose }]);
      expect(search('clients_trgm', '"uñe"')).toEqual([{ id: jose }]);
    } finally {
      await close();
    }
  });
});
