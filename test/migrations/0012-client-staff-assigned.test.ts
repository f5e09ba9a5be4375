import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0012-client-staff-assigned', () => {
  it('marks the pairs whose staff member is the client’s assigned one, then keeps the mark as interactions and assignments change', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0011-erasure-lookups')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const staff = sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', 'x', ?, ?)");
      const [sam, kim] = ['sam', 'kim'].map((u) => Number(staff.run(u, u, at, at).lastInsertRowid)) as [number, number];
      const client = sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const ana = Number(client.run('Ana', sam, at, at).lastInsertRowid);
      const ben = Number(client.run('Ben', kim, at, at).lastInsertRowid);
      const cy = Number(client.run('Cy', null, at, at).lastInsertRowid);
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, staff_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
      interaction.run(ana, 'sale', sam, at, at); // Sam's own client
      interaction.run(ben, 'sale', sam, at, at); // Kim's client Sam sold to
      interaction.run(ben, 'booking', kim, at, at);

      expect((await migrator.migrateTo('0012-client-staff-assigned')).error).toBeUndefined();
      const pairs = () =>
        sqlite
          .prepare('SELECT s.username AS who, c.first_name AS client, cs.is_assigned AS mine FROM client_staff cs JOIN staff s ON s.id = cs.staff_id JOIN clients c ON c.id = cs.client_id ORDER BY 1, 2')
          .all();
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Ben', mine: 1 },
        { who: 'sam', client: 'Ana', mine: 1 },
        { who: 'sam', client: 'Ben', mine: 0 },
      ]);

      interaction.run(cy, 'sale', kim, at, at); // a new pair, Cy Unassigned
      sqlite.prepare('UPDATE clients SET assigned_staff_id = ? WHERE id = ?').run(sam, ben); // Ben handed to Sam
      sqlite.prepare('UPDATE clients SET assigned_staff_id = ? WHERE id = ?').run(kim, cy); // Cy taken by Kim
      sqlite.prepare('UPDATE clients SET first_name = ? WHERE id = ?').run('Anna', ana); // not an assignment change
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Ben', mine: 0 },
        { who: 'kim', client: 'Cy', mine: 1 },
        { who: 'sam', client: 'Anna', mine: 1 },
        { who: 'sam', client: 'Ben', mine: 1 },
      ]);
      sqlite.prepare('UPDATE clients SET assigned_staff_id = NULL WHERE id = ?').run(ana); // Sam gives Anna up
      interaction.run(ana, 'booking', kim, at, at); // a pair made while nobody is assigned
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Anna', mine: 0 },
        { who: 'kim', client: 'Ben', mine: 0 },
        { who: 'kim', client: 'Cy', mine: 1 },
        { who: 'sam', client: 'Anna', mine: 0 },
        { who: 'sam', client: 'Ben', mine: 1 },
      ]);
      const notMine = sqlite.prepare('SELECT client_id FROM client_staff INDEXED BY client_staff_not_assigned WHERE staff_id = ? AND is_assigned = 0').all(kim);
      expect(notMine).toEqual([{ client_id: ana }, { client_id: ben }]);

      expect((await migrator.migrateTo('0011-erasure-lookups')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('client_staff') WHERE name = 'is_assigned'").get()).toEqual({ n: 0 });
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('client_staff_not_assigned', 'client_staff_assigned_ai', 'clients_assigned_pairs_au')").get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
