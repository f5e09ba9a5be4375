/**
 * Life-event emails through a real SMTP server on loopback: what the server receives
 * (headers, body, non-ASCII names, the unsubscribe header), each message's status, retries
 * of temporary refusals, permanent failures with the server's reason, the hourly limit, and
 * consent checked again when the message goes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHeader } from '../helpers/smtp';
import { closeShop, DAY, mailShop, type MailShop } from './helpers';

const shops: MailShop[] = [];
afterEach(async () => {
  while (shops.length) await closeShop(shops.pop()!);
});

async function shop(options: Parameters<typeof mailShop>[0] = {}) {
  const s = await mailShop(options);
  shops.push(s);
  await s.admin.ok('automation-create', { name: 'Birthday', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'email', template: 'Happy birthday {{recipient.first_name}}! See you soon at {{shop.name}}.' });
  return s;
}

const messages = (s: MailShop, clientId: number) => s.admin.ok('message-list', { clientId });

describe('life-event emails', () => {
  it('go out at their time: headers, body, encoded names and the unsubscribe header as the server received them', async () => {
    const s = await shop();
    const zoe = await s.client('Zoë', 'Ångström');
    expect(await s.app.services.scheduler.runDay(DAY)).toEqual({ created: 1, skipped: 0 });
    expect(await s.drain()).toBe(1);

    expect(s.smtp.received).toHaveLength(1);
    const m = s.smtp.received[0]!;
    expect(m.from).toBe('shop@maison.test');
    expect(m.to).toEqual(['zoe.angstrom@example.test']);
    // Non-ASCII names travel RFC 2047-encoded and decode to what was typed.
    expect(m.headers.get('to')).toMatch(/=\?UTF-8\?/i);
    expect(decodeHeader(m.headers.get('to')!)).toBe('Zoë Ångström <zoe.angstrom@example.test>');
    expect(decodeHeader(m.headers.get('from')!)).toBe('Maison Zoë <shop@maison.test>');
    expect(m.headers.get('reply-to')).toBe('hello@maison.test');
    expect(m.headers.get('subject')).toBe('A message from Maison Test');
    expect(m.headers.get('list-unsubscribe')).toBe('<mailto:hello@maison.test?subject=unsubscribe> (Unsubscribe)');
    expect(m.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@maison\.test>$/);
    expect(m.text).toContain('Happy birthday Zoë! See you soon at Maison Test.');
    expect(m.text).toContain('To stop receiving these emails from Maison Zoë, reply with "unsubscribe" or write to hello@maison.test.');

    const [sent] = await messages(s, zoe);
    expect(sent).toMatchObject({ kind: 'life-event', status: 'sent', attempts: 1, to: 'zoe.angstrom@example.test', serverAnswer: '250 2.0.0 Ok: queued as TEST1', reason: null });
    const [item] = await s.admin.ok('outbox-list', { scope: 'everyone', include: 'all' });
    expect(item).toMatchObject({ status: 'sent', channel: 'email' });
    const audit = await s.admin.ok('audit-list', { action: 'message', entityId: zoe });
    expect(audit.items.map((r) => r.action)).toEqual(['message.sent']);
    // The client's activity lists it among their interactions.
    const activity = await s.admin.ok('client-activity', { clientId: zoe, limit: 20 });
    expect(activity.items).toEqual([expect.objectContaining({ kind: 'message', channel: 'Email (life-event rule)', body: 'A message from Maison Test: sent', addedBy: null })]);
    // An access request carries the email too.
    const { data } = await s.admin.ok('client-data-export', { id: zoe });
    expect(data.emails).toEqual([expect.objectContaining({ kind: 'life-event', to: 'zoe.angstrom@example.test', status: 'sent', body: 'Happy birthday Zoë! See you soon at Maison Test.' })]);

    // The same day again, and a second sender: nothing goes twice.
    expect(await s.app.services.scheduler.runDay(DAY)).toEqual({ created: 0, skipped: 0 });
    expect(await s.drain()).toBe(0);
    expect(s.smtp.received).toHaveLength(1);
  });

  it('page through the client’s activity with the interactions, newest first', async () => {
    const s = await shop();
    const id = await s.client('Pat', 'Paged');
    await s.admin.ok('client-interaction-add', { clientId: id, kind: 'note', body: 'Before', occurredAt: '2027-03-07T07:00:00.000Z' });
    await s.app.services.scheduler.runDay(DAY);
    await s.admin.ok('campaign-start', { name: 'Later', audience: { ids: [id] }, subject: 'Second', body: 'Hello' });
    await s.admin.ok('client-interaction-add', { clientId: id, kind: 'note', body: 'Same instant', occurredAt: '2027-03-07T08:00:00.000Z' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof s.admin.ok<'client-activity'>>> = await s.admin.ok('client-activity', { clientId: id, limit: 1, cursor });
      seen.push(...page.items.map((i) => i.body ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Same instant', 'A message from Maison Test: queued', 'Second: queued', 'Before']);
  });

  it('stay a task that says why for a recipient without consent or without an address', async () => {
    const s = await shop();
    await s.client('Noa', 'Noconsent', { consentEmail: { granted: false, source: null } });
    await s.admin.ok('client-create', { firstName: 'Abe', lastName: 'Noaddress', birthday: '1990-03-07' });
    expect(await s.app.services.scheduler.runDay(DAY)).toEqual({ created: 2, skipped: 0 });
    expect(await s.drain()).toBe(0);
    const items = await s.admin.ok('outbox-list', { scope: 'everyone', include: 'open' });
    expect(items.map((i) => [i.recipient.name, i.status, i.skipReason]).sort()).toEqual([
      ['Abe Noaddress', 'due', 'Not emailed: No email address'],
      ['Noa Noconsent', 'due', 'Not emailed: Has not agreed to email messages'],
    ]);
    expect(s.smtp.received).toHaveLength(0);
  });

  it('retry a temporary refusal (4xx) with backoff, and send when it is due again', async () => {
    const s = await shop();
    const id = await s.client('Tia', 'Tempfail');
    await s.app.services.scheduler.runDay(DAY);
    s.smtp.answerNext([451, '4.3.0 Mailbox busy, try again later']);
    await s.drain();
    let [m] = await messages(s, id);
    expect(m).toMatchObject({ status: 'retrying', attempts: 1, reason: '451 4.3.0 Mailbox busy, try again later', nextAttemptAt: '2027-03-07T08:01:00.000Z' });
    // Not due yet: nothing goes.
    expect(await s.drain()).toBe(0);
    s.clock.advanceMinutes(2);
    expect(await s.drain()).toBe(1);
    [m] = await messages(s, id);
    expect(m).toMatchObject({ status: 'sent', attempts: 2, reason: null });
    expect(s.smtp.received).toHaveLength(1);
  });

  it('fail a permanent refusal (5xx) with the server’s reason; retried by hand, it goes', async () => {
    const s = await shop();
    const id = await s.client('Pia', 'Permfail');
    await s.app.services.scheduler.runDay(DAY);
    s.smtp.answerNext([550, '5.1.1 Mailbox unavailable']);
    await s.drain();
    const [failed] = await messages(s, id);
    expect(failed).toMatchObject({ status: 'failed', reason: '550 5.1.1 Mailbox unavailable' });
    expect(await s.drain()).toBe(0);
    expect((await s.admin.ok('message-retry', { id: failed!.id })).status).toBe('queued');
    expect(await s.drain()).toBe(1);
    expect((await messages(s, id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const audit = await s.admin.ok('audit-list', { action: 'message', entityId: id });
    expect(audit.items.map((r) => r.action)).toEqual(['message.sent', 'message.retry', 'message.failed']);
  });

  it('keep retrying while the password is wrong, saying what the server answered', async () => {
    const s = await shop({ password: 'wrong' });
    const id = await s.client('Wes', 'Wrongpass');
    await s.app.services.scheduler.runDay(DAY);
    await s.drain();
    const [m] = await messages(s, id);
    expect(m!.status).toBe('retrying');
    expect(m!.reason).toContain('535 5.7.8 Error: authentication failed');
    expect(s.smtp.received).toHaveLength(0);
  });

  it('keep retrying while the server is down', async () => {
    const s = await shop();
    const id = await s.client('Dot', 'Down');
    await s.app.services.scheduler.runDay(DAY);
    await s.smtp.close();
    await s.drain();
    const [m] = await messages(s, id);
    expect(m!.status).toBe('retrying');
    expect(m!.reason).toMatch(/could not be reached.*ECONNREFUSED/);
  });

  it('respect the hourly limit, and go on in the next hour', async () => {
    const s = await shop({ hourlyLimit: 2 });
    for (const name of ['Ann', 'Ben', 'Cal']) await s.client(name, 'Limited');
    await s.app.services.scheduler.runDay(DAY);
    expect(await s.drain()).toBe(2);
    expect(await s.drain()).toBe(0);
    s.clock.advanceMinutes(61);
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received).toHaveLength(3);
  });

  it('give up after the last retry, with the last reason', async () => {
    const s = await shop();
    await s.admin.ok('settings-update', { idleLockMinutes: 0 });
    const id = await s.client('Gus', 'Giveup');
    await s.app.services.scheduler.runDay(DAY);
    for (let i = 0; i < 7; i++) {
      s.smtp.answerNext([421, '4.7.0 Too many connections']);
      await s.drain();
      s.clock.advanceMinutes(400);
    }
    const [m] = await messages(s, id);
    expect(m).toMatchObject({ status: 'failed', attempts: 7, reason: 'Gave up after 7 attempts: 421 4.7.0 Too many connections' });
  });

  it('check consent again when the message goes: a client who withdrew it is not emailed', async () => {
    const s = await shop();
    const id = await s.client('Una', 'Unsubscribed');
    await s.app.services.scheduler.runDay(DAY);
    const c = await s.admin.ok('client-get', { id });
    await s.admin.ok('client-update', { id, version: c.version, consentEmail: { granted: false, source: 'asked by phone' } });
    expect(await s.drain()).toBe(0);
    expect((await messages(s, id))[0]).toMatchObject({ status: 'cancelled' });
    expect(s.smtp.received).toHaveLength(0);
  });

  it('can be cancelled by hand while waiting to retry', async () => {
    const s = await shop();
    const id = await s.client('Cid', 'Cancelled');
    await s.app.services.scheduler.runDay(DAY);
    s.smtp.answerNext([451, '4.3.0 later']);
    await s.drain();
    const [m] = await messages(s, id);
    expect((await s.admin.ok('message-cancel', { id: m!.id })).status).toBe('cancelled');
    s.clock.advanceMinutes(10);
    expect(await s.drain()).toBe(0);
  });
});
