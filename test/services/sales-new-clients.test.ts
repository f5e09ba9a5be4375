/**
 * A sale for a person not yet in the book: when the line names them (a name, and an email,
 * phone or customer id) the client is added, at home at the sale's store, and assigned by
 * the usual rules; otherwise the line is reported as before. Matching follows the book's
 * rule: email first, phone only where one side has no email. As an Admin, a Manager of
 * North, an Associate and a narrowed import role without "add clients".
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { upload } from '../helpers/files';

const PASSWORD = 'a long enough password';
const HEADER = 'transaction_id,first_name,last_name,client_email,client_phone,customer_id,associate_pos_id,amount,sold_at,store';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'S1', locationIds: [north.id, south.id] });
  const jane = await staffSession(app, admin, { name: 'Jane Seller', username: 'jane', role: 'associate', posAssociateId: 'J1', locationIds: [north.id, south.id] });
  return { app, admin, north, south, mona, sam, jane };
}

const importSales = (who: TestClient, lines: string[], mode: 'onboarding' | 'ongoing', dryRun = false) =>
  upload(who, 'sales.csv', [HEADER, ...lines].join('\n')).then((uploadId) => who.ok('sales-import', { uploadId, mode, dryRun }));

const clientRows = (app: App) =>
  app.services.db
    .selectFrom('clients')
    .leftJoin('staff', 'staff.id', 'clients.assigned_staff_id')
    .leftJoin('locations', 'locations.id', 'clients.home_location_id')
    .select(['clients.first_name', 'clients.last_name', 'clients.email', 'clients.phone_e164', 'clients.external_id', 'staff.name as assigned', 'locations.name as home', 'clients.total_spend_cents'])
    .orderBy('clients.id')
    .execute();

describe('a sale for a person not yet in the book', () => {
  it('after onboarding: the buyer is added at the sale’s store and goes to the seller; a line that names nobody is reported', async () => {
    const { app, admin } = await shop();
    await importSales(admin, [], 'onboarding');
    const report = await importSales(admin, [
      'T1,Zoe,Zander,zoe@example.com,,,S1,120.00,2026-01-05,North',
      'T2,Zoe,Zander,ZOE@example.com,,,J1,30.00,2026-01-06,North',
      'T3,,,nobody@example.com,,,S1,10.00,2026-01-07,North',
      'T4,Pia,Phone,,+1 212 555 0142,,J1,50.00,2026-01-08,South',
      'T5,Cid,Customer,,,C-77,J1,25.00,2026-01-09,South',
    ], 'ongoing');
    expect(report).toMatchObject({ imported: 4, problems: 1, clientsCreated: 3, assignedBySale: 3 });
    expect(report.problemSample).toMatchObject([{ line: 4, reason: 'No client with email nobody@example.com' }]);
    expect(await clientRows(app)).toEqual([
      { first_name: 'Zoe', last_name: 'Zander', email: 'zoe@example.com', phone_e164: null, external_id: null, assigned: 'Sam Seller', home: 'North', total_spend_cents: 15000 },
      { first_name: 'Pia', last_name: 'Phone', email: null, phone_e164: '+12125550142', external_id: null, assigned: 'Jane Seller', home: 'South', total_spend_cents: 5000 },
      { first_name: 'Cid', last_name: 'Customer', email: null, phone_e164: null, external_id: 'C-77', assigned: 'Jane Seller', home: 'South', total_spend_cents: 2500 },
    ]);
    const zoe = (await admin.ok('client-list', { query: 'Zoe', limit: 5 })).items[0]!;
    expect((await admin.ok('client-assignment', { clientId: zoe.id })).history).toMatchObject([{ reason: 'sale', to: { name: 'Sam Seller' }, detail: { transactionId: 'T1' } }]);
    // The same file again adds nobody and no sale.
    expect(await importSales(admin, ['T1,Zoe,Zander,zoe@example.com,,,S1,120.00,2026-01-05,North'], 'ongoing')).toMatchObject({ imported: 0, duplicates: 1, clientsCreated: 0 });
  });

  it('in onboarding: added buyers go to the associate with the greatest spend; a dry run adds nobody', async () => {
    const { app, admin } = await shop();
    const lines = ['N1,Nia,New,nia@example.com,,,S1,100,2024-01-01,North', 'N2,Nia,New,nia@example.com,,,J1,300,2024-02-01,North'];
    expect(await importSales(admin, lines, 'onboarding', true)).toMatchObject({ clientsCreated: 1, imported: 2 });
    expect(await clientRows(app)).toEqual([]);
    const report = await importSales(admin, lines, 'onboarding');
    expect(report).toMatchObject({ clientsCreated: 1, assigned: [{ name: 'Jane Seller', clients: 1 }] });
    expect(await clientRows(app)).toMatchObject([{ first_name: 'Nia', assigned: 'Jane Seller', home: 'North', total_spend_cents: 40000 }]);
  });

  it('matches by phone only where one side has no email: a different email with the same phone is another person', async () => {
    const { app, admin } = await shop();
    await admin.ok('client-create', { firstName: 'Mum', lastName: 'Home', email: 'mum@example.com', phone: '+1 212 555 0100' });
    await admin.ok('client-create', { firstName: 'Gran', lastName: 'Home', phone: '+1 212 555 0199' });
    await importSales(admin, [], 'onboarding');
    const report = await importSales(admin, [
      'H1,Kid,Home,kid@example.com,+1 212 555 0100,,S1,20,2026-01-01,North',
      'H2,,,grandkid@example.com,+1 212 555 0199,,S1,30,2026-01-02,North',
    ], 'ongoing');
    expect(report).toMatchObject({ imported: 2, clientsCreated: 1 });
    expect((await clientRows(app)).map((c) => [c.first_name, c.total_spend_cents])).toEqual([['Mum', 0], ['Gran', 3000], ['Kid', 2000]]);
  });

  it('a North Manager adds buyers at North only, never reaches a South client; an Associate cannot import; a role that may not add clients has the line reported', async () => {
    const { app, admin, south, mona, sam } = await shop();
    const sol = await admin.ok('client-create', { firstName: 'Sol', lastName: 'South', email: 'sol@example.com' });
    await app.services.db.updateTable('clients').set({ home_location_id: south.id }).where('id', '=', sol.id).execute();
    await importSales(admin, [], 'onboarding');
    const report = await importSales(mona, [
      'M1,Max,North,max@example.com,,,S1,20,2026-01-01,North',
      'M2,Sol,South,sol@example.com,,,S1,20,2026-01-01,North',
      'M3,Sue,South,sue@example.com,,,S1,20,2026-01-01,South',
    ], 'ongoing');
    expect(report).toMatchObject({ imported: 1, clientsCreated: 1, problems: 2 });
    expect(report.problemSample.map((p) => p.reason)).toEqual(['Matches a client you cannot see (ask a Manager)', 'The store "South" is not one of your locations']);
    expect((await clientRows(app)).map((c) => [c.first_name, c.home])).toEqual([['Sol', 'South'], ['Max', 'North']]);
    expect((await mona.ok('client-list', { query: 'Max', limit: 5 })).items.map((c) => c.firstName)).toEqual(['Max']);

    // An Associate cannot even upload a sales file.
    expect(await sam.call('file-upload', { uploadId: null, name: 's.csv', offset: 0, data: Buffer.from(HEADER).toString('base64'), last: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const r = await admin.ok('role-create', { name: 'Till', baseRole: 'manager', permissions: ['session.use', 'client.view', 'import'], visibility: 'all' });
    await admin.ok('staff-create', { name: 'Tilly', username: 'tilly', role: 'manager', customRoleId: r.id, password: PASSWORD });
    const tilly = connect(app);
    await tilly.ok('session-login', { username: 'tilly', password: PASSWORD });
    const refused = await importSales(tilly, ['R1,Ray,New,ray@example.com,,,S1,5,2026-01-01,North'], 'ongoing');
    expect(refused).toMatchObject({ imported: 0, clientsCreated: 0, problemSample: [{ reason: 'No client with email ray@example.com' }] });
  });
});
