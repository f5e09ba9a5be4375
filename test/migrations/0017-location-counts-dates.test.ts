import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0017-location-counts-dates', () => {
  it('adds the birthday and anniversary to the location counts index, which then answers those filters alone', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0016-client-staff-assigned-pairs')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      const client = sqlite.prepare('INSERT INTO clients (first_name, birthday, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const ana = Number(client.run('Ana', '1990-03-04', at, at).lastInsertRowid);
      client.run('Ben', '--03-09', at, at);
      client.run('Cy', null, at, at);
      sqlite.prepare("INSERT INTO interactions (client_id, kind, location_id, occurred_at, created_at) VALUES (?, 'sale', 1, ?, ?)").run(ana, at, at);
      const columns = () => sqlite.prepare("SELECT name FROM pragma_index_info('clients_live_location_counts') ORDER BY seqno").pluck().all();
      const query = "SELECT count(*) FROM clients INDEXED BY clients_live_location_counts WHERE deleted_at IS NULL AND location_mask != 0 AND (location_mask & 1) != 0 AND birthday IS NOT NULL AND substr(birthday, -5, 2) = '03'";

      expect((await migrator.migrateTo('0017-location-counts-dates')).error).toBeUndefined();
      expect(columns()).toEqual(['location_mask', 'first_visit_at', 'created_at', 'last_purchase_at', 'consent_email', 'consent_sms', 'assigned_staff_id', 'birthday', 'anniversary', 'deleted_at']);
      expect(sqlite.prepare(query).pluck().get()).toBe(1); // Ana: seen at the main store; Ben never seen
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan).toContain('USING COVERING INDEX clients_live_location_counts');

      expect((await migrator.migrateTo('0016-client-staff-assigned-pairs')).error).toBeUndefined();
      expect(columns()).toEqual(['location_mask', 'first_visit_at', 'created_at', 'last_purchase_at', 'consent_email', 'consent_sms', 'assigned_staff_id']);
    } finally {
      await close();
    }
  });
});
