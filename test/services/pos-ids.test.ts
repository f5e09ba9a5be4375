/**
 * Several POS ids per staff member, mapped many at once, and onboarding re-run with a
 * preview of who moves: as an Admin, a Manager of one location, an Associate and a narrowed
 * custom role, with clients in and out of their scope.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { upload } from '../helpers/files';

const PASSWORD = 'a long enough password';
const HEADER = 'transaction_id,client_email,associate_pos_id,amount,sold_at,store';

/** North and South; Sam (POS id S1) and Jane (J1) sell at both; Mona manages North. */
async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'S1', locationIds: [north.id, south.id] });
  const jane = await staffSession(app, admin, { name: 'Jane Seller', username: 'jane', role: 'associate', posAssociateId: 'J1', locationIds: [north.id, south.id] });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
  return { app, admin, north, south, sam, jane, mona };
}

/** A client as an import brings them: no staff member, at home at `home`. */
async function unassigned(app: App, admin: TestClient, email: string, home: number) {
  const c = await admin.ok('client-create', { firstName: email.split('@')[0]!, lastName: 'Client', email });
  await app.services.db.updateTable('clients').set({ assigned_staff_id: null, home_location_id: home }).where('id', '=', c.id).execute();
  await app.services.db.deleteFrom('assignment_history').where('client_id', '=', c.id).execute();
  return c;
}

const primaryOf = async (app: App, clientId: number) =>
  (await app.services.db.selectFrom('clients').leftJoin('staff', 'staff.id', 'clients.assigned_staff_id').select('staff.name').where('clients.id', '=', clientId).executeTakeFirstOrThrow()).name;

/**
 * Onboarding over a history in which Sam sold under two ids (S1 and S2, a second till) and
 * only S1 is mapped: North's Nell and South's Sue each spent 600 with S1, 600 with S2 and
 * 1,000 with Jane, so they go to Jane; Ola at North bought only from S2 and stays Unassigned.
 */
async function onboarded() {
  const s = await shop();
  const nell = await unassigned(s.app, s.admin, 'nell@example.com', s.north.id);
  const sue = await unassigned(s.app, s.admin, 'sue@example.com', s.south.id);
  const ola = await unassigned(s.app, s.admin, 'ola@example.com', s.north.id);
  const csv = [
    HEADER,
    'n1,nell@example.com,S1,600,2024-01-01,North',
    'n2,nell@example.com,S2,600,2024-02-01,North',
    'n3,nell@example.com,J1,1000,2024-03-01,North',
    's1,sue@example.com,S1,600,2024-01-01,South',
    's2,sue@example.com,S2,600,2024-02-01,South',
    's3,sue@example.com,J1,1000,2024-03-01,South',
    'o1,ola@example.com,S2,80,2024-01-05,North',
  ].join('\n');
  const report = await s.admin.ok('sales-import', { uploadId: await upload(s.admin, 'history.csv', csv), mode: 'onboarding' });
  expect(report).toMatchObject({ imported: 7, unmapped: [{ posAssociateId: 'S2', clients: 1 }] });
  expect([await primaryOf(s.app, nell.id), await primaryOf(s.app, sue.id), await primaryOf(s.app, ola.id)]).toEqual(['Jane Seller', 'Jane Seller', null]);
  return { ...s, nell, sue, ola };
}

