import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('client profile editing', () => {
  it('saves only the fields sent, bumps the version, and audits what changed', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Lea', lastName: 'Marchand', email: 'lea@example.com', phone: '(415) 555-0132' });
    const saved = await admin.ok('client-update', {
      id: c.id,
      version: c.version,
      phone: '020 7946 0018',
      phoneCountry: 'GB',
      birthday: '--02-29',
      address: { city: 'Lyon' },
      tags: ['VIP', 'Bridal'],
      consentSms: { granted: true, source: 'paper form' },
    });
    expect(saved).toMatchObject({
      firstName: 'Lea',
      email: 'lea@example.com',
      phone: '020 7946 0018',
      phoneE164: '+442079460018',
      birthday: '--02-29',
      address: { city: 'Lyon' },
      tags: ['Bridal', 'VIP'],
      consent: { sms: { granted: true, source: 'paper form' }, email: { granted: false } },
      version: c.version + 1,
    });
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: c.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.update', before: { city: null, phone: '(415) 555-0132' }, after: { city: 'Lyon', phone: '020 7946 0018' } });
    expect((audit.items[0]!.after as Record<string, unknown>).first_name).toBeUndefined();
    expect((await admin.ok('client-list', { query: '0018' })).items.map((x) => x.id)).toEqual([c.id]);
  });

  it('tells the second of two editors that the client changed since they opened it, and keeps the first save', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Ana' });
    await admin.ok('client-update', { id: c.id, version: c.version, lastName: 'First' });
    const second = await admin.call('client-update', { id: c.id, version: c.version, lastName: 'Second' });
    expect(second).toMatchObject({ ok: false, error: { code: 'STALE', message: expect.stringMatching(/changed by someone else since you opened it/) } });
    expect((await admin.ok('client-get', { id: c.id })).lastName).toBe('First');
  });

  it('refuses bad input naming the field, and saves nothing; keeps an unreadable phone flagged', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Kim', email: 'kim@example.com' });
    const other = await admin.ok('client-create', { firstName: 'Lou', email: 'lou@example.com' });
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not an email' }, 'email'],
      [{ birthday: '2023-02-30' }, 'birthday'],
      [{ anniversary: '--13-01' }, 'anniversary'],
      [{ lastName: 'x'.repeat(81) }, 'lastName'],
      [{ address: { city: 'c'.repeat(101) } }, 'address.city'],
      [{ tags: ['t'.repeat(41)] }, 'tags.0'],
    ];
    for (const [change, field] of cases) {
      const r = await admin.call('client-update', { id: c.id, version: c.version, ...change });
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.error.details?.issues?.map((i) => i.field), field).toEqual([field]);
    }
    const clash = await admin.call('client-update', { id: c.id, version: c.version, email: 'LOU@example.com' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'DUPLICATE', details: { existingClientId: other.id } } });
    const flagged = await admin.ok('client-update', { id: c.id, version: c.version, phone: '12 ab' });
    expect(flagged).toMatchObject({ phone: '12 ab', phoneE164: null, email: 'kim@example.com', version: c.version + 1 });
  });

  it('lets an Associate edit only clients in their scope; others are not found', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const mine = await sam.ok('client-create', { firstName: 'Mine' });
    const notMine = await admin.ok('client-create', { firstName: 'Theirs' });
    await sam.ok('client-update', { id: mine.id, version: mine.version, notes: 'Prefers mornings' });
    expect(await sam.call('client-update', { id: notMine.id, version: notMine.version, notes: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('client-interaction-add', { clientId: notMine.id, kind: 'note', body: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('client activity', () => {
  it('records bookings, sales and notes by hand, newest first, with who and through what; status follows', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const c = await sam.ok('client-create', { firstName: 'Eve' });
    await sam.ok('client-interaction-add', { clientId: c.id, kind: 'note', body: 'Looking for a gift', occurredAt: '2026-01-01T10:00:00Z' });
    expect((await sam.ok('client-get', { id: c.id })).status).toBe('guest');
    await sam.ok('client-interaction-add', { clientId: c.id, kind: 'booking', channel: 'Phone', occurredAt: '2026-01-02T10:00:00Z' });
    await sam.ok('client-interaction-add', { clientId: c.id, kind: 'sale', amountCents: 12_500, occurredAt: '2026-01-03T10:00:00+01:00' });
    expect(await sam.ok('client-get', { id: c.id })).toMatchObject({ status: 'existing', totalSpendCents: 12_500, lastVisitAt: '2026-01-03T09:00:00.000Z' });
    const first = await sam.ok('client-activity', { clientId: c.id, limit: 2 });
    expect(first.items.map((i) => i.kind)).toEqual(['sale', 'booking']);
    expect(first.items[1]).toMatchObject({ staff: { id: sam.id, name: 'Sam Seller' }, addedBy: { id: sam.id, name: 'Sam Seller' }, channel: 'Phone', locationName: 'Main store' });
    const rest = await sam.ok('client-activity', { clientId: c.id, limit: 2, cursor: first.nextCursor });
    expect(rest).toMatchObject({ items: [{ kind: 'note', body: 'Looking for a gift', channel: 'In store' }], nextCursor: null });
    expect(await sam.call('client-interaction-add', { clientId: c.id, kind: 'sale' })).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'amountCents' }] } } });
  });
});
