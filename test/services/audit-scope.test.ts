/**
 * Who reads the audit log, and what of it: only roles holding 'audit.read' (Admins; Managers
 * and Associates do not hold it; a custom role may). A reader whose scope is narrower than the
 * whole book sees no row that names a client outside it: rows about such a client, rows about
 * an appointment of such a client, and rows about a client in scope that name one out of it
 * (a relationship, a merge). The CSV export follows the same rule.
 */
import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession } from '../helpers/app';

describe('audit log scope', () => {
  it('a narrowed auditor sees no appointment, relationship or merge row naming a client outside their scope, on screen or in the export', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const north = await admin.ok('location-create', { name: 'North' });
    const south = await admin.ok('location-create', { name: 'South' });
    const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', locationIds: [north.id] });
    const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate', locationIds: [south.id] });
    const sol = await kai.ok('client-create', { firstName: 'Sol', lastName: 'South' });
    const soren = await kai.ok('client-create', { firstName: 'Soren', lastName: 'South' });
    const nia = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North' });
    const nils = await sam.ok('client-create', { firstName: 'Nils', lastName: 'North' });
    const solAt = await admin.ok('appointment-create', { clientId: sol.id, staffId: kai.id, locationId: south.id, startAt: '2026-03-03T10:00:00+01:00', durationMinutes: 60, bookedThrough: 'phone', notes: 'Sol secret fitting' });
    const niaAt = await admin.ok('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-03T10:00:00+01:00', durationMinutes: 60, bookedThrough: 'phone', notes: 'Nia gold fitting' });
    // Links and merges across the two stores, made by the Admin, who sees both sides.
    const types = await admin.ok('relationship-type-list', {});
    await admin.ok('relationship-create', { clientId: nia.id, otherClientId: sol.id, typeId: types[0]!.id, side: 'name' });
    const nilsNow = await admin.ok('client-get', { id: nils.id });
    const sorenNow = await admin.ok('client-get', { id: soren.id });
    await admin.ok('client-merge', { survivorId: nils.id, survivorVersion: nilsNow.version, mergedId: soren.id, mergedVersion: sorenNow.version });

    // Who may read it: not Managers, not Associates.
    expect(await mona.call('audit-list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('audit-list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await mona.call('audit-export', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A custom role with the audit permission, seeing the clients of North only.
    const role = await admin.ok('role-create', { name: 'Auditor', baseRole: 'manager', permissions: ['session.use', 'client.view', 'audit.read'], visibility: 'locations' });
    await admin.ok('staff-create', { name: 'Aldo Auditor', username: 'aldo', role: 'manager', customRoleId: role.id, password: 'a long enough password', locationIds: [north.id] });
    const aldo = connect(app);
    await aldo.ok('session-login', { username: 'aldo', password: 'a long enough password' });

    // The Admin sees every row.
    const all = await admin.ok('audit-list', { limit: 200 });
    expect(all.items.filter((r) => r.entity === 'appointment').map((r) => r.entityId).sort()).toEqual([solAt.id, niaAt.id].sort());
    expect(JSON.stringify(all)).toContain('Sol secret fitting');

    const seen = await aldo.ok('audit-list', { limit: 200 });
    const text = JSON.stringify(seen);
    // Nia's appointment, in scope, is there; Sol's, out of it, is not, by entity nor by payload.
    expect(seen.items.filter((r) => r.entity === 'appointment').map((r) => r.entityId)).toEqual([niaAt.id]);
    expect(text).toContain('Nia gold fitting');
    expect(text).not.toContain('Sol secret fitting');
    expect((await aldo.ok('audit-list', { entity: 'appointment', entityId: solAt.id })).items).toEqual([]);
    // No row names Sol or Soren, not even by id: the link and the merge rows filed under Nia and Nils are left out.
    const named = (v: unknown): number[] =>
      v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (/client_?id$|^(merged|survivor)Id$/i.test(k) && typeof x === 'number' ? [x] : named(x))) : [];
    const mentioned = new Set(seen.items.flatMap((r) => [...named(r.before), ...named(r.after), ...(r.entity === 'client' && r.entityId !== null ? [r.entityId] : [])]));
    expect(mentioned.has(sol.id)).toBe(false);
    expect(mentioned.has(soren.id)).toBe(false);
    expect(mentioned.has(nia.id)).toBe(true);
    expect(seen.items.some((r) => r.action === 'relationship.create')).toBe(false);
    expect(seen.items.some((r) => r.action === 'client.merge')).toBe(false);

    // The export follows the same rule.
    const csv = (await aldo.ok('audit-export', {})).csv;
    expect(csv).toContain('Nia gold fitting');
    expect(csv).not.toContain('Sol secret fitting');
    expect(csv).not.toContain('Sol South');
    expect((await admin.ok('audit-export', {})).csv).toContain('Sol secret fitting');
  });
});
