/**
 * A sales import brings clients' visits, spend, "seen" flag and membership pairs up to date
 * set-based once its rows are in (jobs/bulk-sales.ts), instead of through the per-row
 * triggers. Two books go through the same steps, one with the triggers left per row (their
 * text changed by a space, so the import does not recognise them), and must end the same.
 */
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { KNOWN_TRIGGERS_SHA256, triggersDigest } from '../../src-main/jobs/bulk-sales';
import { setUpShop, startApp, tempDir, testClock } from '../helpers/app';
import { upload } from '../helpers/files';

type App = Awaited<ReturnType<typeof startApp>>;

const HEADER = 'transaction_id,client_email,associate_pos_id,amount,sold_at,location';
/** Out of date order, refunds, unmapped and missing POS ids, two stores and none, a repeated id, an unknown client. */
const FIRST = [
  HEADER,
  't01,ana@example.com,A,120.00,2024-05-02,Uptown',
  't02,ana@example.com,B,80.50,2023-11-20,',
  't03,ANA@example.com,A,-20.00,2024-06-01,Downtown',
  't04,bo@example.com,Z9,300.00,2022-01-15,Uptown',
  't05,cy@example.com,,45.00,2024-02-29,',
  't06,nobody@example.com,A,10.00,2024-01-01,',
].join('\n');
const SECOND = [
  HEADER,
  't01,ana@example.com,A,120.00,2024-05-02,Uptown', // already imported
  't07,ana@example.com,B,15.00,2021-03-03,Downtown', // earlier than her first visit
  't08,bo@example.com,A,0.00,2025-07-07,', // later than his last
  't09,di@example.com,B,99.99,2024-12-24,Uptown', // her first sale
  't10,di@example.com,B,-99.99,2024-12-26,Uptown',
].join('\n');

async function book(perRow: boolean): Promise<App> {
  const app = await startApp({ now: testClock().now });
  const admin = await setUpShop(app);
  const asa = await admin.ok('staff-create', { name: 'Associate A', username: 'asa', role: 'associate', posAssociateId: 'A', password: 'a long enough password' });
  await admin.ok('staff-create', { name: 'Associate B', username: 'asb', role: 'associate', posAssociateId: 'B', password: 'a long enough password' });
  await admin.ok('location-create', { name: 'Uptown' });
  await admin.ok('location-create', { name: 'Downtown' });
  for (const email of ['ana@example.com', 'bo@example.com', 'cy@example.com', 'di@example.com']) {
    const c = await admin.ok('client-create', { firstName: email.split('@')[0]!, email });
    // Ana is Associate A's (a pair not yet worked, until A's sale); the others are Unassigned, as
    // imported clients are, so assignment by sale has work to do.
    const owner = email === 'ana@example.com' ? asa.id : null;
    await app.services.db.updateTable('clients').set({ assigned_staff_id: owner }).where('id', '=', c.id).execute();
  }
  if (perRow) {
    const trigger = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'interactions_seen_ai'`.execute(app.services.db)).rows[0]!.sql;
    await sql.raw('DROP TRIGGER interactions_seen_ai').execute(app.services.db);
    await sql.raw(trigger.replace('BEGIN', 'BEGIN ')).execute(app.services.db);
  }
  for (const csv of [FIRST, SECOND]) {
    const uploadId = await upload(admin, 'sales.csv', csv);
    await admin.ok('sales-import', { uploadId, mode: 'ongoing' });
  }
  return app;
}

async function state(app: App) {
  const db = app.services.db;
  return {
    staffIds: await db.selectFrom('staff').select(['id', 'username']).orderBy('id').execute(),
    clients: await db
      .selectFrom('clients')
      .select(['id', 'first_visit_at', 'last_visit_at', 'last_purchase_at', 'total_spend_cents', 'has_interactions', 'location_mask', 'assigned_staff_id', 'version'])
      .orderBy('id')
      .execute(),
    staff: await db.selectFrom('client_staff').selectAll().orderBy('staff_id').orderBy('client_id').execute(),
    locations: await db.selectFrom('client_locations').selectAll().orderBy('location_id').orderBy('client_id').execute(),
    triggers: (await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'interactions' ORDER BY name`.execute(db)).rows.map((r) => r.name),
  };
}

const asa = (s: Awaited<ReturnType<typeof state>>) => s.staffIds.find((x) => x.username === 'asa')!.id;

describe('sales import in bulk', () => {
  it('recognises the triggers it stands in for in a new book (a migration that changes them must update it)', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
      expect(triggersDigest(sqlite)).toBe(KNOWN_TRIGGERS_SHA256);
    } finally {
      await close();
    }
  });

  it('leaves clients, their staff and their locations exactly as the per-row triggers do, and puts the triggers back', async () => {
    const bulk = await book(false);
    const perRow = await book(true);
    const a = await state(bulk);
    const b = await state(perRow);
    expect(a).toEqual(b);
    // The imports did the work the comparison relies on.
    const ana = a.clients[0]!;
    expect(ana).toMatchObject({ first_visit_at: '2021-03-03T12:00:00.000Z', last_visit_at: '2024-06-01T12:00:00.000Z', total_spend_cents: 19550, has_interactions: 1 });
    expect(a.clients.find((c) => c.id === 4)).toMatchObject({ total_spend_cents: 0, has_interactions: 1 });
    expect(a.staff.find((p) => p.client_id === ana.id && p.staff_id === asa(a))).toMatchObject({ is_assigned: 1, worked: 1 });
    expect(a.staff.filter((p) => p.worked === 1).length).toBeGreaterThanOrEqual(4);
    expect(a.locations.length).toBeGreaterThanOrEqual(4);
    expect(a.triggers).toEqual(b.triggers);
    expect(a.triggers).toContain('interactions_visit_ai');
  });
});
