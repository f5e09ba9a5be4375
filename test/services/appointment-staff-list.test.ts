/**
 * appointment-staff-list: whom a person may book with, as the booking form and the calendar
 * offer them. The policy's rule for a booking decides (appointment.book-others), not the
 * role's other rights: a narrowed role that books for others but lists no staff elsewhere
 * still gets everyone; one that books only for itself gets itself.
 */
import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession } from '../helpers/app';

describe('appointment-staff-list', () => {
  it('lists every active staff member to those who book for others, and only themselves to the rest', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const mia = await staffSession(app, admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
    const gone = await staffSession(app, admin, { name: 'Gus Gone', username: 'gus', role: 'associate' });
    await admin.ok('staff-update', { id: gone.id, active: false });
    // A front desk books for everyone, yet may neither manage staff nor assign clients.
    const desk = await admin.ok('role-create', {
      name: 'Front desk',
      baseRole: 'associate',
      permissions: ['session.use', 'client.view', 'appointment.view', 'appointment.book', 'appointment.book-others'],
      visibility: 'own',
      hiddenFields: ['contact'],
    });
    const password = 'a long enough password';
    await admin.ok('staff-create', { name: 'Flo Desk', username: 'flo', role: 'associate', customRoleId: desk.id, password });
    const flo = connect(app);
    await flo.ok('session-login', { username: 'flo', password });

    const everyone = ['Ada Admin', 'Flo Desk', 'Mia Manager', 'Sam Seller'];
    expect((await admin.ok('appointment-staff-list', {})).map((s) => s.name)).toEqual(everyone);
    expect((await mia.ok('appointment-staff-list', {})).map((s) => s.name)).toEqual(everyone);
    expect((await flo.ok('appointment-staff-list', {})).map((s) => s.name)).toEqual(everyone);
    expect(await sam.ok('appointment-staff-list', {})).toEqual([{ id: sam.id, name: 'Sam Seller' }]);
    // The front desk's other lists of staff stay closed to it.
    expect((await flo.call('assign-staff-list', {})).ok).toBe(false);
    expect((await flo.call('staff-list', {})).ok).toBe(false);
  });

  it('is refused to a role without appointment.view', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const role = await admin.ok('role-create', { name: 'Stockroom', baseRole: 'associate', permissions: ['session.use', 'client.view'], visibility: 'own', hiddenFields: [] });
    const password = 'a long enough password';
    await admin.ok('staff-create', { name: 'Stu Stock', username: 'stu', role: 'associate', customRoleId: role.id, password });
    const stu = connect(app);
    await stu.ok('session-login', { username: 'stu', password });
    const refused = await stu.call('appointment-staff-list', {});
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });
});
