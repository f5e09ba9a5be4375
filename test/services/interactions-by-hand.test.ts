/**
 * Sales, bookings and notes recorded by hand: they follow the imported rule (an Unassigned
 * client goes to the staff member it was with, and the history says why), take a date, a
 * staff member and a location, and can be corrected or removed with a reason by their
 * author or whoever may correct others', the client's visits, spend and status following.
 * As an Admin, a Manager of North, an Associate and narrowed custom roles, in and out of scope.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';

const PASSWORD = 'a long enough password';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', locationIds: [north.id] });
  const jane = await staffSession(app, admin, { name: 'Jane Seller', username: 'jane', role: 'associate', locationIds: [north.id, south.id] });
  const nell = await unassigned(app, admin, 'Nell', north.id);
  const sol = await unassigned(app, admin, 'Sol', south.id);
  return { app, admin, north, south, mona, sam, jane, nell, sol };
}

/** An Unassigned client at home at `home`, as an import brings them. */
async function unassigned(app: App, admin: TestClient, firstName: string, home: number) {
  const c = await admin.ok('client-create', { firstName, lastName: 'Client' });
  await app.services.db.updateTable('clients').set({ assigned_staff_id: null, home_location_id: home }).where('id', '=', c.id).execute();
  await app.services.db.deleteFrom('assignment_history').where('client_id', '=', c.id).execute();
  return c;
}

async function role(app: App, admin: TestClient, name: string, permissions: string[], locationIds: number[]) {
  const r = await admin.ok('role-create', { name, baseRole: 'associate', permissions: permissions as never, visibility: 'locations' });
  const staff = await admin.ok('staff-create', { name, username: name.toLowerCase(), role: 'associate', customRoleId: r.id, password: PASSWORD, locationIds });
  const c = connect(app);
  await c.ok('session-login', { username: name.toLowerCase(), password: PASSWORD });
  return Object.assign(c, { id: staff.id });
}

