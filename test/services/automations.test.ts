import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src-main/app';
import { setUpShop, startApp, staffSession, tempDir, testClock, type TestClient } from '../helpers/app';

// Tests run the life-event day in UTC so the calendar is the same on every machine.
const TZ = 'UTC';

async function shop(today = '2027-03-07') {
  const clock = testClock(`${today}T10:00:00.000Z`);
  const app = await startApp({ now: clock.now, timeZone: TZ });
  const admin = await setUpShop(app);
  const types = await admin.ok('relationship-type-list', {});
  const type = (name: string) => types.find((t) => t.name === name)!;
  return { app, admin, clock, type };
}

const run = (app: App, day: string) => app.services.scheduler.runDay(day);

async function outbox(who: TestClient) {
  return who.ok('outbox-list', { include: 'all' });
}

describe('life-event automations', () => {
  it('the seed’s example: a week before Jane’s birthday, her husband Tom gets a birthday message, routed to his associate', async () => {
    const { app, admin, type } = await shop();
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const jane = await admin.ok('client-create', { firstName: 'Jane', lastName: 'Doe', birthday: '1985-03-14' });
    const tom = await sam.ok('client-create', { firstName: 'Tom', lastName: 'Doe', email: 'tom@example.com', consentEmail: { granted: true, source: 'in store' } });
    await admin.ok('relationship-create', { clientId: jane.id, otherClientId: tom.id, typeId: type('Spouse').id, side: 'name' });
    await admin.ok('automation-create', {
      name: 'Spouse gift reminder',
      event: 'birthday',
      daysBefore: 7,
      recipient: 'related',
      relationshipTypeId: type('Spouse').id,
      relationshipSide: 'name',
      channel: 'email',
      template: 'Hi {{recipient.first_name}}, {{client.first_name}}’s birthday is in {{days}} days. — {{shop.name}}',
    });

    expect(await run(app, '2027-03-06')).toEqual({ created: 0, skipped: 0 });
    expect(await run(app, '2027-03-07')).toEqual({ created: 1, skipped: 0 });
    const [item] = await outbox(sam);
    expect(item).toMatchObject({
      recipient: { id: tom.id, name: 'Tom Doe', email: 'tom@example.com' },
      client: { id: jane.id, name: 'Jane Doe' },
      staff: { name: 'Sam Seller' },
      eventDate: '2027-03-14',
      dueDate: '2027-03-07',
      rendered: 'Hi Tom, Jane’s birthday is in 7 days. — Maison Test',
      reason: "Jane Doe's birthday on 2027-03-14 (in 7 days); Tom Doe is the Spouse of Jane Doe",
      status: 'due',
    });
    // Once per rule, client and year: running the day again adds nothing.
    expect(await run(app, '2027-03-07')).toEqual({ created: 0, skipped: 0 });
    expect(await outbox(sam)).toHaveLength(1);
    expect(await outbox(admin)).toHaveLength(0); // routed to Sam, not to the Admin
  });

  it('skips a recipient who has not opted in, and records why', async () => {
    const { app, admin } = await shop();
    await admin.ok('client-create', { firstName: 'Noa', birthday: '1990-03-07', email: 'noa@example.com' });
    await admin.ok('automation-create', { name: 'Birthday', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'email', template: 'Happy birthday {{recipient.first_name}}!' });
    expect(await run(app, '2027-03-07')).toEqual({ created: 0, skipped: 1 });
    const [item] = await outbox(admin);
    expect(item).toMatchObject({ status: 'skipped', skipReason: 'Has not agreed to email messages' });
    expect((await admin.ok('outbox-list', {})).length).toBe(0); // not in Today's open list
  });

  it('a reverse-typed link: a rule for the Child reaches Marc’s daughter on his birthday', async () => {
    const { app, admin, type } = await shop();
    const marc = await admin.ok('client-create', { firstName: 'Marc', birthday: '1960-03-10' });
    const lea = await admin.ok('client-create', { firstName: 'Lea', phone: '+1 415 555 0100' });
    await admin.ok('relationship-create', { clientId: marc.id, otherClientId: lea.id, typeId: type('Parent').id, side: 'reverse' });
    await admin.ok('automation-create', {
      name: 'Call the children',
      event: 'birthday',
      daysBefore: 3,
      recipient: 'related',
      relationshipTypeId: type('Parent').id,
      relationshipSide: 'reverse',
      channel: 'call',
      template: 'Call {{recipient.first_name}}: her {{relationship}}’s… no, her father {{client.first_name}} turns a year older in {{days}} days.',
    });
    expect(await run(app, '2027-03-07')).toEqual({ created: 1, skipped: 0 });
    const [item] = await outbox(admin);
    expect(item).toMatchObject({ recipient: { name: 'Lea' }, channel: 'call', reason: "Marc's birthday on 2027-03-10 (in 3 days); Lea is the Child of Marc" });
  });

  it('a leap-day birthday falls on 28 February in other years; deleted recipients get nothing', async () => {
    const { app, admin } = await shop();
    await admin.ok('client-create', { firstName: 'Leap', birthday: '2000-02-29', phone: '+1 415 555 0101' });
    await admin.ok('automation-create', { name: 'Call', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'call', template: 'Call {{recipient.first_name}}' });
    expect(await run(app, '2027-02-28')).toEqual({ created: 1, skipped: 0 });
    expect(await run(app, '2028-02-28')).toEqual({ created: 0, skipped: 0 });
    expect(await run(app, '2028-02-29')).toEqual({ created: 1, skipped: 0 });
    await app.services.db.updateTable('clients').set({ deleted_at: new Date().toISOString() }).execute();
    expect(await run(app, '2029-02-28')).toEqual({ created: 0, skipped: 0 });
  });

  it('refuses a template with an unknown placeholder, naming it', async () => {
    const { admin } = await shop();
    const bad = await admin.call('automation-create', { name: 'X', event: 'birthday', daysBefore: 1, recipient: 'client', channel: 'sms', template: 'Hi {{recipient.nickname}}' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'template: Unknown placeholder {{recipient.nickname}}', details: { issues: [{ field: 'template' }] } } });
    expect(await admin.ok('automation-list', {})).toEqual([]);
  });

  it('disables a rule whose relationship type is deleted, with a visible reason, and stops sending', async () => {
    const { app, admin } = await shop();
    const cousin = await admin.ok('relationship-type-create', { name: 'Cousin', reverseName: 'Cousin' });
    const rule = await admin.ok('automation-create', {
      name: 'Cousins',
      event: 'birthday',
      daysBefore: 0,
      recipient: 'related',
      relationshipTypeId: cousin.id,
      relationshipSide: 'name',
      channel: 'call',
      template: 'Call',
    });
    await admin.ok('relationship-type-delete', { id: cousin.id });
    const [after] = await admin.ok('automation-list', {});
    expect(after).toMatchObject({ id: rule.id, active: false, relationshipTypeId: null, disabledReason: 'Its relationship type "Cousin" was deleted' });
    expect(await admin.call('automation-update', { id: rule.id, active: true })).toMatchObject({ ok: false });
    expect(await run(app, '2027-03-07')).toEqual({ created: 0, skipped: 0 });
  });

  it('lets the recipient’s associate mark done, snooze and skip; exports open messages spreadsheet-safe', async () => {
    const { app, admin, clock } = await shop();
    await admin.ok('settings-update', { idleLockMinutes: 0 }); // the test moves the clock by days
    await admin.ok('client-create', { firstName: '=Evil', phone: '+1 415 555 0102', birthday: '1990-03-07', consentSms: { granted: true, source: null } });
    await admin.ok('client-create', { firstName: 'Bea', phone: '+1 415 555 0103', birthday: '1991-03-07', consentSms: { granted: true, source: null } });
    await admin.ok('automation-create', { name: 'Text', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'sms', template: 'Happy birthday {{recipient.first_name}}' });
    await admin.ok('automation-run', {});
    const items = await admin.ok('outbox-list', {});
    expect(items).toHaveLength(2);
    const csv = (await admin.ok('outbox-export', {})).csv;
    expect(csv).toContain("'=Evil");
    expect(csv).not.toMatch(/(^|,)=Evil/m);
    await admin.ok('outbox-update', { id: items[0]!.id, status: 'sent' });
    await admin.ok('outbox-update', { id: items[1]!.id, status: 'snoozed', snoozedUntil: '2027-03-09' });
    expect(await admin.ok('outbox-list', {})).toEqual([]);
    clock.advanceMinutes(2 * 24 * 60);
    expect((await admin.ok('outbox-list', {})).map((i) => i.status)).toEqual(['snoozed']);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('outbox-update', { id: items[1]!.id, status: 'done' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('outbox-list', { scope: 'everyone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the run at start finishes before the book closes, so closing straight after opening loses nothing', async () => {
    const dataDir = tempDir();
    const clock = testClock('2027-03-07T10:00:00.000Z');
    const first = await startApp({ dataDir, now: clock.now, timeZone: TZ });
    const admin = await setUpShop(first);
    await admin.ok('client-create', { firstName: 'Jane', lastName: 'Doe', birthday: '1985-03-07', phone: '+1 212 555 0100' });
    await admin.ok('automation-create', { name: 'Call on the day', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'call', template: 'Call {{client.first_name}}' });
    await first.close();

    // Opening starts the day's run; closing at once must wait for it rather than close the connection under it.
    const second = await createApp({ dataDir, now: clock.now, timeZone: TZ, dailyBackups: false });
    await second.close();

    const third = await createApp({ dataDir, now: clock.now, timeZone: TZ, dailyBackups: false, lifeEvents: false });
    try {
      const rows = await third.services.db.selectFrom('outbox').select(['rendered', 'due_date']).execute();
      expect(rows).toEqual([{ rendered: 'Call Jane', due_date: '2027-03-07' }]);
    } finally {
      await third.close();
    }
  });
});
