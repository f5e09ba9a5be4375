/**
 * Reports (seed 004) through the router on a real book: new clients, Guest to Existing
 * conversion, appointments completed and no-shows by the shop's local months and weeks, per
 * location and per associate, lapsed clients; each role counting only what is in its reach
 * (Admin, a Manager tied to one location, an Associate, a narrowed custom role), and the
 * CSV export, formula-safe.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ClientReport, Input } from '../../src-preload/contract';
import { setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';

async function book() {
  const app = await startApp({ now: testClock('2026-03-20T12:00:00.000Z').now, timeZone: 'Europe/Paris' });
  const admin = await setUpShop(app);
  const main = (await admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const north = await admin.ok('location-create', { name: '=North' });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
  await admin.ok('staff-update', { id: sam.id, locationIds: [main.id] });
  const mia = await staffSession(app, admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
  await admin.ok('staff-update', { id: mia.id, locationIds: [north.id] });
  const db = app.services.db;

  const client = async (who: TestClient, firstName: string, createdAt: string) => {
    const c = await who.ok('client-create', { firstName, lastName: 'Client' });
    await db.updateTable('clients').set({ created_at: createdAt }).where('id', '=', c.id).execute();
    return c.id;
  };
  const appointment = async (clientId: number, staffId: number, locationId: number, startAt: string, status: 'completed' | 'no_show' | null) => {
    const a = await admin.ok('appointment-create', { clientId, staffId, locationId, startAt, durationMinutes: 30, bookedThrough: 'phone' });
    if (status) await admin.ok('appointment-status', { id: a.id, version: a.version, status });
  };

  // Sam's clients at Main: Ana (added in February, first visit then), Ben (added in March, a no-show, still a Guest),
  // Eve (added at 23:30 UTC on 28 February, which is 1 March in Paris).
  const ana = await client(sam, 'Ana', '2026-02-10T10:00:00.000Z');
  await appointment(ana, sam.id, main.id, '2026-02-12T10:00:00Z', 'completed');
  const ben = await client(sam, 'Ben', '2026-03-02T10:00:00.000Z');
  await appointment(ben, sam.id, main.id, '2026-03-03T10:00:00Z', 'no_show');
  await client(sam, 'Eve', '2026-02-28T23:30:00.000Z');
  // Mia's client at North: added and completed in March.
  const cyd = await client(mia, 'Cyd', '2026-03-05T10:00:00.000Z');
  await appointment(cyd, mia.id, north.id, '2026-03-06T10:00:00Z', 'completed');
  // The Admin's client at Main: added in January, last seen in November (lapsed).
  const dot = await client(admin, 'Dot', '2026-01-15T10:00:00.000Z');
  await admin.ok('client-interaction-add', { clientId: dot, kind: 'sale', occurredAt: '2025-11-01T10:00:00Z', amountCents: 5000, locationId: main.id });
  // A booked appointment is neither completed nor a no-show.
  await appointment(dot, 1, main.id, '2026-03-10T10:00:00Z', null);
  return { app, admin, main, north, sam, mia };
}

const MONTHS: Input<'report-run'> = { from: '2026-01-01', to: '2026-03-31', period: 'month', groupBy: 'location', lapsedDays: 90 };
const table = (r: ClientReport) => r.rows.map((x) => [x.period, x.group.name, x.newClients, x.newConverted, x.becameExisting, x.completed, x.noShows]);

describe('reports', () => {
  it('as Admin: months per location, in the shop’s time zone, with lapsed clients', async () => {
    const { admin } = await book();
    const r = await admin.ok('report-run', MONTHS);
    expect(r.timeZone).toBe('Europe/Paris');
    expect(r.periods).toEqual([
      { from: '2026-01-01', to: '2026-01-31', label: '2026-01' },
      { from: '2026-02-01', to: '2026-02-28', label: '2026-02' },
      { from: '2026-03-01', to: '2026-03-31', label: '2026-03' },
    ]);
    expect(table(r)).toEqual([
      ['2026-01', 'Main store', 1, 1, 0, 0, 0],
      ['2026-02', 'Main store', 1, 1, 1, 1, 0],
      // Eve, added on 1 March in Paris, counts in March.
      ['2026-03', '=North', 1, 1, 1, 1, 0],
      ['2026-03', 'Main store', 2, 0, 0, 0, 1],
    ]);
    expect(r.lapsed).toEqual({ days: 90, asOf: '2026-03-20', rows: [{ group: { id: 1, name: 'Main store' }, count: 1 }] });
    // Ana's last visit (12 February) is more than 30 days ago too.
    expect((await admin.ok('report-run', { ...MONTHS, lapsedDays: 30 })).lapsed!.rows).toEqual([{ group: { id: 1, name: 'Main store' }, count: 2 }]);
  });

  it('by week per associate: local weeks, Monday first, with ISO week labels', async () => {
    const { admin } = await book();
    const r = await admin.ok('report-run', { from: '2026-02-25', to: '2026-03-08', period: 'week', groupBy: 'staff', lapsedDays: 90 });
    expect(r.periods.map((p) => [p.label, p.from, p.to])).toEqual([
      ['2026-W09', '2026-02-23', '2026-03-01'],
      ['2026-W10', '2026-03-02', '2026-03-08'],
    ]);
    expect(table(r)).toEqual([
      ['2026-W09', 'Sam Seller', 1, 0, 0, 0, 0],
      ['2026-W10', 'Mia Manager', 1, 1, 1, 1, 0],
      ['2026-W10', 'Sam Seller', 1, 0, 0, 0, 1],
    ]);
  });

  it('counts only what each person may see: a Manager at one location, an Associate, a narrowed custom role', async () => {
    const { app, admin, north, sam, mia } = await book();
    // The Manager at North: Cyd only; nothing of Main's clients or appointments.
    expect(table(await mia.ok('report-run', MONTHS))).toEqual([['2026-03', '=North', 1, 1, 1, 1, 0]]);
    expect((await mia.ok('report-run', MONTHS)).lapsed!.rows).toEqual([]);
    // The Associate: his own clients and appointments.
    const mine = await sam.ok('report-run', { ...MONTHS, groupBy: 'staff' });
    expect(table(mine)).toEqual([
      ['2026-02', 'Sam Seller', 1, 1, 1, 1, 0],
      ['2026-03', 'Sam Seller', 2, 0, 0, 0, 1],
    ]);
    expect(mine.lapsed!.rows).toEqual([]);

    // A custom role that sees North's clients and reports but not purchase history: no lapsed counts, and no file (no export).
    const role = await admin.ok('role-create', { name: 'Counter', baseRole: 'associate', permissions: ['session.use', 'client.view', 'report.view'], visibility: 'locations', hiddenFields: ['purchases'] });
    const nia = await staffSession(app, admin, { name: 'Nia Narrow', username: 'nia', role: 'associate' });
    await admin.ok('staff-update', { id: nia.id, locationIds: [north.id], customRoleId: role.id });
    const narrowed = await nia.ok('report-run', MONTHS);
    expect(table(narrowed)).toEqual([['2026-03', '=North', 1, 1, 1, 1, 0]]);
    expect(narrowed.lapsed).toBeNull();
    expect(await nia.call('report-export', MONTHS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A role without reports is refused.
    const noReports = await admin.ok('role-create', { name: 'No reports', baseRole: 'associate', permissions: ['session.use', 'client.view'], visibility: 'all', hiddenFields: [] });
    await admin.ok('staff-update', { id: nia.id, customRoleId: noReports.id });
    expect(await nia.call('report-run', MONTHS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a reversed or too long range', async () => {
    const { admin } = await book();
    expect(await admin.call('report-run', { ...MONTHS, from: '2026-04-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('report-run', { ...MONTHS, from: '2020-01-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('exports the report as formula-safe CSV, audited', async () => {
    const { admin, sam } = await book();
    const file = await admin.ok('report-export', MONTHS);
    expect(file.filename).toBe('clientele-report-month-2026-01-01-2026-03-31.csv');
    expect(file.csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(file.csv, { bom: true });
    expect(rows[0]).toEqual(['Period', 'From', 'To', 'Location', 'New clients', 'New clients now Existing', 'Became Existing', 'Appointments completed', 'No-shows', 'Lapsed clients']);
    // A location named like a formula is written so a spreadsheet reads it as text.
    expect(rows).toContainEqual(['2026-03', '2026-03-01', '2026-03-31', "'=North", '1', '1', '1', '1', '0', '']);
    expect(rows).toContainEqual(['2026-02', '2026-02-01', '2026-02-28', 'Main store', '1', '1', '1', '1', '0', '']);
    expect(rows[rows.length - 1]).toEqual(['No visit in 90 days', '', '2026-03-20', 'Main store', '', '', '', '', '', '1']);
    expect(file.rows).toBe(5);
    const audit = await admin.ok('audit-list', { action: 'report.export', limit: 5 });
    expect(audit.items[0]).toMatchObject({ actorId: 1, after: expect.objectContaining({ period: 'month', groupBy: 'location', rows: 5 }) });

    // The Associate's file holds his own numbers only.
    const his: string[][] = parse((await sam.ok('report-export', { ...MONTHS, groupBy: 'staff' })).csv, { bom: true });
    expect(his.slice(1).map((r) => r[3])).toEqual(['Sam Seller', 'Sam Seller']);
  });
});