describe('several POS ids per staff member', () => {
  it('mapping a second id to Sam keeps his first: both are his, and onboarding counts the sales of both', async () => {
    const { app, admin, sam, nell, sue, ola } = await onboarded();
    const result = await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'S2', staffId: sam.id }] });
    expect(result).toMatchObject({ applied: true, mapped: 1 });
    const ids = await admin.ok('pos-id-list', {});
    expect(ids.map((p) => [p.posAssociateId, p.staff?.name ?? null])).toEqual([
      ['J1', 'Jane Seller'],
      ['S1', 'Sam Seller'],
      ['S2', 'Sam Seller'],
    ]);
    expect((await admin.ok('staff-list', {})).find((s) => s.id === sam.id)?.posAssociateIds).toEqual(['S1', 'S2']);

    // The preview says who moves, and moves nobody.
    const preview = await admin.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, importId: null });
    expect(preview.moves).toEqual([
      { from: { id: expect.any(Number), name: 'Jane Seller' }, to: { id: sam.id, name: 'Sam Seller' }, clients: 2 },
      { from: null, to: { id: sam.id, name: 'Sam Seller' }, clients: 1 },
    ]);
    expect(preview.moveSample.map((m) => [m.client.name, m.from?.name ?? null, m.to.name, m.totalCents])).toEqual([
      ['nell Client', 'Jane Seller', 'Sam Seller', 120000],
      ['sue Client', 'Jane Seller', 'Sam Seller', 120000],
      ['ola Client', null, 'Sam Seller', 8000],
    ]);
    expect(await primaryOf(app, nell.id)).toBe('Jane Seller');

    const applied = await admin.ok('sales-onboarding-rerun', {});
    expect(applied.moves).toEqual(preview.moves);
    expect([await primaryOf(app, nell.id), await primaryOf(app, sue.id), await primaryOf(app, ola.id)]).toEqual(['Sam Seller', 'Sam Seller', 'Sam Seller']);
    const history = (await admin.ok('client-assignment', { clientId: nell.id })).history[0];
    expect(history).toMatchObject({ reason: 'onboarding', from: { name: 'Jane Seller' }, to: { name: 'Sam Seller' }, detail: { totalCents: 120000 } });
    // Nothing left to move: a second run changes nobody.
    expect((await admin.ok('sales-onboarding-rerun', { dryRun: true })).moves).toEqual([]);
  });

  it('never moves a client someone assigned by hand, even when onboarding would now choose another', async () => {
    const { app, admin, sam, jane, nell } = await onboarded();
    // Handed to Sam and back to Jane by hand: Jane's by a person's choice now, not onboarding's.
    await admin.ok('client-assign', { clientId: nell.id, staffId: sam.id });
    await admin.ok('client-assign', { clientId: nell.id, staffId: jane.id });
    await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'S2', staffId: sam.id }] });
    const preview = await admin.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview.moveSample.map((m) => m.client.name)).toEqual(['sue Client', 'ola Client']);
    await admin.ok('sales-onboarding-rerun', {});
    expect(await primaryOf(app, nell.id)).toBe('Jane Seller');
  });

  it('the staff form keeps every id it shows, and an id held by someone else is refused there', async () => {
    const { admin, sam, jane } = await shop();
    await admin.ok('staff-update', { id: sam.id, posAssociateIds: ['S1', 'S9'] });
    expect((await admin.ok('staff-list', {})).find((s) => s.id === sam.id)?.posAssociateIds).toEqual(['S1', 'S9']);
    const taken = await admin.call('staff-update', { id: jane.id, posAssociateIds: ['J1', 'S9'] });
    expect(taken).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'POS associate id S9 is already mapped to Sam Seller.' } });
  });
});

