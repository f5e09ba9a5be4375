/**
 * The appointment book (issue 18), through the router on a real book: booking and the day
 * and week views, payloads refused by the contract, moves with versions, warnings and their
 * override, cancel and restore, status effects, routing, and each role's reach.
 */
import { describe, expect, it } from 'vitest';
import type { Input } from '../../src-preload/contract';
import { setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';

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
