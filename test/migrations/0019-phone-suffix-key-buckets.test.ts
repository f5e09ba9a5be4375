import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

/** Characters a typed phone may hold: digits, separators, letters, and ones beyond ASCII. */
const ALPHABET = [...'0123456789', ...'0123456789', ...' -()+./#x', 'é', 'ß', '０', '９', '٣', '電', '話', '\u00a0', '–', '😀'];

/** A small deterministic generator (mulberry32), so a failure names the same phones every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('migration 0019-phone-suffix-key-buckets', () => {
  it('keeps every phone-suffix key as it was, at each bucket edge, and the suffix search still uses its index', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0018-phone-suffix-index-whole')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const insert = sqlite.prepare('INSERT INTO clients (first_name, phone, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const next = random(19);
      const typed: string[] = [];
      for (const length of [1, 2, 15, 16, 17, 23, 24, 25, 39, 40]) {
        typed.push('7'.repeat(length), `${'1'.repeat(length - 1)}x`, `x${'2'.repeat(length - 1)}`.slice(0, length));
      }
      for (let i = 0; i < 600; i++) {
        const length = 1 + Math.floor(next() * 40);
        typed.push(Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''));
      }
      const ids = typed.map((phone) => Number(insert.run('Typed', phone, null, at, at).lastInsertRowid));
      ids.push(Number(insert.run('Read', '(415) 555-1234', '+14155551234', at, at).lastInsertRowid));
      ids.push(Number(insert.run('Longest', '+86 138 0013 8000 0000', '+861380013800000', at, at).lastInsertRowid));
      ids.push(Number(insert.run('None', null, null, at, at).lastInsertRowid));
      const keys = () => sqlite.prepare('SELECT id, phone_rev FROM clients ORDER BY id').all();
      const before = keys();
      // Spot checks that the generated phones reach every branch of the key.
      const keyOf = (phone: string) => (sqlite.prepare('SELECT phone_rev FROM clients WHERE phone = ?').pluck().get(phone) as string | null);
      expect(keyOf('7'.repeat(40))).toBe('7'.repeat(40));
      expect(keyOf(`x${'2'.repeat(24)}`)).toBe('2'.repeat(24));
      expect(keyOf('+86 138 0013 8000 0000')).toBe('000008310083168');

      expect((await migrator.migrateTo('0019-phone-suffix-key-buckets')).error).toBeUndefined();
      expect(keys()).toEqual(before);
      // The search's own range (client-list.queries.ts), as SQLite is asked it.
      const query = 'SELECT p.id FROM clients AS p WHERE p.phone_rev >= ? AND p.phone_rev < ? ORDER BY p.id';
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('4321', '4321:') as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan).toContain('USING INDEX clients_phone_rev');
      const endingIn = (digits: string) => {
        const rev = [...digits].reverse().join('');
        return sqlite.prepare(query).pluck().all(rev, `${rev}:`);
      };
      expect(endingIn('5551234')).toEqual([ids[ids.length - 3]]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // Writes after the migration are keyed by the new expression, the same way.
      const later = Number(insert.run('Later', `(0) ${'9'.repeat(18)}-12`, null, at, at).lastInsertRowid);
      expect(sqlite.prepare('SELECT phone_rev FROM clients WHERE id = ?').pluck().get(later)).toBe(`21${'9'.repeat(18)}0`);
      sqlite.prepare('DELETE FROM clients WHERE id = ?').run(later);

      expect((await migrator.migrateTo('0018-phone-suffix-index-whole')).error).toBeUndefined();
      expect(keys()).toEqual(before);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await close();
    }
  });
});