describe('mapping many POS ids at once', () => {
  it('reads a pasted CSV of pos_id,username, maps every line and audits each', async () => {
    const { app, admin, sam, jane } = await onboarded();
    const csv = 'pos_id,username\nS2,sam\nS3,Sam\nJ2,jane\nS1,sam\n';
    const dry = await admin.ok('pos-id-map', { csv, dryRun: true });
    expect(dry).toMatchObject({ applied: false, mapped: 3 });
    expect((await admin.ok('staff-list', {})).find((s) => s.id === sam.id)?.posAssociateIds).toEqual(['S1']);
    const done = await admin.ok('pos-id-map', { csv });
    expect(done.rows.map((r) => [r.line, r.posAssociateId, r.staff?.name, r.status])).toEqual([
      [2, 'S2', 'Sam Seller', 'mapped'],
      [3, 'S3', 'Sam Seller', 'mapped'],
      [4, 'J2', 'Jane Seller', 'mapped'],
      [5, 'S1', 'Sam Seller', 'already'],
    ]);
    const staff = await admin.ok('staff-list', {});
    expect(staff.find((s) => s.id === sam.id)?.posAssociateIds).toEqual(['S1', 'S2', 'S3']);
    expect(staff.find((s) => s.id === jane.id)?.posAssociateIds).toEqual(['J1', 'J2']);
    const audit = await app.services.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'staff.pos-id-map').orderBy('id').execute();
    expect(audit.map((a) => [a.entity_id, (JSON.parse(a.after!) as { posAssociateId: string }).posAssociateId])).toEqual([
      [sam.id, 'S2'],
      [sam.id, 'S3'],
      [jane.id, 'J2'],
    ]);
  });

  it('is all or nothing: an unknown username or an id mapped to someone else is said on its line, and nothing is mapped', async () => {
    const { app, admin } = await onboarded();
    const result = await admin.ok('pos-id-map', { csv: 'S2,sam\nX1,nobody\nJ1,sam\nS4,sam\nS4,jane' });
    expect(result.applied).toBe(false);
    expect(result.rows.map((r) => [r.line, r.status, r.error])).toEqual([
      [1, 'mapped', null],
      [2, 'error', 'No staff member with the username "nobody"'],
      [3, 'error', 'POS id J1 is already mapped to Jane Seller'],
      [4, 'mapped', null],
      [5, 'error', 'POS id S4 is listed twice, for different people'],
    ]);
    expect(await app.services.db.selectFrom('staff_pos_ids').select('pos_associate_id').orderBy('pos_associate_id').execute()).toEqual([
      { pos_associate_id: 'J1' },
      { pos_associate_id: 'S1' },
    ]);
    expect(await app.services.db.selectFrom('audit_log').select('id').where('action', '=', 'staff.pos-id-map').execute()).toEqual([]);
  });

  it('Managers, Associates and a role without staff management cannot map; a narrowed staff-management role maps only for staff within its rights', async () => {
    const { app, admin, north, sam, jane, mona } = await onboarded();
    const map = { mappings: [{ posAssociateId: 'S2', staffId: sam.id }] };
    expect(await mona.call('pos-id-map', map)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('pos-id-map', map)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // An office role that manages staff at North and holds only a few actions: it cannot map ids to Associates, who hold more.
    const office = await admin.ok('role-create', { name: 'Office', baseRole: 'manager', permissions: ['session.use', 'client.view', 'staff.manage', 'import'], visibility: 'locations' });
    const olly = await admin.ok('staff-create', { name: 'Olly Office', username: 'olly', role: 'manager', customRoleId: office.id, password: PASSWORD, locationIds: [north.id] });
    const ollyClient = connect(app);
    await ollyClient.ok('session-login', { username: 'olly', password: PASSWORD });
    const refused = await ollyClient.ok('pos-id-map', { csv: 'S2,sam\nO1,olly' });
    expect(refused.applied).toBe(false);
    expect(refused.rows[0]).toMatchObject({ status: 'error', error: expect.stringContaining('You cannot give rights you do not hold yourself') });
    expect(refused.rows[1]).toMatchObject({ status: 'mapped', staff: { id: olly.id } });
    expect(await ollyClient.ok('pos-id-map', { csv: 'O1,olly' })).toMatchObject({ applied: true, mapped: 1 });
    expect((await admin.ok('staff-list', {})).find((s) => s.id === jane.id)?.posAssociateIds).toEqual(['J1']);
  });
});

describe('re-running onboarding within the runner’s scope', () => {
  it('a North Manager’s preview and re-run move only North’s clients; South’s stay as they are', async () => {
    const { app, admin, sam, mona, nell, sue, ola } = await onboarded();
    await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'S2', staffId: sam.id }] });
    const preview = await mona.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview.moveSample.map((m) => m.client.name)).toEqual(['nell Client', 'ola Client']);
    await mona.ok('sales-onboarding-rerun', {});
    expect([await primaryOf(app, nell.id), await primaryOf(app, sue.id), await primaryOf(app, ola.id)]).toEqual(['Sam Seller', 'Jane Seller', 'Sam Seller']);
  });

  it('an Associate cannot re-run or preview it; a role that hides purchases sees who moves but not the totals', async () => {
    const { app, admin, sam } = await onboarded();
    expect(await sam.call('sales-onboarding-rerun', { dryRun: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'S2', staffId: sam.id }] });
    const desk = await admin.ok('role-create', {
      name: 'Desk', baseRole: 'manager', permissions: ['session.use', 'client.view', 'client.assign-others', 'import'], visibility: 'all', hiddenFields: ['purchases'],
    });
    await admin.ok('staff-create', { name: 'Dee Desk', username: 'dee', role: 'manager', customRoleId: desk.id, password: PASSWORD });
    const dee = connect(app);
    await dee.ok('session-login', { username: 'dee', password: PASSWORD });
    const preview = await dee.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview.moveSample.map((m) => [m.client.name, m.totalCents])).toEqual([
      ['nell Client', null],
      ['sue Client', null],
      ['ola Client', null],
    ]);
  });
});
