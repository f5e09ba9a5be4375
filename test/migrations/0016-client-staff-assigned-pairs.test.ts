import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0016-client-staff-assigned-pairs', () => {
  it('adds a pair for each assigned client nobody worked with, keeps it as the assignment and interactions change, and goes back', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0015-search-prefix-four')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const staff = sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', 'x', ?, ?)");
      const [sam, kim] = ['sam', 'kim'].map((u) => Number(staff.run(u, u, at, at).lastInsertRowid)) as [number, number];
      const client = sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const ana = Number(client.run('Ana', sam, at, at).lastInsertRowid); // assigned, never seen
      const ben = Number(client.run('Ben', sam, at, at).lastInsertRowid); // assigned and sold to by Sam
      const cy = Number(client.run('Cy', null, at, at).lastInsertRowid); // Unassigned, sold to by Kim
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, staff_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
      interaction.run(ben, 'sale', sam, at, at);
      const kimsSale = Number(interaction.run(cy, 'sale', kim, at, at).lastInsertRowid);

      expect((await migrator.migrateTo('0016-client-staff-assigned-pairs')).error).toBeUndefined();
      const pairs = () =>
        sqlite
          .prepare('SELECT s.username AS who, c.first_name AS client, cs.worked, cs.is_assigned AS mine FROM client_staff cs JOIN staff s ON s.id = cs.staff_id JOIN clients c ON c.id = cs.client_id ORDER BY 1, 2')
          .all();
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Cy', worked: 1, mine: 0 },
        { who: 'sam', client: 'Ana', worked: 0, mine: 1 },
        { who: 'sam', client: 'Ben', worked: 1, mine: 1 },
      ]);

      sqlite.prepare('UPDATE clients SET assigned_staff_id = ? WHERE id = ?').run(kim, cy); // Kim takes Cy
      sqlite.prepare('UPDATE clients SET assigned_staff_id = ? WHERE id = ?').run(kim, ana); // Ana handed from Sam to Kim
      interaction.run(ana, 'booking', kim, at, at); // Kim's assigned client, now worked with too
      sqlite.prepare('DELETE FROM interactions WHERE id = ?').run(kimsSale); // Kim's last interaction with Cy: assigned still
      const dee = Number(client.run('Dee', sam, at, at).lastInsertRowid);
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Ana', worked: 1, mine: 1 },
        { who: 'kim', client: 'Cy', worked: 0, mine: 1 },
        { who: 'sam', client: 'Ben', worked: 1, mine: 1 },
        { who: 'sam', client: 'Dee', worked: 0, mine: 1 },
      ]);
      sqlite.prepare('DELETE FROM clients WHERE id = ?').run(dee); // an import's undo
      sqlite.prepare('UPDATE clients SET assigned_staff_id = NULL WHERE id = ?').run(ben); // Sam gives Ben up, still worked with
      expect(pairs()).toEqual([
        { who: 'kim', client: 'Ana', worked: 1, mine: 1 },
        { who: 'kim', client: 'Cy', worked: 0, mine: 1 },
        { who: 'sam', client: 'Ben', worked: 1, mine: 0 },
      ]);

      expect((await migrator.migrateTo('0015-search-prefix-four')).error).toBeUndefined();
      expect(sqlite.prepare('SELECT staff_id, client_id, is_assigned FROM client_staff ORDER BY 1, 2').all()).toEqual([
        { staff_id: sam, client_id: ben, is_assigned: 0 },
        { staff_id: kim, client_id: ana, is_assigned: 1 },
      ]);
      interaction.run(cy, 'sale', kim, at, at); // 0012's trigger is back: Kim is Cy's assigned staff member
      expect(sqlite.prepare('SELECT is_assigned FROM client_staff WHERE staff_id = ? AND client_id = ?').get(kim, cy)).toEqual({ is_assigned: 1 });
    } finally {
      await close();
    }
  });
});
