import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('staff management', () => {
  it('creates staff with a role and POS id, and refuses a taken username or POS id', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await admin.ok('staff-create', { name: 'Sam', username: 'Sam', role: 'associate', posAssociateId: 'P-7', password: 'a long enough password' });
    expect(sam).toMatchObject({ username: 'sam', role: 'associate', posAssociateIds: ['P-7'], active: true });
    const taken = await admin.call('staff-create', { name: 'Sam 2', username: 'sam', role: 'associate', password: 'a long enough password' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'DUPLICATE', details: { issues: [{ field: 'username' }] } } });
    const pos = await admin.call('staff-create', { name: 'Pat', username: 'pat', role: 'associate', posAssociateId: 'P-7', password: 'a long enough password' });
    expect(pos).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'POS associate id P-7 is already mapped to Sam.' } });
    expect(await admin.ok('staff-list', {})).toHaveLength(2);
  });

  it('keeps at least one active Admin and never lets anyone change their own role', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const adaId = (await admin.ok('session-get', {}))!.staff.id;
    expect(await admin.call('staff-update', { id: adaId, role: 'manager' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await admin.call('staff-update', { id: adaId, active: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bea = await staffSession(app, admin, { name: 'Bea', username: 'bea', role: 'admin' });
    // Two Admins: one may demote the other, but then the last one is protected.
    await bea.ok('staff-update', { id: adaId, role: 'manager' });
    expect(await bea.call('staff-update', { id: bea.id, role: 'manager' })).toMatchObject({ ok: false });
  });

  it('deletes a staff member without history, and only deactivates one with history', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const fresh = await admin.ok('staff-create', { name: 'New', username: 'new', role: 'associate', password: 'a long enough password' });
    await admin.ok('staff-delete', { id: fresh.id });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    await sam.ok('client-create', { firstName: 'Lea' });
    const refused = await admin.call('staff-delete', { id: sam.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Deactivate') } });
    await admin.ok('staff-update', { id: sam.id, active: false });
    expect((await admin.ok('app-info', {})).loginNames.map((n) => n.username)).toEqual(['ada']);
    const audit = await admin.ok('audit-list', { entity: 'staff', entityId: sam.id });
    expect(audit.items[0]).toMatchObject({ action: 'staff.update', before: { active: true }, after: { active: false } });
    expect(JSON.stringify(audit.items)).not.toContain('scrypt');
  });
});
