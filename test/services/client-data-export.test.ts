import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import type { App } from '../../src-main/app';

/** A client with something in every table that holds data about a person. */
async function richClient(app: App, admin: TestClient) {
  const jane = await admin.ok('client-create', {
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane.doe@example.com',
    phone: '+1 415 555 0101',
    birthday: '1985-06-02',
    address: { city: 'Lyon' },
    notes: 'Prefers silk',
    consentEmail: { granted: true, source: 'in person' },
  });
  const john = await admin.ok('client-create', { firstName: 'John', lastName: 'Doe' });
  await admin.ok('client-update', { id: jane.id, version: jane.version, tags: ['VIP'] });
  await admin.ok('client-interaction-add', { clientId: jane.id, kind: 'sale', amountCents: 12_500 });
  await admin.ok('client-interaction-add', { clientId: jane.id, kind: 'note', body: 'Asked about the spring line' });
  const spouse = (await admin.ok('relationship-type-list', {})).find((t) => t.name === 'Spouse')!;
  await admin.ok('relationship-create', { clientId: jane.id, otherClientId: john.id, typeId: spouse.id, side: 'name' });
  await admin.ok('client-assign', { clientId: jane.id, staffId: null });
  const rule = await admin.ok('automation-create', { name: 'Birthday call', event: 'birthday', daysBefore: 7, recipient: 'client', channel: 'call', template: 'Call {{recipient.first_name}}' });
  await app.services.db
    .insertInto('outbox')
    .values({
      rule_id: rule.id, client_id: jane.id, recipient_id: jane.id, year: 2026, event_date: '2026-06-02', due_date: '2026-05-26', channel: 'call',
      staff_id: null, rendered: 'Call Jane', reason: 'birthday', status: 'due', skip_reason: null, snoozed_until: null,
      created_at: '2026-05-26T00:00:00.000Z', updated_at: '2026-05-26T00:00:00.000Z',
    })
    .execute();
  return { jane, john };
}

describe('exporting one person’s data for an access request', () => {
  it('gives an Admin everything held about the client, and audits the export', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { jane, john } = await richClient(app, admin);

    const { filename, data } = await admin.ok('client-data-export', { id: jane.id });
    expect(filename).toMatch(new RegExp(`^clientele-client-${jane.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    expect(data).toMatchObject({ format: 'clientele-client-data', complete: true, withheld: [], exportedBy: { name: 'Ada Admin' } });
    expect(data.client).toMatchObject({
      email: 'jane.doe@example.com',
      phoneE164: '+14155550101',
      birthday: '1985-06-02',
      notes: 'Prefers silk',
      tags: ['VIP'],
      totalSpendCents: 12_500,
      address: { city: 'Lyon' },
      consent: { email: { granted: true, source: 'in person' } },
      deletedAt: null,
    });
    expect(data.interactions.map((i) => [i.kind, i.amountCents, i.body])).toEqual([
      ['sale', 12_500, null],
      ['note', null, 'Asked about the spring line'],
    ]);
    expect(data.relationships).toEqual([expect.objectContaining({ word: 'Spouse', other: { id: john.id, firstName: 'John', lastName: 'Doe' } })]);
    expect(data.assignmentHistory.map((h) => [h.reason, h.from?.name ?? null, h.to?.name ?? null])).toEqual([
      ['creator', null, 'Ada Admin'],
      ['manual', 'Ada Admin', null],
    ]);
    expect(data.automationMessages).toEqual([expect.objectContaining({ role: 'about', rule: 'Birthday call', text: 'Call Jane', eventDate: '2026-06-02' })]);
    const create = data.audit.find((a) => a.action === 'client.create');
    expect(create?.after).toMatchObject({ email: 'jane.doe@example.com', notes: 'Prefers silk' });

    const log = await admin.ok('audit-list', { entity: 'client', entityId: jane.id });
    expect(log.items[0]).toMatchObject({ action: 'client.data-export', actorName: 'Ada Admin', after: { withheld: [], interactions: 2 } });
  });

  it('lets a Manager export a client in their scope, never a field their role hides', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { jane } = await richClient(app, admin);
    const mona = await staffSession(app, admin, { name: 'Mona', username: 'mona', role: 'manager' });
    const [main] = (await admin.ok('location-list', {})).filter((l) => l.isDefault);
    await admin.ok('staff-update', { id: mona.id, locationIds: [main!.id] });

    const full = await mona.ok('client-data-export', { id: jane.id });
    expect(full.data.complete).toBe(true);
    expect(full.data.client.notes).toBe('Prefers silk');

    const discreet = await admin.ok('role-create', { name: 'Discreet manager', baseRole: 'manager', hiddenFields: ['contact', 'notes', 'dates'] });
    await admin.ok('staff-update', { id: mona.id, customRoleId: discreet.id });
    const { data } = await mona.ok('client-data-export', { id: jane.id });
    expect(data.complete).toBe(false);
    expect([...data.withheld].sort()).toEqual(['contact', 'dates', 'notes']);
    const text = JSON.stringify(data);
    for (const secret of ['jane.doe@example.com', '555 0101', 'Prefers silk', 'spring line', '1985-06-02', '2026-06-02']) expect(text).not.toContain(secret);
    expect(data.audit.length).toBeGreaterThan(0);
    expect(data.audit.every((a) => a.before === null && a.after === null)).toBe(true);
    expect(data.client.tags).toEqual(['VIP']);
  });

  it('refuses an Associate, and answers NOT_FOUND for a client outside the Manager’s scope', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const lone = await admin.ok('client-create', { firstName: 'Lone', lastName: 'Client' });
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const mona = await staffSession(app, admin, { name: 'Mona', username: 'mona', role: 'manager', locationIds: [uptown.id] });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('client-data-export', { id: lone.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const outside = await mona.call('client-data-export', { id: lone.id });
    expect(outside).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(outside)).not.toContain('Lone');
    const log = await admin.ok('audit-list', { action: 'client.data-export' });
    expect(log.items).toEqual([]);
  });

  it('includes the records merged into the client, and points an export of a merged record to the survivor', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const keep = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz' });
    const drop = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.com' });
    await admin.ok('client-merge', { survivorId: keep.id, survivorVersion: keep.version, mergedId: drop.id, mergedVersion: drop.version });
    const { data } = await admin.ok('client-data-export', { id: keep.id });
    expect(data.mergedRecords).toEqual([expect.objectContaining({ id: drop.id, firstName: 'Ana' })]);
    expect(data.audit.filter((a) => a.entityId === drop.id).map((a) => a.action)).toEqual(['client.create', 'client.merged-into']);
    expect(await admin.call('client-data-export', { id: drop.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { survivorId: keep.id } } });
  });

  it('exports a client in the Trash too: deleted is still held', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const gone = await admin.ok('client-create', { firstName: 'Gone', email: 'gone@example.com' });
    await admin.ok('client-delete', { id: gone.id, version: gone.version });
    const { data } = await admin.ok('client-data-export', { id: gone.id });
    expect(data.client).toMatchObject({ email: 'gone@example.com', deletedAt: expect.any(String) });
  });
});
