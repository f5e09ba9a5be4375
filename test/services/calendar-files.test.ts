/**
 * Calendar files (.ics) through the router on a real book, read back with ical.js (Mozilla's
 * iCalendar parser): UTC times, one UID per appointment across changes with its version as
 * SEQUENCE, cancelled ones as STATUS:CANCELLED; only the appointments each person may see
 * (Admin, an Associate, a Manager tied to one location, a narrowed custom role) and only the
 * client fields their role shows; and the command line's `calendar`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import type { Input } from '../../src-preload/contract';
import { ADMIN, setUpShop, startApp, staffSession, tempDir, testClock, type TestClient } from '../helpers/app';

interface Event {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
  status: string;
}

/** The file as a calendar application reads it. */
function read(ics: string): { calendar: ICAL.Component; events: Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      summary: e.summary,
      location: e.location,
      description: e.description,
      status: String(v.getFirstPropertyValue('status')),
    };
  });
  return { calendar, events };
}

async function book(dataDir = tempDir()) {
  const app = await startApp({ dataDir, now: testClock('2026-03-02T08:00:00.000Z').now, timeZone: 'Europe/Paris' });
  const admin = await setUpShop(app);
  const main = (await admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const north = await admin.ok('location-create', { name: 'North' });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
  await admin.ok('staff-update', { id: sam.id, locationIds: [main.id] });
  const mia = await staffSession(app, admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
  await admin.ok('staff-update', { id: mia.id, locationIds: [north.id] });
  const fitting = await admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });
  const appointment = (who: TestClient, input: Omit<Input<'appointment-create'>, 'bookedThrough'>) => who.ok('appointment-create', { bookedThrough: 'phone', ...input });

  const ana = (await sam.ok('client-create', { firstName: 'Ana', lastName: 'Lee', email: 'ana@example.com', phone: '+1 415 555 0100' })).id;
  const ben = (await sam.ok('client-create', { firstName: 'Ben', lastName: 'Ode' })).id;
  const cyd = (await mia.ok('client-create', { firstName: 'Cyd', lastName: 'North' })).id;
  const dot = (await admin.ok('client-create', { firstName: 'Dot', lastName: 'Admin', notes: 'VIP' })).id;
  const a1 = await appointment(sam, { clientId: ana, staffId: sam.id, locationId: main.id, serviceId: fitting.id, startAt: '2026-03-03T10:00:00+01:00', notes: 'Bring the dress; "veil", too' });
  const a2 = await appointment(sam, { clientId: ben, staffId: sam.id, locationId: main.id, startAt: '2026-03-04T15:30:00+01:00', durationMinutes: 30 });
  await sam.ok('appointment-cancel', { id: a2.id, version: a2.version, reason: 'Client called' });
  const a3 = await appointment(mia, { clientId: cyd, staffId: mia.id, locationId: north.id, startAt: '2026-03-05T09:00:00+01:00', durationMinutes: 60 });
  const a4 = await appointment(admin, { clientId: dot, staffId: 1, locationId: main.id, startAt: '2026-03-03T12:00:00+01:00', durationMinutes: 60 });
  return { app, admin, main, north, sam, mia, a1, a2, a3, a4 };
}

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('calendar files', () => {
  it('as Admin: a staff member’s appointments as valid iCalendar in UTC, cancelled ones marked, one UID each that a later file updates', async () => {
    const { admin, sam, a1, a2 } = await book();
    const file = await admin.ok('appointment-ics', { by: { staffId: sam.id }, ...MARCH });
    expect(file).toMatchObject({ filename: 'sam-seller-2026-03-01-2026-03-31.ics', count: 2 });
    const { calendar, events } = read(file.ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Paris');
    expect(file.ics).toContain('DTSTART:20260303T090000Z');
    expect(events).toEqual([
      {
        uid: `appointment-${a1.id}@clientele`,
        sequence: 1,
        start: '2026-03-03T09:00:00.000Z',
        end: '2026-03-03T09:45:00.000Z',
        summary: 'Fitting: Ana Lee',
        location: 'Main store',
        description: 'Client: Ana Lee\nPhone: +1 415 555 0100\nEmail: ana@example.com\nWith: Sam Seller\nStatus: Booked\nBooked through: Phone\n\nBring the dress; "veil", too',
        status: 'CONFIRMED',
      },
      expect.objectContaining({ uid: `appointment-${a2.id}@clientele`, sequence: 2, summary: 'Ben Ode', status: 'CANCELLED', description: expect.stringContaining('Cancelled: Client called') }),
    ]);
    // Without the cancelled ones.
    expect(read((await admin.ok('appointment-ics', { by: { staffId: sam.id }, ...MARCH, includeCancelled: false })).ics).events.map((e) => e.uid)).toEqual([`appointment-${a1.id}@clientele`]);

    // Moved: the same UID with a higher SEQUENCE and the new time, so a calendar re-importing it updates the event.
    await sam.ok('appointment-update', { id: a1.id, version: a1.version, startAt: '2026-03-03T14:00:00+01:00' });
    const [moved] = read((await admin.ok('appointment-ics', { by: { staffId: sam.id }, ...MARCH })).ics).events;
    expect(moved).toMatchObject({ uid: `appointment-${a1.id}@clientele`, sequence: 2, start: '2026-03-03T13:00:00.000Z' });

    // The export is audited.
    const audit = await admin.ok('audit-list', { action: 'appointment.export-calendar', limit: 5 });
    expect(audit.items[0]).toMatchObject({ actorId: 1, after: expect.objectContaining({ by: { staffId: sam.id }, count: 2 }) });
  });

  it('holds only what each person may see: an Associate, a Manager at one location, a narrowed role without contact details or notes', async () => {
    const { app, admin, main, north, sam, mia, a1, a2, a3, a4 } = await book();
    const uids = async (who: TestClient, by: Input<'appointment-ics'>['by']) => read((await who.ok('appointment-ics', { by, ...MARCH })).ics).events.map((e) => e.uid);
    const uid = (a: { id: number }) => `appointment-${a.id}@clientele`;
    expect(await uids(admin, { locationId: main.id })).toEqual([uid(a1), uid(a4), uid(a2)]);
    // The Associate: his own appointments at Main, not the Admin's with the Admin's client.
    expect(await uids(sam, { locationId: main.id })).toEqual([uid(a1), uid(a2)]);
    expect(await uids(sam, { staffId: 1 })).toEqual([]);
    // The Manager at North: North's, nothing of Main's.
    expect(await uids(mia, { locationId: north.id })).toEqual([uid(a3)]);
    expect(await uids(mia, { locationId: main.id })).toEqual([]);

    // A custom role that sees Main's appointments, without contact details or notes.
    const role = await admin.ok('role-create', { name: 'Front desk', baseRole: 'associate', permissions: ['session.use', 'client.view', 'appointment.view', 'export'], visibility: 'locations', hiddenFields: ['contact', 'notes'] });
    const fay = await staffSession(app, admin, { name: 'Fay Front', username: 'fay', role: 'associate' });
    await admin.ok('staff-update', { id: fay.id, locationIds: [main.id], customRoleId: role.id });
    const file = await fay.ok('appointment-ics', { by: { locationId: main.id }, ...MARCH });
    const { events } = read(file.ics);
    expect(events.map((e) => e.uid)).toEqual([uid(a1), uid(a4), uid(a2)]);
    expect(events[0]!.description).toBe('Client: Ana Lee\nWith: Sam Seller\nStatus: Booked\nBooked through: Phone');
    for (const hidden of ['ana@example.com', '555 0100', 'Bring the dress', 'VIP']) expect(file.ics).not.toContain(hidden);

    // A role without the appointment book is refused.
    const none = await admin.ok('role-create', { name: 'Clients only', baseRole: 'associate', permissions: ['session.use', 'client.view'], visibility: 'all', hiddenFields: [] });
    await admin.ok('staff-update', { id: fay.id, customRoleId: none.id });
    expect(await fay.call('appointment-ics', { by: { locationId: main.id }, ...MARCH })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a reversed range, a range over 400 days, and an unknown staff member', async () => {
    const { admin } = await book();
    expect(await admin.call('appointment-ics', { by: { staffId: 1 }, from: '2026-03-31', to: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('appointment-ics', { by: { staffId: 1 }, from: '2026-01-01', to: '2027-03-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('appointment-ics', { by: { staffId: 999 }, ...MARCH })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('from the command line: a location’s appointments by name, and one’s own', async () => {
    const dataDir = tempDir();
    const { app, a1, a2, a4 } = await book(dataDir);
    await app.close();
    const out: string[] = [];
    const err: string[] = [];
    const run = (password: string, ...argv: string[]) =>
      runCli(['--data', dataDir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), env: { CLIENTELE_PASSWORD: password }, askPassword: async () => null });
    const file = join(dataDir, 'main.ics');
    expect(await run(ADMIN.password, 'calendar', file, '--user', 'ada', '--location', 'main store', '--from', '2026-03-01', '--to', '2026-03-31', '--json')).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toEqual({ ok: true, file, appointments: 3 });
    expect(read(readFileSync(file, 'utf8')).events.map((e) => e.uid)).toEqual([a1, a4, a2].map((a) => `appointment-${a.id}@clientele`));
    const mine = join(dataDir, 'mine.ics');
    expect(await run('a long enough password', 'calendar', mine, '--user', 'sam', '--staff', 'me', '--from', '2026-03-01', '--to', '2026-03-31', '--no-cancelled')).toBe(0);
    expect(out.at(-1)).toBe(`Wrote 1 appointments to ${mine}.`);
    expect(await run(ADMIN.password, 'calendar', file, '--user', 'ada', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(2);
    expect(err.at(-1)).toBe('calendar needs either --staff or --location.');
  });
});
