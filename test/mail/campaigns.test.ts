/**
 * Campaigns through a real SMTP server on loopback: the count and preview on real clients, a
 * test send, sending to only the clients the sender may see who agreed to email, the report,
 * cancel, and unsubscribing from the profile and the report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { staffSession } from '../helpers/app';
import { decodeHeader } from '../helpers/smtp';
import { closeShop, mailShop, type MailShop } from './helpers';

const shops: MailShop[] = [];
afterEach(async () => {
  while (shops.length) await closeShop(shops.pop()!);
});
async function shop(options: Parameters<typeof mailShop>[0] = {}) {
  const s = await mailShop(options);
  shops.push(s);
  return s;
}

const SUBJECT = 'Spring at {{shop.name}}, {{recipient.first_name}}';
const BODY = 'Dear {{recipient.first_name}} {{recipient.last_name}},\nour spring collection is in.';

describe('campaigns', () => {
  it('count, preview and send to the consenting clients of the list, as the server receives them', async () => {
    const s = await shop();
    await s.client('Zoë', 'Ångström');
    await s.client('Ben', 'Ångström');
    await s.client('Noa', 'Ångström', { email: 'noa@example.test', consentEmail: { granted: false, source: null } });
    await s.admin.ok('client-create', { firstName: 'Abe', lastName: 'Ångström' });
    await s.client('Oli', 'Otherlist');
    // The client list as searched now.
    const audience = { query: 'Ångström' };

    const preview = await s.admin.ok('campaign-preview', { audience, subject: SUBJECT, body: BODY });
    expect(preview.count).toEqual({ listed: 4, recipients: 2, alreadySent: 0, noConsent: 1, noAddress: 1 });
    expect(preview.samples.map((p) => p.subject)).toEqual(['Spring at Maison Test, Zoë', 'Spring at Maison Test, Ben']);
    expect(preview.samples[0]!.body).toBe('Dear Zoë Ångström,\nour spring collection is in.');

    const started = await s.admin.ok('campaign-start', { name: 'Spring', audience, subject: SUBJECT, body: BODY });
    expect(started).toMatchObject({ name: 'Spring', status: 'sending', recipients: 2, counts: { queued: 2, sent: 0 } });
    expect(await s.drain()).toBe(2);

    expect(s.smtp.received.map((m) => m.to[0]).sort()).toEqual(['ben.angstrom@example.test', 'zoe.angstrom@example.test']);
    const zoe = s.smtp.received.find((m) => m.to[0] === 'zoe.angstrom@example.test')!;
    expect(decodeHeader(zoe.headers.get('subject')!)).toBe('Spring at Maison Test, Zoë');
    expect(decodeHeader(zoe.headers.get('to')!)).toBe('Zoë Ångström <zoe.angstrom@example.test>');
    expect(zoe.headers.get('list-unsubscribe')).toBe('<mailto:hello@maison.test?subject=unsubscribe> (Unsubscribe)');
    expect(zoe.text).toContain('Dear Zoë Ångström,');
    expect(zoe.text).toContain('reply with "unsubscribe"');

    const report = await s.admin.ok('campaign-get', { id: started.id });
    expect(report).toMatchObject({ status: 'done', counts: { sent: 2, queued: 0, failed: 0 } });
    expect(report.recipientsShown.map((r) => [r.name, r.status])).toEqual([
      ['Zoë Ångström', 'sent'],
      ['Ben Ångström', 'sent'],
    ]);
    const audit = await s.admin.ok('audit-list', { action: 'campaign' });
    expect(audit.items[0]).toMatchObject({ action: 'campaign.start' });
  });

  it('reach only the clients the sender may see', async () => {
    const s = await shop();
    const marketer = await s.admin.ok('role-list', {}).then((roles) => roles.find((r) => r.builtIn && r.baseRole === 'associate')!);
    const role = await s.admin.ok('role-create', { name: 'Marketer', baseRole: 'associate', permissions: [...marketer.permissions, 'email.send'], visibility: 'own' });
    const mo = await staffSession(s.app, s.admin, { name: 'Mo Marketer', username: 'mo', role: 'associate' });
    await s.admin.ok('staff-update', { id: mo.id, customRoleId: role.id });
    await mo.ok('session-login', { username: 'mo', password: 'a long enough password' });
    await mo.ok('client-create', { firstName: 'Mia', lastName: 'Mine', email: 'mia@example.test', consentEmail: { granted: true, source: 'in store' } });
    await s.client('Ola', 'Outofscope');

    const preview = await mo.ok('campaign-preview', { audience: {}, subject: 'Hi', body: 'Hello {{recipient.first_name}}' });
    expect(preview.count.recipients).toBe(1);
    const c = await mo.ok('campaign-start', { name: 'Mine only', audience: {}, subject: 'Hi', body: 'Hello {{recipient.first_name}}' });
    await s.drain();
    expect(s.smtp.received.map((m) => m.to[0])).toEqual(['mia@example.test']);
    // Someone else's campaign is not found for a sender who is not a full Admin.
    const other = await s.admin.ok('campaign-start', { name: 'Admin’s', audience: {}, subject: 'Hi', body: 'Hello' });
    const refused = await mo.call('campaign-get', { id: other.id });
    expect(refused.ok ? null : refused.error.code).toBe('NOT_FOUND');
    expect((await mo.ok('campaign-list', {})).map((x) => x.id)).toEqual([c.id]);
  });

  it('sent again to a list that grew, reach only the newcomers', async () => {
    const s = await shop();
    await s.client('Ann', 'Again');
    const email = { audience: { query: 'Again' }, subject: 'Hi {{recipient.first_name}}', body: 'Hello again' };
    await s.admin.ok('campaign-start', { name: 'First', ...email });
    expect(await s.drain()).toBe(1);
    await s.client('Bea', 'Again');
    expect((await s.admin.ok('campaign-preview', email)).count).toMatchObject({ listed: 2, recipients: 1, alreadySent: 1 });
    expect((await s.admin.ok('campaign-start', { name: 'Second', ...email })).recipients).toBe(1);
    expect(await s.drain()).toBe(1);
    expect(s.smtp.received.map((m) => m.to[0])).toEqual(['ann.again@example.test', 'bea.again@example.test']);
    // A different email goes to both.
    expect((await s.admin.ok('campaign-preview', { ...email, body: 'Something new' })).count).toMatchObject({ recipients: 2, alreadySent: 0 });
  });

  it('send a test to oneself, rendered for a real client, with the server’s answer', async () => {
    const s = await shop();
    const id = await s.client('Zoë', 'Ångström');
    const r = await s.admin.ok('campaign-test', { subject: SUBJECT, body: BODY, clientId: id, to: 'me@maison.test' });
    expect(r).toEqual({ sent: true, answer: expect.stringMatching(/^250 /) });
    const [m] = s.smtp.received;
    expect(m!.to).toEqual(['me@maison.test']);
    expect(decodeHeader(m!.headers.get('subject')!)).toBe('[Test] Spring at Maison Test, Zoë');
  });

  it('refuse a placeholder it does not know', async () => {
    const s = await shop();
    const r = await s.admin.call('campaign-preview', { audience: {}, subject: 'Hi', body: 'Hello {{recipient.email}}' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('{{recipient.email}}') });
  });

  it('cancel what has not gone yet, and report it', async () => {
    const s = await shop({ hourlyLimit: 2 });
    for (const n of ['Ann', 'Bob', 'Cy']) await s.client(n, 'Cancel');
    const c = await s.admin.ok('campaign-start', { name: 'Halted', audience: {}, subject: 'Hi', body: 'Hello' });
    expect(await s.drain()).toBe(2);
    expect(await s.admin.ok('campaign-cancel', { id: c.id })).toMatchObject({ status: 'cancelled', counts: { sent: 2, cancelled: 1 } });
    s.clock.advanceMinutes(61);
    expect(await s.drain()).toBe(0);
    const report = await s.admin.ok('campaign-get', { id: c.id });
    expect(report.recipientsShown[0]).toMatchObject({ status: 'cancelled', reason: 'Campaign cancelled by Ada Admin' });
  });

  it('unsubscribe a client from the report and from the profile: recorded with source and time, respected by later sends', async () => {
    const s = await shop({ hourlyLimit: 1 });
    const ann = await s.client('Ann', 'Unsub');
    const bob = await s.client('Bob', 'Unsub');
    const first = await s.admin.ok('campaign-start', { name: 'First', audience: {}, subject: 'Hi', body: 'Hello' });
    expect(await s.drain()).toBe(1);

    const fromReport = await s.admin.ok('client-unsubscribe', { clientId: ann, source: 'campaign-report', campaignId: first.id });
    expect(fromReport).toEqual({ clientId: ann, unsubscribedAt: '2027-03-07T08:00:00.000Z', source: 'Unsubscribed from the report of campaign “First”' });
    const annCard = await s.admin.ok('client-get', { id: ann });
    expect(annCard.consent.email).toMatchObject({ granted: false, at: '2027-03-07T08:00:00.000Z', source: 'Unsubscribed from the report of campaign “First”' });
    // Bob's message is still waiting (hourly limit): unsubscribing him from his profile cancels it.
    await s.admin.ok('client-unsubscribe', { clientId: bob, source: 'profile' });
    s.clock.advanceMinutes(61);
    expect(await s.drain()).toBe(0);
    expect(s.smtp.received).toHaveLength(1);
    const report = await s.admin.ok('campaign-get', { id: first.id });
    expect(report.recipientsShown.every((r) => r.unsubscribed)).toBe(true);

    const audit = await s.admin.ok('audit-list', { action: 'client.unsubscribe' });
    expect(audit.items.map((r) => r.entityId).sort()).toEqual([ann, bob].sort());
    const later = await s.admin.ok('campaign-preview', { audience: {}, subject: 'Hi', body: 'Hello' });
    expect(later.count).toMatchObject({ listed: 2, recipients: 0, noConsent: 2 });
  });
});
