import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0024-phone-middle-search', () => {
  it('indexes the phones already in the book by any run of their digits, follows later writes, and goes back down cleanly', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, phone, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const read = Number(insert.run('Read', '07911 123456', '+447911123456', at, at).lastInsertRowid);
      const typed = Number(insert.run('Typed', '07911-300-400', null, at, at).lastInsertRowid);
      insert.run('None', null, null, at, at);
      const schemaBefore = sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

      expect((await migrator.migrateTo('0024-phone-middle-search')).error).toBeUndefined();
      const holding = (digits: string) =>
        sqlite.prepare('SELECT rowid FROM clients_phone_trgm WHERE clients_phone_trgm MATCH ? ORDER BY rowid').pluck().all(`"${[...digits].reverse().join('')}"`);
      expect(holding('7911')).toEqual([read, typed]);
      expect(holding('447911')).toEqual([read]);
      expect(holding('07911')).toEqual([typed]);
      expect(holding('1300')).toEqual([typed]);
      // Later writes: a new client, a changed phone, a removed phone, a deleted row.
      const later = Number(insert.run('Later', '020 7911 0000', null, at, at).lastInsertRowid);
      sqlite.prepare('UPDATE clients SET phone = ?, phone_e164 = NULL WHERE id = ?').run('555 0101', read);
      sqlite.prepare('UPDATE clients SET phone = NULL WHERE id = ?').run(typed);
      expect(holding('7911')).toEqual([later]);
      expect(holding('5550')).toEqual([read]);
      sqlite.prepare('DELETE FROM clients WHERE id = ?').run(later);
      expect(holding('7911')).toEqual([]);
      sqlite.exec("INSERT INTO clients_phone_trgm (clients_phone_trgm) VALUES ('integrity-check')");
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      expect(sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()).toEqual(schemaBefore);
    } finally {
      await close();
    }
  });
});
