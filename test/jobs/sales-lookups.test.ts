import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { CLIENT_LOOKUPS } from '../../src-main/jobs/sales-writer';
import { tempDir } from '../helpers/app';

describe('sales import: finding the client', () => {
  it('probes an index for each way a sale names its client, never scanning the book', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      sqlite
        .prepare('INSERT INTO clients (first_name, email, phone, phone_e164, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run('Ana', 'Ana@Example.com', '+1 212 555 0101', '+12125550101', 'SHOP-1', at, at);
      const plans = Object.entries(CLIENT_LOOKUPS).map(([kind, query]) => {
        const detail = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
        return [kind, detail];
      });
      expect(plans).toEqual([
        ['email', 'SEARCH clients USING INDEX clients_email_active (email_key=?)'],
        ['phone', 'SEARCH clients USING INDEX clients_phone_e164 (phone_e164=?)'],
        ['phoneWithoutEmail', 'SEARCH clients USING INDEX clients_phone_e164 (phone_e164=?)'],
        ['external', 'SEARCH clients USING INDEX clients_external_id (external_id=?)'],
      ]);
      // And they find her.
      expect(sqlite.prepare(CLIENT_LOOKUPS.email).get('ana@example.com')).toMatchObject({ id: 1 });
      expect(sqlite.prepare(CLIENT_LOOKUPS.phone).get('+12125550101')).toMatchObject({ id: 1 });
      expect(sqlite.prepare(CLIENT_LOOKUPS.external).get('SHOP-1')).toMatchObject({ id: 1 });
    } finally {
      await close();
    }
  });
});
