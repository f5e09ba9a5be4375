import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0015-search-prefix-four', () => {
  it('rebuilds the word index with four-letter prefixes from the clients already there, and keeps it fed', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0014-client-location-mask')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const client = sqlite.prepare('INSERT INTO clients (first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const maria = Number(client.run('María', 'Lopez', 'lopez@example.com', at, at).lastInsertRowid);
      client.run('Marco', 'Rossi', null, at, at);
      const found = (match: string) => sqlite.prepare('SELECT rowid FROM clients_fts WHERE clients_fts MATCH ? ORDER BY rowid').pluck().all(match);
      const definition = () => (sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'clients_fts'").pluck().get() as string).replace(/\s+/g, ' ');

      expect((await migrator.migrateTo('0015-search-prefix-four')).error).toBeUndefined();
      expect(definition()).toContain("prefix='1 2 3 4'");
      expect(found('"mari"*')).toEqual([maria]); // "María" folded; "Marco" is not a match
      expect(found('"mar"*')).toHaveLength(2);
      const marisol = Number(client.run('Marisol', 'Vega', null, at, at).lastInsertRowid);
      sqlite.prepare('UPDATE clients SET first_name = ? WHERE id = ?').run('Ana', maria);
      expect(found('"mari"*')).toEqual([marisol]);
      // FTS5 raises SQLITE_CORRUPT_VTAB when the index and the clients disagree.
      expect(() => sqlite.prepare("INSERT INTO clients_fts (clients_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();

      expect((await migrator.migrateTo('0014-client-location-mask')).error).toBeUndefined();
      expect(definition()).toContain("prefix='1 2 3'");
      expect(found('"mari"*')).toEqual([marisol]);
      expect(found('"ana"*')).toEqual([maria]);
    } finally {
      await close();
    }
  });
});
