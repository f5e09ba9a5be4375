import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession, testClock } from '../helpers/app';

describe('the {{relationship}} placeholder and the template preview', () => {
  it('reads from the recipient’s side: the parent is told about “your child Olivia”, in the message and in the preview of a real client the person may see', async () => {
    const clock = testClock('2027-03-07T10:00:00.000Z');
    const app = await startApp({ now: clock.now, timeZone: 'UTC' });
    const admin = await setUpShop(app);
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const parent = (await admin.ok('relationship-type-list', {})).find((t) => t.name === 'Parent')!;
    expect(parent.reverseName).toBe('Child');
    const olivia = await admin.ok('client-create', { firstName: 'Olivia', lastName: 'Stone', birthday: '2015-03-14' });
    const mum = await admin.ok('client-create', { firstName: 'Maya', lastName: 'Stone', email: 'maya@example.com', consentEmail: { granted: true } });
    // Maya is the Parent of Olivia.
    await admin.ok('relationship-create', { clientId: olivia.id, otherClientId: mum.id, typeId: parent.id, side: 'name' });
    const rule = {
      event: 'birthday' as const,
      daysBefore: 7,
      recipient: 'related' as const,
      relationshipTypeId: parent.id,
      relationshipSide: 'name' as const,
      template: 'Hi {{recipient.first_name}}, your {{relationship}} {{client.first_name}} turns a year older in {{days}} days.',
    };
    await admin.ok('automation-create', { name: 'Tell the parents', channel: 'email', ...rule });
    await app.services.scheduler.runDay('2027-03-07');
    const [item] = await admin.ok('outbox-list', { include: 'all' });
    expect(item).toMatchObject({ recipient: { name: 'Maya Stone' }, rendered: 'Hi Maya, your child Olivia turns a year older in 7 days.' });

    // The editor's preview renders the same for the real pair, as the daily run would.
    expect(await admin.ok('automation-preview', rule)).toEqual({
      client: { id: olivia.id, name: 'Olivia Stone' },
      recipient: { id: mum.id, name: 'Maya Stone' },
      rendered: 'Hi Maya, your child Olivia turns a year older in 7 days.',
    });
    // To the client themself, a client they may see.
    expect(await admin.ok('automation-preview', { ...rule, recipient: 'client', relationshipTypeId: null, relationshipSide: null, template: 'Happy birthday {{recipient.first_name}}!', clientId: mum.id })).toMatchObject({
      client: { name: 'Maya Stone' },
      rendered: 'Happy birthday Maya!',
    });
    expect(await admin.call('automation-preview', { ...rule, template: 'Hi {{nickname}}' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    // A Manager tied to Uptown sees neither Stone: no preview with clients beyond her scope, and not the one named.
    const mona = await staffSession(app, admin, { name: 'Mona', username: 'mona', role: 'manager', locationIds: [uptown.id] });
    expect(await mona.ok('automation-preview', rule)).toBeNull();
    expect(await mona.ok('automation-preview', { ...rule, clientId: olivia.id })).toBeNull();
    // Her own pair at Uptown previews.
    const kid = await mona.ok('client-create', { firstName: 'Ken', lastName: 'Uptown' });
    const dad = await mona.ok('client-create', { firstName: 'Dan', lastName: 'Uptown' });
    await mona.ok('relationship-create', { clientId: kid.id, otherClientId: dad.id, typeId: parent.id, side: 'name' });
    expect(await mona.ok('automation-preview', rule)).toMatchObject({ rendered: 'Hi Dan, your child Ken turns a year older in 7 days.' });
    // An Associate and a custom role without automations are refused.
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('automation-preview', rule)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
