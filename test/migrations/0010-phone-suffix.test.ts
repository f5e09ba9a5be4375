import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0010-phone-suffix', () => {
  it('keys existing phones by their E.164 digits reversed, or by the typed digits when there is no E.164, and keeps new writes keyed', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0008-client-membership')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, phone, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const us = Number(insert.run('Ana', '(415) 555-1234', '+14155551234', at, at).lastInsertRowid);
      const uk = Number(insert.run('Ben', '020 7946 0018', '+442079460018', at, at).lastInsertRowid);
      const unread = Number(insert.run('Cy', 'ask at till 12-34', null, at, at).lastInsertRowid);
      const none = Number(insert.run('Di', null, null, at, at).lastInsertRowid);
      const key = (id: number) => (sqlite.prepare('SELECT phone_rev FROM clients WHERE id = ?').get(id) as { phone_rev: string | null }).phone_rev;
      expect(key(us)).toBe('4321555514');

      expect((await migrator.migrateTo('0010-phone-suffix')).error).toBeUndefined();
      expect(key(us)).toBe('43215555141');
      expect(key(uk)).toBe('810064970244');
      expect(key(unread)).toBe('4321');
      expect(key(none)).toBeNull();
      // The suffix search's index range: every phone ending in 1234, whatever its formatting.
      const endingIn = (digits: string) => {
        const rev = [...digits].reverse().join('');
        return sqlite.prepare("SELECT id FROM clients WHERE phone_rev >= ? AND phone_rev < ? || ':' ORDER BY id").pluck().all(rev, rev);
      };
      expect(endingIn('1234')).toEqual([us, unread]);
      expect(endingIn('14155551234')).toEqual([us]);
      const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM clients WHERE phone_rev >= '4321' AND phone_rev < '4321:'").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('clients_phone_rev');

      sqlite.prepare('UPDATE clients SET phone = ?, phone_e164 = ? WHERE id = ?').run('+1 212 555 0000', '+12125550000', unread);
      expect(key(unread)).toBe('00005552121');

      expect((await migrator.migrateTo('0008-client-membership')).error).toBeUndefined();
      expect(key(us)).toBe('4321555514');
    } finally {
      await close();
    }
  });
});
