import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession } from '../helpers/app';

const PASSWORD = 'a long enough password';

describe('audit rows in words, by reader', () => {
  it('names staff and clients for the Admin, and a client out of a narrowed reader’s scope stays nameless', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [uptown.id] });
    const una = await mona.ok('client-create', { firstName: 'Una', lastName: 'Uptown', consentEmail: { granted: false } });
    const dan = await admin.ok('client-create', { firstName: 'Dan', lastName: 'Downtown' });
    const spouse = (await admin.ok('relationship-type-list', {})).find((t) => t.name === 'Spouse')!;
    await admin.ok('relationship-create', { clientId: una.id, otherClientId: dan.id, typeId: spouse.id, side: 'name' });
    await admin.ok('client-update', { id: una.id, version: una.version, consentEmail: { granted: true } });
    await admin.ok('client-interaction-add', { clientId: una.id, kind: 'sale', amountCents: 4200 });

    const auditor = await admin.ok('role-create', { name: 'Uptown auditor', baseRole: 'manager', permissions: ['session.use', 'client.view', 'audit.read'], visibility: 'locations' });
    await admin.ok('staff-create', { name: 'Otto Auditor', username: 'otto', role: 'manager', customRoleId: auditor.id, locationIds: [uptown.id], password: PASSWORD });
    const otto = connect(app);
    await otto.ok('session-login', { username: 'otto', password: PASSWORD });

    const rows = async (who: typeof admin) => (await who.ok('audit-list', { entity: 'client', entityId: una.id, limit: 50 })).items;
    const link = (items: Awaited<ReturnType<typeof rows>>) => items.find((r) => r.action === 'relationship.create')!;

    const forAdmin = await rows(admin);
    expect(link(forAdmin)).toMatchObject({ summary: 'Relationship added', subject: 'Una Uptown' });
    expect(link(forAdmin).changes.map((c) => c.after)).toEqual(expect.arrayContaining([{ text: 'Una Uptown' }, { text: 'Dan Downtown' }]));
    expect(forAdmin.find((r) => r.action === 'client.update')!.changes).toContainEqual({ label: 'Email consent', before: { text: 'No' }, after: { text: 'Yes' } });
    expect(forAdmin.find((r) => r.action === 'client.sale.add')!.changes).toContainEqual({ label: 'Amount', after: { money: 4200 } });
    expect(forAdmin.find((r) => r.action === 'client.create')).toMatchObject({ actorName: 'Mona Manager', summary: 'Added' });

    // Otto sees Una (at his location) but not Dan: the link row, which names Dan, is not his to read (as on Una's profile), and Dan is never named.
    const forOtto = await rows(otto);
    expect(forOtto.find((r) => r.action === 'relationship.create')).toBeUndefined();
    expect(forOtto.find((r) => r.action === 'client.update')).toBeDefined();
    expect(JSON.stringify(forOtto)).not.toContain('Downtown');
    expect(JSON.stringify(forOtto.map((r) => [r.before, r.after]))).not.toMatch(new RegExp(`"(fromClientId|toClientId)":${dan.id}\\b`));
    // An Associate and a Manager without the audit log are refused it.
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    for (const who of [sam, mona]) expect(await who.call('audit-list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the audit export in words', () => {
  it('writes each row as the screen does, with no JSON and no column names, and redacts what the reader may not see', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', notes: 'Secret note' });
    await admin.ok('client-update', { id: c.id, version: c.version, consentEmail: { granted: true } });
    await admin.ok('client-interaction-add', { clientId: c.id, kind: 'sale', amountCents: 123450 });
    const { csv } = await admin.ok('audit-export', { entity: 'client', entityId: c.id });
    const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('When (UTC),Who,Action,About,Changes');
    expect(csv).toContain('Email consent: No → Yes');
    expect(csv).toContain('Amount: 1234.50');
    expect(csv).toContain('Ada Admin');
    expect(csv).toContain('Emma Thompson');
    expect(csv).not.toMatch(/[{}]|consent_email|amountCents/);

    const discreet = await admin.ok('role-create', { name: 'Discreet auditor', baseRole: 'manager', permissions: ['session.use', 'client.view', 'audit.read'], hiddenFields: ['notes', 'purchases'] });
    await admin.ok('staff-create', { name: 'Dee', username: 'dee', role: 'manager', customRoleId: discreet.id, password: PASSWORD });
    const dee = connect(app);
    await dee.ok('session-login', { username: 'dee', password: PASSWORD });
    const theirs = (await dee.ok('audit-export', { entity: 'client', entityId: c.id })).csv;
    expect(theirs).not.toContain('Secret note');
    expect(theirs).not.toContain('1234.50');
    expect(theirs).toContain('Hidden for your role');
  });
});
