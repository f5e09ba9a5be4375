import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0008-client-membership', () => {
  it('derives who each client worked with and where it was seen from existing interactions, then keeps it', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0007-assignment')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const staff = sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', 'x', ?, ?)");
      const sam = Number(staff.run('Sam', 'sam', at, at).lastInsertRowid);
      const kai = Number(staff.run('Kai', 'kai', at, at).lastInsertRowid);
      const main = (sqlite.prepare('SELECT id FROM locations WHERE is_default = 1').get() as { id: number }).id;
      const uptown = Number(sqlite.prepare("INSERT INTO locations (name, is_default, created_at) VALUES ('Uptown', 0, ?)").run(at).lastInsertRowid);
      const client = sqlite.prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)');
      const ana = Number(client.run('Ana', at, at).lastInsertRowid);
      const ben = Number(client.run('Ben', at, at).lastInsertRowid);
      const cy = Number(client.run('Cy', at, at).lastInsertRowid);
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, staff_id, location_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      interaction.run(ana, 'sale', sam, main, at, at);
      interaction.run(ana, 'booking', sam, main, at, at); // the same pairs twice: one row each
      interaction.run(ana, 'note', kai, null, at, at);
      interaction.run(ben, 'sale', null, uptown, at, at);
      interaction.run(cy, 'message', null, null, at, at); // neither: no row

      expect((await migrator.migrateTo('0008-client-membership')).error).toBeUndefined();
      const pairs = (table: string, key: string) => sqlite.prepare(`SELECT ${key} AS k, client_id AS c FROM ${table} ORDER BY 1, 2`).all();
      expect(pairs('client_staff', 'staff_id')).toEqual([{ k: sam, c: ana }, { k: kai, c: ana }]);
      expect(pairs('client_locations', 'location_id')).toEqual([{ k: main, c: ana }, { k: uptown, c: ben }]);

      // From here on the triggers keep them: a new pair appears, the last interaction of a pair takes it away.
      interaction.run(cy, 'sale', kai, uptown, at, at);
      expect(pairs('client_staff', 'staff_id')).toEqual([{ k: sam, c: ana }, { k: kai, c: ana }, { k: kai, c: cy }]);
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ?').run(ana);
      expect(pairs('client_staff', 'staff_id')).toEqual([{ k: kai, c: cy }]);
      expect(pairs('client_locations', 'location_id')).toEqual([{ k: uptown, c: ben }, { k: uptown, c: cy }]);

      expect((await migrator.migrateTo('0007-assignment')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'client_staff%' OR name LIKE 'client_locations%' OR name LIKE 'interactions_membership%'").get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
