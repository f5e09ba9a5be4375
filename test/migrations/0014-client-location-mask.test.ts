import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0014-client-location-mask', () => {
  it('sets a bit per location each client was seen at, from existing interactions, then keeps the bits as interactions come, move and go', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0012-client-staff-assigned')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const location = sqlite.prepare('INSERT INTO locations (id, name, is_default, created_at) VALUES (?, ?, 0, ?)');
      for (const [id, name] of [[2, 'Uptown'], [3, 'Harbour'], [62, 'Last with a bit'], [63, 'Past the bits']] as const) location.run(id, name, at);
      const client = sqlite.prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)');
      const [ana, ben, cy, dee] = ['Ana', 'Ben', 'Cy', 'Dee'].map((n) => Number(client.run(n, at, at).lastInsertRowid)) as [number, number, number, number];
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, location_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
      interaction.run(ana, 'sale', 1, at, at);
      interaction.run(ana, 'booking', 3, at, at);
      interaction.run(ana, 'sale', 3, at, at); // the same location twice: one bit
      const bensSale = Number(interaction.run(ben, 'sale', 62, at, at).lastInsertRowid);
      interaction.run(cy, 'sale', 63, at, at); // no bit for a location past 62
      interaction.run(cy, 'note', null, at, at);

      expect((await migrator.migrateTo('0014-client-location-mask')).error).toBeUndefined();
      // As text: bit 61 and low bits together are past what a JavaScript number holds exactly.
      const masks = () => sqlite.prepare('SELECT first_name AS name, CAST(location_mask AS TEXT) AS mask FROM clients ORDER BY id').all();
      const bits = (...locations: number[]) => locations.reduce((m, id) => m | (1n << BigInt(id - 1)), 0n).toString();
      expect(masks()).toEqual([
        { name: 'Ana', mask: bits(1, 3) },
        { name: 'Ben', mask: bits(62) },
        { name: 'Cy', mask: bits() },
        { name: 'Dee', mask: bits() },
      ]);

      interaction.run(dee, 'booking', 2, at, at);
      sqlite.prepare('UPDATE interactions SET client_id = ? WHERE id = ?').run(ana, bensSale); // as a merge moves them
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ? AND location_id = ? AND kind = ?').run(ana, 3, 'sale'); // the booking still holds location 3
      expect(masks()).toEqual([
        { name: 'Ana', mask: bits(1, 3, 62) },
        { name: 'Ben', mask: bits() },
        { name: 'Cy', mask: bits() },
        { name: 'Dee', mask: bits(2) },
      ]);
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ? AND location_id = ?').run(ana, 3);
      sqlite.prepare('UPDATE interactions SET location_id = ? WHERE client_id = ?').run(1, dee);
      expect(masks()).toEqual([
        { name: 'Ana', mask: bits(1, 62) },
        { name: 'Ben', mask: bits() },
        { name: 'Cy', mask: bits() },
        { name: 'Dee', mask: bits(1) },
      ]);
      const counted = sqlite
        .prepare('SELECT first_name FROM clients INDEXED BY clients_live_location_counts WHERE deleted_at IS NULL AND location_mask != 0 AND (location_mask & 1) != 0 ORDER BY id')
        .pluck()
        .all();
      expect(counted).toEqual(['Ana', 'Dee']);

      expect((await migrator.migrateTo('0012-client-staff-assigned')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('clients') WHERE name = 'location_mask'").get()).toEqual({ n: 0 });
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'client_locations_mask%' OR name = 'clients_live_location_counts'").get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
