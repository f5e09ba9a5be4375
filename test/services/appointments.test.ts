/**
 * The appointment book (issue 18), through the router on a real book: booking and the day
 * and week views, payloads refused by the contract, moves with versions, warnings and their
 * override, cancel and restore, status effects, routing, and each role's reach.
 */
import { describe, expect, it } from 'vitest';
import type { Input } from '../../src-preload/contract';
import { connect, setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';

async function shop(options: { now?: () => Date; timeZone?: string } = {}) {
  const app = await startApp({ now: options.now ?? testClock('2026-03-02T08:00:00.000Z').now, timeZone: options.timeZone ?? 'Europe/Paris' });
  const admin = await setUpShop(app);
  const main = (await admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const north = await admin.ok('location-create', { name: 'North' });
  const person = async (username: string, role: 'manager' | 'associate', locationIds: number[]) => {
    const who = await staffSession(app, admin, { name: `${username[0]!.toUpperCase()}${username.slice(1)}`, username, role });
    await admin.ok('staff-update', { id: who.id, locationIds });
    return who;
  };
  const client = async (who: TestClient, firstName: string, more: Omit<Input<'client-create'>, 'firstName'> = {}) =>
    (await who.ok('client-create', { firstName, lastName: 'Client', ...more })).id;
  return { app, admin, main, north, person, client };
}

const book = (who: TestClient, input: Input<'appointment-create'>) => who.ok('appointment-create', input);

describe('booking', () => {
  it('books a client with a staff member, in the shop’s time zone, with its service’s length, and shows it in the day and week views by staff and by location', async () => {
    const { admin, main, person, client } = await shop();
    const sam = await person('sam', 'associate', [main.id]);
    const ana = await client(admin, 'Ana', { email: 'ana@example.com', phone: '+1 415 555 0100' });
    const fitting = await admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });

    const a = await book(admin, { clientId: ana, staffId: sam.id, locationId: main.id, serviceId: fitting.id, startAt: '2026-03-03T10:00:00+01:00', bookedThrough: 'phone', notes: 'Bring the dress' });
    expect(a).toMatchObject({
      version: 1,
      client: { id: ana, firstName: 'Ana', email: 'ana@example.com', status: 'guest' },
      staff: { id: sam.id, name: 'Sam' },
      location: { id: main.id },
      service: { id: fitting.id, name: 'Fitting' },
      startAt: '2026-03-03T09:00:00.000Z',
      endAt: '2026-03-03T09:45:00.000Z',
      durationMinutes: 45,
      local: { date: '2026-03-03', start: '10:00', end: '10:45', endDate: '2026-03-03' },
      notes: 'Bring the dress',
      bookedThrough: 'phone',
      status: 'booked',
      createdBy: { id: 1, name: 'Ada Admin' },
    });
    expect(await admin.ok('appointment-get', { id: a.id })).toEqual(a);

    const week = await admin.ok('appointment-range', { by: { staffId: sam.id }, from: '2026-03-02', days: 7 });
    expect(week.timeZone).toBe('Europe/Paris');
    expect(week.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(week.days[0]).toEqual({ date: '2026-03-02', startAt: '2026-03-01T23:00:00.000Z', endAt: '2026-03-02T23:00:00.000Z' });
    expect(week.items.map((i) => i.id)).toEqual([a.id]);
    expect((await admin.ok('appointment-range', { by: { locationId: main.id }, from: '2026-03-03', days: 1 })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await admin.ok('appointment-range', { by: { locationId: main.id }, from: '2026-03-04', days: 1 })).items).toEqual([]);

    // The booking is audited with who booked it and through which channel.
    const audit = await admin.ok('audit-list', { action: 'appointment.create', limit: 5 });
    expect(audit.items[0]).toMatchObject({ actorId: 1, entityId: a.id, after: expect.objectContaining({ clientId: ana, booked_through: 'phone', staff_id: sam.id }) });
  });

  it('refuses payloads the contract does not allow, naming the field', async () => {
    const { admin, main, client } = await shop();
    const ana = await client(admin, 'Ana');
    const base = { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' } as const;
    const refused = async (payload: unknown, field: string) => {
      const r = await admin.connection.call('appointment-create', payload);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!r.ok) expect(r.error.details?.issues?.map((i) => i.field)).toContain(field);
    };
    await refused({ ...base, startAt: '2026-03-03 10:00' }, 'startAt');
    await refused({ ...base, startAt: '2026-03-03T10:00:30Z' }, 'startAt');
    await refused({ ...base, durationMinutes: 4 }, 'durationMinutes');
    await refused({ ...base, durationMinutes: 721 }, 'durationMinutes');
    await refused({ ...base, bookedThrough: 'carrier pigeon' }, 'bookedThrough');
    await refused({ ...base, staffId: -1 }, 'staffId');
    await refused({ ...base, createdBy: 2 }, '(payload)');
    await refused({ ...base, overrideReason: '' }, 'overrideReason');
    expect(await admin.call('appointment-range', { by: { staffId: 1 }, from: '2026-02-30', days: 7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('appointment-range', { by: { staffId: 1 }, from: '2026-03-02', days: 8 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('location-hours-set', { locationId: main.id, days: [{ weekday: 1, opens: '18:00', closes: '09:00' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Nothing reached the book.
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-02', days: 7 })).items).toEqual([]);
  });

  it('needs a length or a service, an active staff member and a known location', async () => {
    const { admin, main, client } = await shop();
    const ana = await client(admin, 'Ana');
    const base = { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T10:00:00Z', bookedThrough: 'in_store' } as const;
    expect(await admin.call('appointment-create', base)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'durationMinutes' }] } } });
    expect(await admin.call('appointment-create', { ...base, durationMinutes: 30, staffId: 999 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'staffId' }] } } });
    expect(await admin.call('appointment-create', { ...base, durationMinutes: 30, locationId: 999 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'locationId' }] } } });
    expect(await admin.call('appointment-create', { ...base, durationMinutes: 30, clientId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('moving, warnings and overrides', () => {
  it('moves and resizes with the version read, answering STALE to a change over a newer one', async () => {
    const { admin, main, north, client } = await shop();
    const ana = await client(admin, 'Ana');
    const a = await book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 30, bookedThrough: 'in_store' });
    const moved = await admin.ok('appointment-update', { id: a.id, version: a.version, startAt: '2026-03-04T10:00:00Z', durationMinutes: 90, locationId: north.id });
    expect(moved).toMatchObject({ version: 2, startAt: '2026-03-04T10:00:00.000Z', endAt: '2026-03-04T11:30:00.000Z', durationMinutes: 90, location: { id: north.id } });
    const again = await admin.call('appointment-update', { id: a.id, version: a.version, startAt: '2026-03-05T10:00:00Z' });
    expect(again).toMatchObject({ ok: false, error: { code: 'STALE' } });
    expect((await admin.ok('appointment-get', { id: a.id })).startAt).toBe('2026-03-04T10:00:00.000Z');
    const audit = await admin.ok('audit-list', { action: 'appointment.move', limit: 5 });
    expect(audit.items[0]).toMatchObject({
      entityId: a.id,
      before: { clientId: ana, start_at: '2026-03-03T09:00:00.000Z', duration_minutes: 30, location_id: main.id },
      after: { clientId: ana, start_at: '2026-03-04T10:00:00.000Z', duration_minutes: 90, location_id: north.id },
    });
  });

  it('warns about the staff member’s other appointment at that time, naming it, and books over it only with a reason', async () => {
    const { admin, main, client } = await shop();
    const [ana, ben] = [await client(admin, 'Ana'), await client(admin, 'Ben')];
    const first = await book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 60, bookedThrough: 'in_store' });
    const slot = { clientId: ben, staffId: 1, locationId: main.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 30, bookedThrough: 'phone' } as const;
    const refused = await admin.call('appointment-create', slot);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'OVERRIDE_REQUIRED', details: { warnings: [{ kind: 'overlap', staffId: 1, appointments: [{ id: first.id, startAt: '2026-03-03T09:00:00.000Z', endAt: '2026-03-03T10:00:00.000Z' }] }] } },
    });
    if (!refused.ok) expect(refused.error.message).toContain('Ada Admin already has an appointment at that time (10:00–11:00)');
    expect(await admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt: slot.startAt, durationMinutes: 30 })).toMatchObject({ warnings: [{ kind: 'overlap' }] });
    // Back to back is no overlap; another staff member's time is theirs.
    expect((await admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt: '2026-03-03T10:00:00Z', durationMinutes: 30 })).warnings).toEqual([]);
    const second = await book(admin, { ...slot, overrideReason: 'Quick pickup between fittings' });
    expect(second.overrideReason).toBe('Quick pickup between fittings');
    // Moving the first onto itself is no overlap with itself; a cancelled appointment frees its time.
    expect((await admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 15, excludeId: second.id })).warnings).toMatchObject([{ kind: 'overlap', appointments: [{ id: first.id }] }]);
    await admin.ok('appointment-cancel', { id: second.id, version: second.version, reason: 'Client called' });
    expect((await admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt: slot.startAt, durationMinutes: 30, excludeId: first.id })).warnings).toEqual([]);
  });

  it('warns outside the location’s opening hours and on a closed day, in the shop’s local time, and books there only with a reason', async () => {
    const { admin, main, client } = await shop();
    const ana = await client(admin, 'Ana');
    // Monday to Saturday hours are local (Paris, UTC+1 in March); Sunday is closed.
    await admin.ok('location-hours-set', { locationId: main.id, days: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })) });
    expect(await admin.ok('location-hours-get', { locationId: main.id })).toMatchObject({ locationId: main.id, days: [{ weekday: 1, opens: '09:00', closes: '18:00' }, {}, {}, {}, {}, { weekday: 6 }] });
    const check = (startAt: string, durationMinutes: number) => admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt, durationMinutes });
    expect((await check('2026-03-03T08:00:00Z', 60)).warnings).toEqual([]); // 09:00-10:00 local, Tuesday
    expect((await check('2026-03-03T16:00:00Z', 60)).warnings).toEqual([]); // 17:00-18:00 local
    expect((await check('2026-03-03T07:30:00Z', 60)).warnings).toEqual([
      { kind: 'hours', locationId: main.id, date: '2026-03-03', weekday: 2, hours: { opens: '09:00', closes: '18:00' }, message: 'Main store is open 09:00–18:00 on Tuesdays; this is 08:30–09:30.' },
    ]);
    expect((await check('2026-03-03T16:30:00Z', 60)).warnings).toMatchObject([{ kind: 'hours' }]);
    expect((await check('2026-03-08T10:00:00Z', 30)).warnings).toEqual([
      { kind: 'hours', locationId: main.id, date: '2026-03-08', weekday: 7, hours: null, message: 'Main store is closed on Sundays.' },
    ]);
    const slot = { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-08T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' } as const;
    expect(await admin.call('appointment-create', slot)).toMatchObject({ ok: false, error: { code: 'OVERRIDE_REQUIRED', details: { warnings: [{ kind: 'hours', hours: null }] } } });
    const a = await book(admin, { ...slot, overrideReason: 'Private Sunday fitting' });
    // A move out of hours needs its own reason; the day view shows each day's hours.
    expect(await admin.call('appointment-update', { id: a.id, version: a.version, startAt: '2026-03-09T06:00:00Z' })).toMatchObject({ ok: false, error: { code: 'OVERRIDE_REQUIRED' } });
    const day = await admin.ok('appointment-range', { by: { locationId: main.id }, from: '2026-03-07', days: 2 });
    expect(day.days.map((d) => d.hours)).toEqual([{ opens: '09:00', closes: '18:00' }, null]);
    expect(day.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('cancels with a reason and restores, each audited; a restore that meets a warning needs a reason too', async () => {
    const { admin, main, client } = await shop();
    const [ana, ben] = [await client(admin, 'Ana'), await client(admin, 'Ben')];
    const a = await book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 60, bookedThrough: 'in_store' });
    const cancelled = await admin.ok('appointment-cancel', { id: a.id, version: a.version, reason: 'Client is ill' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Client is ill', version: 2 });
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-03', days: 1 })).items).toEqual([]);
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-03', days: 1, includeCancelled: true })).items.map((i) => i.id)).toEqual([a.id]);
    expect(await admin.call('appointment-update', { id: a.id, version: 2, durationMinutes: 30 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The slot was taken meanwhile.
    await book(admin, { clientId: ben, staffId: 1, locationId: main.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 30, bookedThrough: 'phone' });
    expect(await admin.call('appointment-restore', { id: a.id, version: 2 })).toMatchObject({ ok: false, error: { code: 'OVERRIDE_REQUIRED' } });
    const restored = await admin.ok('appointment-restore', { id: a.id, version: 2, overrideReason: 'Both fit in the hour' });
    expect(restored).toMatchObject({ status: 'booked', cancelReason: null, overrideReason: 'Both fit in the hour', version: 3 });
    const audit = await admin.ok('audit-list', { entity: 'appointment', limit: 10 });
    expect(audit.items.filter((e) => e.entityId === a.id).map((e) => [e.action, e.before, e.after])).toEqual([
      ['appointment.restore', { clientId: ana, status: 'cancelled', cancel_reason: 'Client is ill', override_reason: null }, { clientId: ana, status: 'booked', cancel_reason: null, override_reason: 'Both fit in the hour' }],
      ['appointment.cancel', { clientId: ana, status: 'booked', cancel_reason: null }, { clientId: ana, status: 'cancelled', cancel_reason: 'Client is ill' }],
      ['appointment.create', null, expect.objectContaining({ status: 'booked' })],
    ]);
  });
});

describe('status effects', () => {
  it('completing adds the staff member as additional staff beside the primary, makes a Guest Existing and counts a visit, shown in the activity with Added by and Booked through; undoing it takes all that back', async () => {
    const { admin, main, person, client } = await shop();
    const sam = await person('sam', 'associate', [main.id]);
    const ana = await client(admin, 'Ana'); // assigned to Ada, who added her
    const fitting = await admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });
    const a = await book(admin, { clientId: ana, staffId: sam.id, locationId: main.id, serviceId: fitting.id, startAt: '2026-03-03T09:00:00Z', bookedThrough: 'phone' });
    expect((await admin.ok('client-get', { id: ana })).status).toBe('guest');
    const arrived = await sam.ok('appointment-status', { id: a.id, version: a.version, status: 'arrived' });
    expect((await admin.ok('client-get', { id: ana })).status).toBe('guest');
    const done = await sam.ok('appointment-status', { id: a.id, version: arrived.version, status: 'completed' });
    expect(done).toMatchObject({ status: 'completed', client: { status: 'existing' } });

    const profile = await admin.ok('client-get', { id: ana });
    expect(profile).toMatchObject({ status: 'existing', assignedStaffId: 1, lastVisitAt: '2026-03-03T09:00:00.000Z' });
    const assignment = await admin.ok('client-assignment', { clientId: ana });
    expect(assignment.primary).toEqual({ id: 1, name: 'Ada Admin' });
    expect(assignment.additional).toMatchObject([{ id: sam.id, name: 'Sam', firstKind: 'booking', interactions: 1 }]);
    const activity = await admin.ok('client-activity', { clientId: ana });
    expect(activity.items).toMatchObject([
      { kind: 'booking', occurredAt: '2026-03-03T09:00:00.000Z', staff: { id: sam.id }, addedBy: { id: 1, name: 'Ada Admin' }, channel: 'Phone', body: 'Fitting', locationName: 'Main store' },
    ]);
    // Sam now works with Ana: she is in his scope.
    expect((await sam.ok('client-get', { id: ana })).id).toBe(ana);

    // It did not happen after all: the visit, the additional staff and the status go back.
    const undone = await admin.ok('appointment-status', { id: a.id, version: done.version, status: 'no_show' });
    expect(undone.status).toBe('no_show');
    expect(await admin.ok('client-get', { id: ana })).toMatchObject({ status: 'guest', lastVisitAt: null });
    expect((await admin.ok('client-assignment', { clientId: ana })).additional).toEqual([]);
    expect((await admin.ok('client-activity', { clientId: ana })).items).toEqual([]);
    const audit = await admin.ok('audit-list', { action: 'appointment.status', limit: 10 });
    expect(audit.items.map((e) => [(e.before as { status: string }).status, (e.after as { status: string }).status])).toEqual([
      ['completed', 'no_show'],
      ['arrived', 'completed'],
      ['booked', 'arrived'],
    ]);
  });

  it('booking an Unassigned client with a staff member assigns the client to them, as a sale does; an assigned client keeps their primary', async () => {
    const { admin, main, person, client } = await shop();
    const sam = await person('sam', 'associate', [main.id]);
    const una = await client(admin, 'Una');
    await admin.ok('client-assign', { clientId: una, staffId: null });
    await book(admin, { clientId: una, staffId: sam.id, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 30, bookedThrough: 'online' });
    const assignment = await admin.ok('client-assignment', { clientId: una });
    expect(assignment.primary).toEqual({ id: sam.id, name: 'Sam' });
    expect(assignment.history[0]).toMatchObject({ reason: 'booking', from: null, to: { id: sam.id }, actor: { id: 1 } });
    const ana = await client(admin, 'Ana');
    await book(admin, { clientId: ana, staffId: sam.id, locationId: main.id, startAt: '2026-03-03T10:00:00Z', durationMinutes: 30, bookedThrough: 'online' });
    expect((await admin.ok('client-assignment', { clientId: ana })).primary).toEqual({ id: 1, name: 'Ada Admin' });
  });
});

describe('routing a returning client', () => {
  it('preselects the primary staff or the last staff member who served them, by the shop’s setting; a brand-new client follows the default assignee', async () => {
    const { admin, main, person, client } = await shop();
    const sam = await person('sam', 'associate', [main.id]);
    const kim = await person('kim', 'associate', [main.id]);
    const ana = await client(admin, 'Ana'); // primary: Ada
    const a = await book(admin, { clientId: ana, staffId: sam.id, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 30, bookedThrough: 'in_store' });
    // Booked but not yet served: the last staff member who served her is nobody yet.
    await admin.ok('settings-update', { returningClientRouting: 'last' });
    expect(await admin.ok('appointment-suggest-staff', { clientId: ana })).toEqual({ staff: { id: 1, name: 'Ada Admin' }, reason: 'primary', routing: 'last' });
    await admin.ok('appointment-status', { id: a.id, version: a.version, status: 'completed' });
    expect(await admin.ok('appointment-suggest-staff', { clientId: ana })).toEqual({ staff: { id: sam.id, name: 'Sam' }, reason: 'last', routing: 'last' });
    await admin.ok('settings-update', { returningClientRouting: 'primary' });
    expect(await admin.ok('appointment-suggest-staff', { clientId: ana })).toEqual({ staff: { id: 1, name: 'Ada Admin' }, reason: 'primary', routing: 'primary' });
    // Brand new and Unassigned: the shop's default assignee, else nobody (the person booking chooses).
    const una = await client(admin, 'Una');
    await admin.ok('client-assign', { clientId: una, staffId: null });
    expect(await admin.ok('appointment-suggest-staff', { clientId: una })).toEqual({ staff: null, reason: 'none', routing: 'primary' });
    await admin.ok('settings-update', { defaultAssigneeId: kim.id });
    expect(await admin.ok('appointment-suggest-staff', { clientId: una })).toEqual({ staff: { id: kim.id, name: 'Kim' }, reason: 'default-assignee', routing: 'primary' });
    // A last staff member who has left is passed over.
    await admin.ok('settings-update', { returningClientRouting: 'last' });
    await admin.ok('staff-update', { id: sam.id, active: false });
    expect(await admin.ok('appointment-suggest-staff', { clientId: ana })).toEqual({ staff: { id: 1, name: 'Ada Admin' }, reason: 'primary', routing: 'last' });
  });
});

describe('the shop’s days across daylight-saving changes', () => {
  it('makes the spring-forward day 23 hours and the fall-back day 25, places each appointment on its local day and wall time, and keeps opening hours local', async () => {
    const { admin, main, client } = await shop({ timeZone: 'America/New_York' });
    expect((await admin.ok('settings-get', {})).timeZone).toBe('America/New_York');
    const ana = await client(admin, 'Ana');
    const at = (startAt: string) => book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt, durationMinutes: 30, bookedThrough: 'in_store', overrideReason: 'test' });
    // Spring forward: Sunday 8 March 2026, 02:00 EST becomes 03:00 EDT.
    const sat9 = await at('2026-03-07T09:00:00-05:00');
    const sun9 = await at('2026-03-08T09:00:00-04:00');
    const sunLate = await at('2026-03-08T23:30:00-04:00');
    const mon0 = await at('2026-03-09T00:00:00-04:00');
    const spring = await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-02', days: 7 });
    expect(spring.days.slice(5)).toEqual([
      { date: '2026-03-07', startAt: '2026-03-07T05:00:00.000Z', endAt: '2026-03-08T05:00:00.000Z' },
      { date: '2026-03-08', startAt: '2026-03-08T05:00:00.000Z', endAt: '2026-03-09T04:00:00.000Z' },
    ]);
    expect(spring.items.map((i) => [i.id, i.local.date, i.local.start])).toEqual([
      [sat9.id, '2026-03-07', '09:00'],
      [sun9.id, '2026-03-08', '09:00'],
      [sunLate.id, '2026-03-08', '23:30'],
    ]);
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-09', days: 1 })).items.map((i) => i.id)).toEqual([mon0.id]);

    // Fall back: Sunday 1 November 2026, 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    const first130 = await at('2026-11-01T01:30:00-04:00');
    const second130 = await at('2026-11-01T01:30:00-05:00');
    const sunEve = await at('2026-11-01T23:30:00-05:00');
    const fall = await admin.ok('appointment-range', { by: { locationId: main.id }, from: '2026-10-26', days: 7 });
    expect(fall.days[6]).toEqual({ date: '2026-11-01', startAt: '2026-11-01T04:00:00.000Z', endAt: '2026-11-02T05:00:00.000Z' });
    expect(fall.items.map((i) => [i.id, i.local.date, i.local.start, i.startAt])).toEqual([
      [first130.id, '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
      [second130.id, '2026-11-01', '01:30', '2026-11-01T06:30:00.000Z'],
      [sunEve.id, '2026-11-01', '23:30', '2026-11-02T04:30:00.000Z'],
    ]);

    // 09:00-18:00 every day, local: 09:00 on the change day is inside, 08:30 outside, whatever the offset.
    await admin.ok('location-hours-set', { locationId: main.id, days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })) });
    const check = async (startAt: string) => (await admin.ok('appointment-check', { staffId: 1, locationId: main.id, startAt, durationMinutes: 30, excludeId: sun9.id })).warnings.filter((w) => w.kind === 'hours');
    expect(await check('2026-03-08T13:00:00Z')).toEqual([]); // 09:00 EDT
    expect(await check('2026-03-08T12:30:00Z')).toMatchObject([{ kind: 'hours', date: '2026-03-08' }]); // 08:30 EDT
    expect(await check('2026-03-07T14:00:00Z')).toEqual([]); // 09:00 EST
    expect(await check('2026-03-07T13:30:00Z')).toMatchObject([{ kind: 'hours' }]); // 08:30 EST
    expect(await check('2026-11-01T22:00:00Z')).toEqual([]); // 17:00 EST
    expect(await check('2026-11-01T22:45:00Z')).toMatchObject([{ kind: 'hours' }]); // 17:45-18:15 EST
  });

  it('takes the shop’s time zone from its setting over the machine’s, and refuses a zone nobody knows', async () => {
    const { admin, main, client } = await shop({ timeZone: 'Europe/Paris' });
    expect(await admin.ok('settings-get', {})).toMatchObject({ timeZone: 'Europe/Paris', timeZoneFromSystem: true });
    expect(await admin.call('settings-update', { timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.ok('settings-update', { timeZone: 'Asia/Tokyo' })).toMatchObject({ timeZone: 'Asia/Tokyo', timeZoneFromSystem: false });
    const ana = await client(admin, 'Ana');
    const a = await book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt: '2026-03-03T01:00:00Z', durationMinutes: 30, bookedThrough: 'in_store' });
    expect(a.local).toEqual({ date: '2026-03-03', start: '10:00', end: '10:30', endDate: '2026-03-03' });
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-03', days: 1 })).days[0]).toEqual({ date: '2026-03-03', startAt: '2026-03-02T15:00:00.000Z', endAt: '2026-03-03T15:00:00.000Z' });
    expect(await admin.ok('settings-update', { timeZone: null })).toMatchObject({ timeZone: 'Europe/Paris', timeZoneFromSystem: true });
  });
});