describe('recorded by hand, assigned as an imported sale would be', () => {
  it('an Associate’s sale on an Unassigned client assigns them, with the date and location given; an assigned client keeps its associate', async () => {
    const { admin, north, sam, mona, nell } = await shop();
    const sale = await sam.ok('client-interaction-add', { clientId: nell.id, kind: 'sale', amountCents: 12_500, occurredAt: '2026-02-14T15:30:00+01:00', locationId: north.id });
    expect(sale).toMatchObject({ staff: { id: sam.id }, addedBy: { id: sam.id }, occurredAt: '2026-02-14T14:30:00.000Z', locationName: 'North', canChange: true });
    const assignment = await admin.ok('client-assignment', { clientId: nell.id });
    expect(assignment.primary).toEqual({ id: sam.id, name: 'Sam Seller' });
    expect(assignment.history).toMatchObject([{ reason: 'sale', from: null, to: { name: 'Sam Seller' }, actor: { name: 'Sam Seller' }, detail: { interactionId: sale.id, byHand: true } }]);
    // The Manager's later sale does not take Nell from Sam.
    await mona.ok('client-interaction-add', { clientId: nell.id, kind: 'sale', amountCents: 5_000 });
    expect((await admin.ok('client-assignment', { clientId: nell.id })).primary?.name).toBe('Sam Seller');
  });

  it('a Manager records a booking for an Associate (assigning the client to them), and a note’s assignment reads as by hand; an Associate cannot record for a colleague', async () => {
    const { app, admin, north, south, mona, sam, jane, nell, sol } = await shop();
    expect(await sam.call('client-interaction-add', { clientId: nell.id, kind: 'sale', amountCents: 100, staffId: jane.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.services.db.selectFrom('interactions').select('id').execute()).toEqual([]);

    const booking = await mona.ok('client-interaction-add', { clientId: nell.id, kind: 'booking', staffId: sam.id, locationId: north.id, occurredAt: '2026-03-01T10:00:00Z' });
    expect(booking).toMatchObject({ staff: { name: 'Sam Seller' }, addedBy: { name: 'Mona Manager' } });
    expect((await admin.ok('client-assignment', { clientId: nell.id })).history).toMatchObject([{ reason: 'booking', to: { name: 'Sam Seller' }, actor: { name: 'Mona Manager' } }]);
    // Out of Mona's scope, and at a location she does not work at.
    expect(await mona.call('client-interaction-add', { clientId: sol.id, kind: 'note', body: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const other = await unassigned(app, admin, 'Ola', north.id);
    expect(await mona.call('client-interaction-add', { clientId: other.id, kind: 'note', body: 'x', locationId: south.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const note = await admin.ok('client-interaction-add', { clientId: sol.id, kind: 'note', body: 'Asked for silver', staffId: jane.id, locationId: south.id });
    expect((await admin.ok('client-assignment', { clientId: sol.id })).history).toMatchObject([{ reason: 'manual', to: { name: 'Jane Seller' }, detail: { interactionId: note.id, kind: 'note' } }]);
  });

  it('a narrowed role records for itself; only with "record for other staff" for a colleague', async () => {
    const { app, admin, north, sam, nell } = await shop();
    const desk = await role(app, admin, 'Desk', ['session.use', 'client.view', 'client.edit'], [north.id]);
    expect(await desk.call('client-interaction-add', { clientId: nell.id, kind: 'note', body: 'Called', staffId: sam.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const front = await role(app, admin, 'Front', ['session.use', 'client.view', 'client.edit', 'interaction.record-others'], [north.id]);
    await front.ok('client-interaction-add', { clientId: nell.id, kind: 'note', body: 'Called', staffId: sam.id });
    expect((await admin.ok('client-assignment', { clientId: nell.id })).primary?.name).toBe('Sam Seller');
  });
});

describe('corrected or removed, with a reason', () => {
  it('the author corrects their sale and removes it; spend, visits and status follow; each change is audited with its reason', async () => {
    const { app, admin, sam, nell } = await shop();
    const sale = await sam.ok('client-interaction-add', { clientId: nell.id, kind: 'sale', amountCents: 12_500, occurredAt: '2026-02-14T15:30:00Z' });
    expect(await sam.ok('client-get', { id: nell.id })).toMatchObject({ status: 'existing', totalSpendCents: 12_500 });
    expect(await sam.call('client-interaction-update', { id: sale.id, amountCents: 11_000, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const fixed = await sam.ok('client-interaction-update', { id: sale.id, amountCents: 11_000, occurredAt: '2026-02-13T10:00:00Z', reason: 'Keyed 125 instead of 110' });
    expect(fixed).toMatchObject({ amountCents: 11_000, occurredAt: '2026-02-13T10:00:00.000Z' });
    expect(await sam.ok('client-get', { id: nell.id })).toMatchObject({ totalSpendCents: 11_000, lastVisitAt: '2026-02-13T10:00:00.000Z' });

    await sam.ok('client-interaction-delete', { id: sale.id, reason: 'Recorded on the wrong client' });
    expect(await sam.ok('client-get', { id: nell.id })).toMatchObject({ status: 'guest', totalSpendCents: 0 });
    expect((await sam.ok('client-activity', { clientId: nell.id, limit: 10 })).items).toEqual([]);
    const audit = await app.services.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', 'in', ['client.sale.correct', 'client.sale.remove']).orderBy('id').execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.before!) as unknown, JSON.parse(a.after!) as unknown])).toEqual([
      ['client.sale.correct', { interactionId: sale.id, amountCents: 12_500, occurredAt: '2026-02-14T15:30:00.000Z' }, { interactionId: sale.id, amountCents: 11_000, occurredAt: '2026-02-13T10:00:00.000Z', reason: 'Keyed 125 instead of 110' }],
      ['client.sale.remove', expect.objectContaining({ interactionId: sale.id, amountCents: 11_000, kind: 'sale' }), { reason: 'Recorded on the wrong client' }],
    ]);
    expect((await admin.ok('audit-list', { limit: 50 })).items.map((r) => r.summary)).toEqual(expect.arrayContaining(['Sale corrected', 'Sale removed']));
  });

  it('an Associate cannot correct a colleague’s; a Manager can, within their locations only; a purchases-hidden role cannot reach a sale', async () => {
    const { app, admin, south, mona, sam, jane, nell, sol } = await shop();
    // Nell is Sam's; the Manager records a sale with Jane on her.
    await sam.ok('client-interaction-add', { clientId: nell.id, kind: 'note', body: 'First visit' });
    const janes = await mona.ok('client-interaction-add', { clientId: nell.id, kind: 'sale', amountCents: 9_000, staffId: jane.id, occurredAt: '2026-04-01T10:00:00Z' });
    expect((await sam.ok('client-activity', { clientId: nell.id, limit: 10 })).items.map((i) => [i.kind, i.canChange])).toEqual([['note', true], ['sale', false]]);
    expect(await sam.call('client-interaction-update', { id: janes.id, amountCents: 1, reason: 'mine now' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('client-interaction-delete', { id: janes.id, reason: 'gone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The sale made Jane additional staff; Sam stays the primary.
    expect(await admin.ok('client-assignment', { clientId: nell.id })).toMatchObject({ primary: { name: 'Sam Seller' }, additional: [{ name: 'Jane Seller' }] });

    await mona.ok('client-interaction-update', { id: janes.id, staffId: sam.id, reason: 'Sam made this sale' });
    expect((await admin.ok('client-assignment', { clientId: nell.id })).additional).toEqual([]);

    const southern = await jane.ok('client-interaction-add', { clientId: sol.id, kind: 'sale', amountCents: 4_000, locationId: south.id });
    expect(await mona.call('client-interaction-delete', { id: southern.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.ok('client-get', { id: sol.id })).toMatchObject({ totalSpendCents: 4_000 });

    const r = await admin.ok('role-create', { name: 'Quiet', baseRole: 'manager', permissions: ['session.use', 'client.view', 'client.edit', 'interaction.correct-others'], visibility: 'all', hiddenFields: ['purchases'] });
    await admin.ok('staff-create', { name: 'Quinn', username: 'quinn', role: 'manager', customRoleId: r.id, password: PASSWORD });
    const quinn = connect(app);
    await quinn.ok('session-login', { username: 'quinn', password: PASSWORD });
    expect(await quinn.call('client-interaction-delete', { id: southern.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const note = await jane.ok('client-interaction-add', { clientId: sol.id, kind: 'note', body: 'Likes silver', locationId: south.id });
    await quinn.ok('client-interaction-update', { id: note.id, body: 'Likes silver and gold', reason: 'Added what she said' });
  });
});
