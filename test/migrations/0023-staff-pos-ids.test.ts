import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0023-staff-pos-ids', () => {
  it('moves each staff member’s POS id into staff_pos_ids (one id, one person; a person many ids), and goes back to one id each', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      const staff = sqlite.prepare("INSERT INTO staff (name, username, role, pos_associate_id, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', ?, 'x', ?, ?)");
      const at = '2026-01-02T10:00:00.000Z';
      const sam = Number(staff.run('Sam', 'sam', 'S1', at, at).lastInsertRowid);
      const kai = Number(staff.run('Kai', 'kai', null, at, at).lastInsertRowid);

      expect((await migrator.migrateTo('0023-staff-pos-ids')).error).toBeUndefined();
      expect(sqlite.prepare('SELECT pos_associate_id, staff_id, created_at FROM staff_pos_ids').all()).toEqual([{ pos_associate_id: 'S1', staff_id: sam, created_at: at }]);
      expect(sqlite.prepare('SELECT count(*) FROM staff WHERE pos_associate_id IS NOT NULL').pluck().get()).toBe(0);
      const map = sqlite.prepare('INSERT INTO staff_pos_ids (pos_associate_id, staff_id, created_at) VALUES (?, ?, ?)');
      map.run('S2', sam, '2026-02-01T00:00:00.000Z');
      map.run('K1', kai, '2026-02-01T00:00:00.000Z');
      expect(() => map.run('S2', kai, at)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => map.run('', kai, at)).toThrow(/CHECK/);

      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      expect(sqlite.prepare('SELECT username, pos_associate_id FROM staff ORDER BY id').all()).toEqual([
        { username: 'sam', pos_associate_id: 'S1' },
        { username: 'kai', pos_associate_id: 'K1' },
      ]);
    } finally {
      await close();
    }
  });
});