describe('who sees and changes which appointments', () => {
  async function book3() {
    const { app, admin, main, north, person, client } = await shop();
    const mia = await person('mia', 'manager', [north.id]);
    const abe = await person('abe', 'associate', [north.id]);
    const kim = await person('kim', 'associate', [main.id]);
    const ina = await client(abe, 'Ina', { email: 'ina@example.com', notes: 'Likes silk' }); // Abe's, home North
    const zed = await client(admin, 'Zed', { email: 'zed@example.com' }); // Ada's, home Main
    const slot = { durationMinutes: 30, bookedThrough: 'phone', notes: 'Hem the trousers' } as const;
    const withAbe = await book(admin, { ...slot, clientId: ina, staffId: abe.id, locationId: north.id, startAt: '2026-03-03T09:00:00Z' });
    const withKim = await book(admin, { ...slot, clientId: zed, staffId: kim.id, locationId: main.id, startAt: '2026-03-03T09:00:00Z' });
    const adaAtNorth = await book(admin, { ...slot, clientId: zed, staffId: 1, locationId: north.id, startAt: '2026-03-03T11:00:00Z' });
    return { app, admin, main, north, mia, abe, kim, ina, zed, withAbe, withKim, adaAtNorth };
  }
  const ids = async (who: TestClient, by: Input<'appointment-range'>['by']) => (await who.ok('appointment-range', { by, from: '2026-03-02', days: 7 })).items.map((i) => i.id);

  it('an Admin sees them all; a Manager those at their locations and their own; an Associate their own and their clients’; outside, an appointment does not exist', async () => {
    const { admin, main, north, mia, abe, kim, withAbe, withKim, adaAtNorth } = await book3();
    expect(await ids(admin, { locationId: north.id })).toEqual([withAbe.id, adaAtNorth.id]);
    expect(await ids(admin, { locationId: main.id })).toEqual([withKim.id]);

    expect(await ids(mia, { locationId: north.id })).toEqual([withAbe.id, adaAtNorth.id]);
    expect(await ids(mia, { locationId: main.id })).toEqual([]);
    expect(await ids(mia, { staffId: kim.id })).toEqual([]);
    expect(await mia.call('appointment-get', { id: withKim.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(await ids(abe, { locationId: north.id })).toEqual([withAbe.id]);
    expect(await ids(abe, { staffId: 1 })).toEqual([]);
    for (const id of [withKim.id, adaAtNorth.id]) {
      const refusal = await abe.call('appointment-get', { id });
      expect(refusal).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That appointment was not found.' } });
      expect(await abe.call('appointment-cancel', { id, version: 1, reason: 'x' })).toEqual(refusal);
      expect(await abe.call('appointment-status', { id, version: 1, status: 'arrived' })).toEqual(refusal);
      expect(await abe.call('appointment-update', { id, version: 1, durationMinutes: 60 })).toEqual(refusal);
    }
    expect(await kim.call('appointment-get', { id: withAbe.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ids(kim, { staffId: kim.id })).toEqual([withKim.id]);
  });

  it('an Associate books, moves and cancels their own, not a colleague’s; a client outside their scope is not found; a Manager books for anyone', async () => {
    const { main, north, mia, abe, kim, ina, zed, withAbe } = await book3();
    const slot = { locationId: north.id, startAt: '2026-03-04T09:00:00Z', durationMinutes: 30, bookedThrough: 'in_store' } as const;
    const own = await book(abe, { ...slot, clientId: ina, staffId: abe.id });
    expect(own.createdBy).toEqual({ id: abe.id, name: 'Abe' });
    expect(await abe.call('appointment-create', { ...slot, clientId: ina, staffId: kim.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Associates cannot book appointments for other staff.' } });
    expect(await abe.call('appointment-create', { ...slot, clientId: zed, staffId: abe.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That client was not found.' } });
    expect(await abe.call('appointment-update', { id: own.id, version: own.version, staffId: kim.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const moved = await abe.ok('appointment-update', { id: own.id, version: own.version, startAt: '2026-03-04T10:00:00Z' });
    await abe.ok('appointment-cancel', { id: moved.id, version: moved.version, reason: 'Client asked' });
    // Mia, a Manager at North, books Ina with Kim at Main and moves Abe's appointment.
    const forKim = await book(mia, { ...slot, locationId: main.id, clientId: ina, staffId: kim.id });
    expect(forKim.staff.id).toBe(kim.id);
    expect((await mia.ok('appointment-update', { id: withAbe.id, version: withAbe.version, durationMinutes: 45 })).durationMinutes).toBe(45);
    expect(await abe.call('appointment-suggest-staff', { clientId: zed })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await abe.call('appointment-client-list', { clientId: zed, when: 'upcoming' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a custom role has exactly what is ticked, and its hidden client fields stay hidden on appointments', async () => {
    const { app, admin, north, withAbe, adaAtNorth } = await book3();
    const role = await admin.ok('role-create', { name: 'Front desk', baseRole: 'associate', permissions: ['session.use', 'client.view', 'appointment.view'], visibility: 'locations', hiddenFields: ['contact', 'notes'] });
    const fay = await admin.ok('staff-create', { name: 'Fay', username: 'fay', role: 'associate', customRoleId: role.id, password: 'a long enough password', locationIds: [north.id] });
    const desk = connect(app);
    await desk.ok('session-login', { username: 'fay', password: 'a long enough password' });
    const seen = (await desk.ok('appointment-range', { by: { locationId: north.id }, from: '2026-03-02', days: 7 })).items;
    expect(seen.map((i) => i.id)).toEqual([withAbe.id, adaAtNorth.id]);
    for (const a of seen) expect(a).toMatchObject({ client: { email: null, phone: null }, notes: null });
    expect((await admin.ok('appointment-get', { id: withAbe.id })).client.email).toBe('ina@example.com');
    expect(await desk.call('appointment-create', { clientId: seen[0]!.client.id, staffId: fay.id, locationId: north.id, startAt: '2026-03-05T09:00:00Z', durationMinutes: 30, bookedThrough: 'phone' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'The Front desk role cannot book, move and cancel their own appointments.' },
    });
    expect(await desk.call('service-create', { name: 'Alterations', defaultDurationMinutes: 30 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lists a client’s upcoming and past appointments, paged', async () => {
    const clock = testClock('2026-03-10T12:00:00.000Z');
    const { admin, main, client } = await shop({ now: clock.now });
    const ana = await client(admin, 'Ana');
    const at = (startAt: string) => book(admin, { clientId: ana, staffId: 1, locationId: main.id, startAt, durationMinutes: 30, bookedThrough: 'in_store', overrideReason: 'test' });
    const past1 = await at('2026-03-01T09:00:00Z');
    const past2 = await at('2026-03-09T09:00:00Z');
    const next1 = await at('2026-03-11T09:00:00Z');
    const next2 = await at('2026-03-12T09:00:00Z');
    const next3 = await at('2026-03-13T09:00:00Z');
    const page1 = await admin.ok('appointment-client-list', { clientId: ana, when: 'upcoming', limit: 2 });
    expect(page1.items.map((i) => i.id)).toEqual([next1.id, next2.id]);
    const page2 = await admin.ok('appointment-client-list', { clientId: ana, when: 'upcoming', limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [{ id: next3.id }], nextCursor: null });
    expect((await admin.ok('appointment-client-list', { clientId: ana, when: 'past' })).items.map((i) => i.id)).toEqual([past2.id, past1.id]);
  });
});

describe('appointments and the client’s record', () => {
  it('move to the survivor of a merge, and lose their notes and reasons (and their audit payloads) when the client is erased', async () => {
    const { app, admin, main, client } = await shop();
    const [ana, dup] = [await client(admin, 'Ana'), await client(admin, 'Anna')];
    const slot = { staffId: 1, locationId: main.id, durationMinutes: 30, bookedThrough: 'phone', notes: 'Allergic to wool' } as const;
    const a = await book(admin, { ...slot, clientId: dup, startAt: '2026-03-03T09:00:00Z' });
    const v = async (id: number) => (await admin.ok('client-get', { id })).version;
    await admin.ok('client-merge', { survivorId: ana, survivorVersion: await v(ana), mergedId: dup, mergedVersion: await v(dup) });
    expect((await admin.ok('appointment-get', { id: a.id })).client.id).toBe(ana);
    expect((await admin.ok('appointment-client-list', { clientId: ana, when: 'upcoming' })).items.map((i) => i.id)).toEqual([a.id]);

    const b = await book(admin, { ...slot, clientId: ana, startAt: '2026-03-04T09:00:00Z' });
    await admin.ok('appointment-cancel', { id: b.id, version: b.version, reason: 'Ana is in hospital' });
    await admin.ok('client-delete', { id: ana, version: await v(ana) });
    await admin.ok('client-purge', { id: ana, confirm: 'ERASE' });
    const rows = app.services.sqlite.prepare('SELECT notes, cancel_reason, status, start_at FROM appointments ORDER BY id').all();
    expect(rows).toEqual([
      { notes: null, cancel_reason: null, status: 'booked', start_at: '2026-03-03T09:00:00.000Z' },
      { notes: null, cancel_reason: null, status: 'cancelled', start_at: '2026-03-04T09:00:00.000Z' },
    ]);
    const audit = JSON.stringify(app.services.sqlite.prepare("SELECT before, after FROM audit_log WHERE entity = 'appointment'").all());
    expect(audit).not.toMatch(/wool|hospital/);
  });
});

describe('staff with appointments', () => {
  it('cannot be deleted (their appointments would lose them): they are deactivated instead', async () => {
    const { admin, main, client } = await shop();
    const kim = await admin.ok('staff-create', { name: 'Kim', username: 'kim', role: 'associate', password: 'a long enough password' });
    await book(admin, { clientId: await client(admin, 'Ana'), staffId: kim.id, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 30, bookedThrough: 'phone' });
    expect(await admin.call('staff-delete', { id: kim.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Kim has history in the book and cannot be deleted. Deactivate the account instead.' } });
  });
});

describe('the views’ query plans', () => {
  it('read a week by staff member or by location as one key range of its index, in the index’s order, whatever the viewer’s reach', async () => {
    const { app, admin, main, north, person } = await shop();
    const abe = await person('abe', 'associate', [north.id]);
    const mia = await person('mia', 'manager', [north.id]);
    const { rangeQuery } = await import('../../src-main/db/queries/appointments.queries');
    const loader = app.services.loadActor;
    const plans: string[] = [];
    for (const who of [1, abe.id, mia.id]) {
      const actor = (await loader(who))!;
      for (const by of [{ staffId: abe.id }, { locationId: main.id }]) {
        const q = rangeQuery(app.services.db, actor, by, '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', false).compile();
        const plan = (app.services.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
        expect(plan[0], plan.join(' | ')).toMatch('staffId' in by ? /^SEARCH appointments USING INDEX appointments_staff_start \(staff_id=\? AND start_at>\? AND start_at<\?\)/ : /^SEARCH appointments USING INDEX appointments_location_start \(location_id=\? AND start_at>\? AND start_at<\?\)/);
        expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE|SCAN appointments/);
        plans.push(plan[0]!);
      }
    }
    expect(plans).toHaveLength(6);
    expect((await admin.ok('appointment-range', { by: { staffId: abe.id }, from: '2026-03-02', days: 7 })).items).toEqual([]);
  });
});

describe('the access-request export', () => {
  it('holds every appointment of the client, cancelled ones too, and the audit rows about them', async () => {
    const { admin, main, client } = await shop();
    const ana = await client(admin, 'Ana');
    const slot = { clientId: ana, staffId: 1, locationId: main.id, durationMinutes: 30, bookedThrough: 'phone', notes: 'Side door' } as const;
    const a = await book(admin, { ...slot, startAt: '2026-03-03T09:00:00Z' });
    const b = await book(admin, { ...slot, startAt: '2026-03-04T09:00:00Z' });
    await admin.ok('appointment-cancel', { id: b.id, version: b.version, reason: 'Travelling' });
    const { data } = await admin.ok('client-data-export', { id: ana });
    expect(data.appointments.map((x) => [x.id, x.status, x.notes, x.cancelReason])).toEqual([
      [a.id, 'booked', 'Side door', null],
      [b.id, 'cancelled', 'Side door', 'Travelling'],
    ]);
    expect(data.audit.filter((e) => e.entity === 'appointment').map((e) => [e.action, e.entityId])).toEqual([
      ['appointment.create', a.id],
      ['appointment.create', b.id],
      ['appointment.cancel', b.id],
    ]);
  });
});

describe('a completed appointment moved afterwards', () => {
  it('moves its visit with it: the new time, staff member and channel', async () => {
    const { admin, main, person, client } = await shop();
    const sam = await person('sam', 'associate', [main.id]);
    const kim = await person('kim', 'associate', [main.id]);
    const ana = await client(admin, 'Ana');
    const a = await book(admin, { clientId: ana, staffId: sam.id, locationId: main.id, startAt: '2026-03-03T09:00:00Z', durationMinutes: 30, bookedThrough: 'phone' });
    const done = await admin.ok('appointment-status', { id: a.id, version: a.version, status: 'completed' });
    await admin.ok('appointment-update', { id: a.id, version: done.version, staffId: kim.id, startAt: '2026-03-03T10:00:00Z', bookedThrough: 'walk_in' });
    expect((await admin.ok('client-activity', { clientId: ana })).items).toMatchObject([{ kind: 'booking', occurredAt: '2026-03-03T10:00:00.000Z', staff: { id: kim.id }, channel: 'Walk-in' }]);
    expect((await admin.ok('client-assignment', { clientId: ana })).additional.map((s) => s.id)).toEqual([kim.id]);
  });
});
