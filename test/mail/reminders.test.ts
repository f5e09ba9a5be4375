/**
 * Appointment reminders through a real SMTP server on loopback: the day before a booked
 * appointment (the shop's local day) a client who agreed to email gets one email, sent once;
 * cancelling withdraws a reminder not yet sent, restoring brings it back, moving re-times it;
 * a client without consent or address becomes a task in Today for the appointment's staff
 * member saying why; the Admin's template with its placeholders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Appointment, Input } from '../../src-preload/contract';
import { staffSession, type TestClient } from '../helpers/app';
import { closeShop, mailShop, type MailShop } from './helpers';

const shops: MailShop[] = [];
afterEach(async () => {
  while (shops.length) await closeShop(shops.pop()!);
});

// The test day is Sunday 7 March 2027, 08:00 UTC (09:00 in Paris).
async function shop() {
  const s = await mailShop();
  shops.push(s);
  await s.admin.ok('settings-update', { timeZone: 'Europe/Paris' });
  const main = (await s.admin.ok('location-list', {})).find((l) => l.isDefault)!;
  const fitting = await s.admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });
  const book = (who: TestClient, input: Omit<Input<'appointment-create'>, 'locationId' | 'bookedThrough'>) =>
    who.ok('appointment-create', { locationId: main.id, bookedThrough: 'phone', serviceId: fitting.id, ...input });
  const reminders = (clientId: number) => s.admin.ok('message-list', { clientId }).then((m) => m.filter((x) => x.kind === 'reminder'));
  const nextDay = async () => {
    s.clock.advanceMinutes(24 * 60);
    return s.app.services.reminders.runDue();
  };
  return { ...s, main, fitting, book, reminders, nextDay };
}

const move = (who: TestClient, a: Appointment, startAt: string) => who.ok('appointment-update', { id: a.id, version: a.version, startAt });

describe('appointment reminders', () => {
  it('email a consenting client the day before, once, with the template’s placeholders filled in the shop’s zone', async () => {
    const s = await shop();
    const zoe = await s.client('Zoë', 'Ångström');
    // Tomorrow, 10:00 in Paris: its reminder is due today, so booking it queues it.
    const a = await s.book(s.admin, { clientId: zoe, staffId: 1, startAt: '2027-03-08T10:00:00+01:00' });
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received).toHaveLength(1);
    const m = s.smtp.received[0]!;
    expect(m.to).toEqual(['zoe.angstrom@example.test']);
    expect(m.headers.get('subject')).toBe('Reminder: your appointment on Monday, March 8, 2027 at 10:00 AM');
    expect(m.text).toContain('Hello Zoë,');
    expect(m.text).toContain('This is a reminder of your appointment at Maison Test on Monday, March 8, 2027 at 10:00 AM with Ada Admin (Main store).');
    // Not marketing: no unsubscribe header.
    expect(m.headers.get('list-unsubscribe')).toBeUndefined();

    const [sent] = await s.reminders(zoe);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, subject: 'Reminder: your appointment on Monday, March 8, 2027 at 10:00 AM' });
    const activity = await s.admin.ok('client-activity', { clientId: zoe, limit: 20 });
    expect(activity.items).toContainEqual(expect.objectContaining({ kind: 'message', channel: 'Email (appointment reminder)', body: `${sent!.subject}: sent` }));
    const audit = await s.admin.ok('audit-list', { entityId: zoe, limit: 50 });
    expect(audit.items.map((r) => r.action)).toEqual(expect.arrayContaining(['reminder.email', 'message.sent']));

    // The daily run, again and again, and a second sender: nothing goes twice.
    expect(await s.app.services.reminders.runDue()).toBe(0);
    await s.app.services.scheduler.runDue();
    expect(await s.drain()).toBe(0);
    // A change that is not a move (notes) leaves the sent reminder alone.
    await s.admin.ok('appointment-update', { id: a.id, version: a.version, notes: 'Bring the dress' });
    expect(await s.drain()).toBe(0);
    expect(s.smtp.received).toHaveLength(1);
    expect(await s.reminders(zoe)).toHaveLength(1);
  });

  it('wait for the day before: an appointment in three days is reminded by the daily run two days later', async () => {
    const s = await shop();
    const ivo = await s.client('Ivo', 'Later');
    await s.book(s.admin, { clientId: ivo, staffId: 1, startAt: '2027-03-10T14:30:00+01:00' });
    expect(await s.app.services.reminders.runDue()).toBe(0);
    expect(await s.drain()).toBe(0);
    expect(await s.nextDay()).toBe(0);
    // Tuesday 9 March: the day before.
    expect(await s.nextDay()).toBe(1);
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received[0]!.headers.get('subject')).toBe('Reminder: your appointment on Wednesday, March 10, 2027 at 2:30 PM');
  });

  it('are not sent after a cancel, come back with a restore, and stay sent once they went', async () => {
    const s = await shop();
    const ana = await s.client('Ana', 'Cancel');
    const a = await s.book(s.admin, { clientId: ana, staffId: 1, startAt: '2027-03-08T11:00:00+01:00' });
    const cancelled = await s.admin.ok('appointment-cancel', { id: a.id, version: a.version, reason: 'Client called' });
    expect(await s.drain()).toBe(0);
    expect(s.smtp.received).toHaveLength(0);
    expect(await s.reminders(ana)).toEqual([expect.objectContaining({ status: 'cancelled', reason: 'Not sent: The appointment was cancelled' })]);
    const [item] = (await s.admin.ok('outbox-list', { scope: 'everyone', include: 'all' })).filter((i) => i.client.id === ana);
    expect(item).toMatchObject({ ruleName: 'Appointment reminder', status: 'skipped', skipReason: 'The appointment was cancelled' });
    expect((await s.admin.ok('audit-list', { action: 'reminder.cancel', entityId: ana })).items).toHaveLength(1);

    // Restored: the same reminder is queued again, and goes once.
    const restored = await s.admin.ok('appointment-restore', { id: a.id, version: cancelled.version });
    expect(await s.drain()).toBe(1);
    expect(await s.reminders(ana)).toEqual([expect.objectContaining({ status: 'sent' })]);
    // Cancelled after it went: it stays sent (at most once, and it cannot be unsent).
    await s.admin.ok('appointment-cancel', { id: a.id, version: restored.version, reason: 'Ill' });
    expect(await s.reminders(ana)).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(s.smtp.received).toHaveLength(1);
  });

  it('are re-timed when the appointment moves: a new time the same day, or a later day reminded on its own day before', async () => {
    const s = await shop();
    const ben = await s.client('Ben', 'Moved');
    const a = await s.book(s.admin, { clientId: ben, staffId: 1, startAt: '2027-03-08T10:00:00+01:00' });
    // Moved to 15:00 before it went: the 10:00 reminder is withdrawn and a 15:00 one queued.
    const later = await move(s.admin, a, '2027-03-08T15:00:00+01:00');
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received).toHaveLength(1);
    expect(s.smtp.received[0]!.text).toContain('at 3:00 PM');
    expect((await s.reminders(ben)).map((m) => [m.status, m.reason])).toEqual([
      ['sent', null],
      ['cancelled', 'Not sent: The appointment moved'],
    ]);

    // Moved to Thursday after that went: nothing now, then the new day before (Wednesday) reminds of the new time.
    await move(s.admin, later, '2027-03-11T09:30:00+01:00');
    expect(await s.drain()).toBe(0);
    expect(await s.nextDay()).toBe(0);
    expect(await s.nextDay()).toBe(0);
    expect(await s.nextDay()).toBe(1);
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received[1]!.headers.get('subject')).toBe('Reminder: your appointment on Thursday, March 11, 2027 at 9:30 AM');

    // A queued reminder moved to a later day is withdrawn and nothing is queued until that day before.
    const cal = await s.client('Cal', 'Moved');
    const b = await s.book(s.admin, { clientId: cal, staffId: 1, startAt: '2027-03-11T16:00:00+01:00' });
    expect((await s.reminders(cal)).map((m) => m.status)).toEqual(['queued']);
    await move(s.admin, b, '2027-03-13T16:00:00+01:00');
    expect((await s.reminders(cal)).map((m) => m.status)).toEqual(['cancelled']);
    expect(await s.drain()).toBe(0);
  });

  it('become a task in Today for the appointment’s staff member when the client has not agreed to email or has no address', async () => {
    const s = await shop();
    const sam = await staffSession(s.app, s.admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    await s.admin.ok('staff-update', { id: sam.id, locationIds: [s.main.id] });
    const other = await staffSession(s.app, s.admin, { name: 'Otto Other', username: 'otto', role: 'associate' });
    await s.admin.ok('staff-update', { id: other.id, locationIds: [s.main.id] });
    const noConsent = (await sam.ok('client-create', { firstName: 'Nora', lastName: 'Noconsent', email: 'nora@example.test' })).id;
    const noAddress = (await sam.ok('client-create', { firstName: 'Noah', lastName: 'Noaddress', consentEmail: { granted: true, source: 'in store' } })).id;
    // The Associate books his own appointments.
    await s.book(sam, { clientId: noConsent, staffId: sam.id, startAt: '2027-03-08T10:00:00+01:00' });
    await s.book(sam, { clientId: noAddress, staffId: sam.id, startAt: '2027-03-08T11:00:00+01:00' });
    expect(await s.drain()).toBe(0);
    expect(s.smtp.received).toHaveLength(0);

    const today = await sam.ok('outbox-list', { scope: 'mine', include: 'open' });
    expect(today.map((i) => [i.ruleName, i.recipient.name, i.skipReason, i.status, i.staff?.name])).toEqual([
      ['Appointment reminder', 'Noah Noaddress', 'Not emailed: No email address', 'due', 'Sam Seller'],
      ['Appointment reminder', 'Nora Noconsent', 'Not emailed: Has not agreed to email messages', 'due', 'Sam Seller'],
    ]);
    expect(today[1]!.reason).toBe('Appointment with Sam Seller on 2027-03-08 at 10:00, Main store (Fitting)');
    expect(today[1]!.rendered).toContain('Hello Nora,');
    // Nobody else's Today holds them.
    expect(await other.ok('outbox-list', { scope: 'mine', include: 'open' })).toEqual([]);
    // Given to Otto, Nora's reminder task goes to Otto's Today.
    const nora = (await s.admin.ok('appointment-client-list', { clientId: noConsent, when: 'upcoming', limit: 5 })).items[0]!;
    await s.admin.ok('appointment-update', { id: nora.id, version: nora.version, staffId: other.id });
    expect((await other.ok('outbox-list', { scope: 'mine', include: 'open' })).map((i) => i.recipient.name)).toEqual(['Nora Noconsent']);
    expect((await sam.ok('outbox-list', { scope: 'mine', include: 'open' })).map((i) => i.recipient.name)).toEqual(['Noah Noaddress']);
    await s.admin.ok('appointment-update', { id: nora.id, version: nora.version + 1, staffId: sam.id });
    // Done by hand, it stays done when the daily run comes again.
    await sam.ok('outbox-update', { id: today[1]!.id, status: 'done' });
    expect(await s.app.services.reminders.runDue()).toBe(0);
    expect((await sam.ok('outbox-list', { scope: 'mine', include: 'open' })).map((i) => i.recipient.name)).toEqual(['Noah Noaddress']);
  });

  it('use the Admin’s template; an unknown placeholder is refused, and only Admins change it', async () => {
    const s = await shop();
    const mia = await staffSession(s.app, s.admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
    const template = 'Dear {{client.first_name}} {{client.last_name}}: {{service.name}} with {{staff.name}} at {{location.name}}, {{appointment.date}} {{appointment.time}}. {{shop.name}}';
    expect(await s.admin.call('settings-update', { reminderTemplate: 'Hi {{client.nickname}}' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('{{client.nickname}}') } });
    expect(await mia.call('settings-update', { reminderTemplate: template })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const saved = await s.admin.ok('settings-update', { reminderTemplate: template });
    expect(saved).toMatchObject({ reminderTemplate: template, reminderTemplateIsDefault: false });
    const eve = await s.client('Eve', 'Template');
    await s.book(s.admin, { clientId: eve, staffId: 1, startAt: '2027-03-08T17:15:00+01:00' });
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received[0]!.text).toContain('Dear Eve Template: Fitting with Ada Admin at Main store, Monday, March 8, 2027 5:15 PM. Maison Test');
    expect(await s.admin.ok('settings-update', { reminderTemplate: null })).toMatchObject({ reminderTemplateIsDefault: true, reminderTemplate: expect.stringContaining('{{client.first_name}}') });
  });

  it('as a Manager tied to one location and a narrowed custom role: their own bookings reminded and re-timed, tasks only in their reach, hidden contact details left out', async () => {
    const s = await shop();
    const north = await s.admin.ok('location-create', { name: 'North' });
    const mia = await staffSession(s.app, s.admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
    await s.admin.ok('staff-update', { id: mia.id, locationIds: [north.id] });
    const role = await s.admin.ok('role-create', { name: 'Desk', baseRole: 'associate', permissions: ['session.use', 'client.view', 'client.create', 'appointment.view', 'appointment.book'], visibility: 'locations', hiddenFields: ['contact'] });
    const nell = await staffSession(s.app, s.admin, { name: 'Nell Narrow', username: 'nell', role: 'associate' });
    await s.admin.ok('staff-update', { id: nell.id, locationIds: [north.id], customRoleId: role.id });
    await mia.ok('session-location-set', { locationId: north.id });
    await nell.ok('session-location-set', { locationId: north.id });

    // The Manager books and moves her own client at North: one email, at the new time.
    const cyd = (await mia.ok('client-create', { firstName: 'Cyd', lastName: 'North', email: 'cyd@example.test', consentEmail: { granted: true, source: 'in store' } })).id;
    const a = await mia.ok('appointment-create', { clientId: cyd, staffId: mia.id, locationId: north.id, startAt: '2027-03-08T10:00:00+01:00', durationMinutes: 30, bookedThrough: 'phone' });
    await move(mia, a, '2027-03-08T14:00:00+01:00');
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received[0]!.headers.get('subject')).toBe('Reminder: your appointment on Monday, March 8, 2027 at 2:00 PM');

    // A client at Main, outside both: the Admin's task, in nobody else's list.
    const zed = (await s.admin.ok('client-create', { firstName: 'Zed', lastName: 'Main' })).id;
    await s.book(s.admin, { clientId: zed, staffId: 1, startAt: '2027-03-08T12:00:00+01:00' });
    expect((await s.admin.ok('outbox-list', { scope: 'mine', include: 'open' })).map((i) => i.recipient.name)).toEqual(['Zed Main']);
    // The Manager's view of everyone's: Cyd's sent reminder and the withdrawn 10:00 one, nothing of Main's.
    expect((await mia.ok('outbox-list', { scope: 'everyone', include: 'all' })).map((i) => [i.recipient.name, i.status])).toEqual([
      ['Cyd North', 'sent'],
      ['Cyd North', 'skipped'],
    ]);

    // The narrowed role books its own: the task is in its Today, without the contact details it may not see.
    const dee = (await mia.ok('client-create', { firstName: 'Dee', lastName: 'Desk', email: 'dee@example.test' })).id;
    await nell.ok('appointment-create', { clientId: dee, staffId: nell.id, locationId: north.id, startAt: '2027-03-08T09:00:00+01:00', durationMinutes: 30, bookedThrough: 'walk_in' });
    const [task] = await nell.ok('outbox-list', { scope: 'mine', include: 'open' });
    expect(task).toMatchObject({ ruleName: 'Appointment reminder', recipient: { name: 'Dee Desk', email: null, phone: null }, skipReason: 'Not emailed: Has not agreed to email messages' });
    expect(JSON.stringify(await nell.ok('outbox-list', { scope: 'mine', include: 'all' }))).not.toContain('dee@example.test');
    expect(await nell.call('settings-update', { reminderTemplate: 'Hi {{client.first_name}}' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await nell.call('outbox-list', { scope: 'everyone', include: 'open' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
