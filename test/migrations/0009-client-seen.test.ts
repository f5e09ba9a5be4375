import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0009-client-seen', () => {
  it('marks every client that has an interaction, of any kind, then keeps the mark as interactions come, move and go', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0008-client-membership')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const client = sqlite.prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)');
      const [ana, ben, cy, dee] = ['Ana', 'Ben', 'Cy', 'Dee'].map((n) => Number(client.run(n, at, at).lastInsertRowid)) as [number, number, number, number];
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, occurred_at, created_at) VALUES (?, ?, ?, ?)');
      interaction.run(ana, 'sale', at, at);
      interaction.run(ana, 'booking', at, at);
      const bensNote = Number(interaction.run(ben, 'note', at, at).lastInsertRowid); // no staff, no location, no visit: still an interaction
      interaction.run(cy, 'message', at, at);

      expect((await migrator.migrateTo('0009-client-seen')).error).toBeUndefined();
      const flags = () => sqlite.prepare('SELECT first_name AS name, has_interactions AS seen FROM clients ORDER BY id').all();
      expect(flags()).toEqual([{ name: 'Ana', seen: 1 }, { name: 'Ben', seen: 1 }, { name: 'Cy', seen: 1 }, { name: 'Dee', seen: 0 }]);

      interaction.run(dee, 'booking', at, at);
      sqlite.prepare('UPDATE interactions SET client_id = ? WHERE id = ?').run(cy, bensNote); // as a merge moves them
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ? AND kind = ?').run(ana, 'sale'); // one of two left
      expect(flags()).toEqual([{ name: 'Ana', seen: 1 }, { name: 'Ben', seen: 0 }, { name: 'Cy', seen: 1 }, { name: 'Dee', seen: 1 }]);
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ?').run(cy);
      expect(flags()).toEqual([{ name: 'Ana', seen: 1 }, { name: 'Ben', seen: 0 }, { name: 'Cy', seen: 0 }, { name: 'Dee', seen: 1 }]);

      expect((await migrator.migrateTo('0008-client-membership')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'clients_seen%' OR name LIKE 'interactions_seen%'").get()).toEqual({ n: 0 });
      expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('clients') WHERE name = 'has_interactions'").get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
