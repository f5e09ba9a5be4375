/**
 * The client's customer id (the POS's id for them): imported from Shopify's 'Customer ID'
 * or a customer_id column, edited on the profile, unique in the book, and the key a sales
 * file finds the client by. As an Admin, a Manager of North, an Associate and a narrowed
 * role that hides contact details, with clients in and out of scope.
 */
import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession } from '../helpers/app';
import { importCsv, upload } from '../helpers/files';

const PASSWORD = 'a long enough password';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'S1', locationIds: [north.id] });
  return { app, admin, north, south, mona, sam };
}

const idOf = async (admin: ReturnType<typeof connect>, name: string) => (await admin.ok('client-list', { query: name, limit: 5 })).items[0]!.id;

describe('customer id', () => {
  it('is read from Shopify’s "Customer ID" and a customer_id column, and a sales file then finds the clients by it', async () => {
    const { admin, north } = await shop();
    const shopify = 'Customer ID,First Name,Last Name,Email\n\'7001,Ana,Shopify,ana@example.com\n7002,Ben,Shopify,\n';
    const { inspection, result } = await importCsv(admin, shopify, { locationId: north.id });
    expect(inspection.mapping).toEqual(['customerId', 'firstName', 'lastName', 'email']);
    expect(result).toMatchObject({ created: 2, rejected: 0 });
    const plain = await importCsv(admin, 'first_name,customer_id\nCy,C-9\n', { locationId: north.id });
    expect(plain.inspection.mapping).toEqual(['firstName', 'customerId']);
    expect((await admin.ok('client-get', { id: await idOf(admin, 'Ana') })).externalId).toBe('7001');
    expect((await admin.ok('client-get', { id: await idOf(admin, 'Cy') })).externalId).toBe('C-9');

    const sales = 'transaction_id,customer_id,associate_pos_id,amount,sold_at\nT1,7002,S1,40.00,2026-01-05\nT2,C-9,S1,15.00,2026-01-06\nT3,nobody,S1,1,2026-01-07\n';
    const report = await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', sales), mode: 'ongoing' });
    expect(report).toMatchObject({ imported: 2, problems: 1, assignedBySale: 2 });
    expect((await admin.ok('client-get', { id: await idOf(admin, 'Ben') })).totalSpendCents).toBe(4000);
  });

  it('an import that repeats a customer id another client holds leaves it empty with a warning; an update fills a blank one', async () => {
    const { admin, north } = await shop();
    await importCsv(admin, 'First name,Email,Customer id\nAna,ana@example.com,7001\nDup,dup@example.com,7001\nEve,eve@example.com,\n', { locationId: north.id });
    const dup = await admin.ok('client-get', { id: await idOf(admin, 'Dup') });
    expect(dup.externalId).toBeNull();
    const second = await importCsv(admin, 'First name,Email,Customer id\nEve,eve@example.com,7005\nAna,ana@example.com,7009\n', { locationId: north.id, onDuplicate: 'fill' });
    expect(second.result).toMatchObject({ updated: 1, skipped: 1 });
    expect((await admin.ok('client-get', { id: await idOf(admin, 'Eve') })).externalId).toBe('7005');
    expect((await admin.ok('client-get', { id: await idOf(admin, 'Ana') })).externalId).toBe('7001');
  });

  it('is edited on the profile by whoever edits the client, unique, named only to those who see its holder', async () => {
    const { app, admin, north, south, mona, sam } = await shop();
    const nia = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North', externalId: 'N-1' });
    expect(nia.externalId).toBe('N-1');
    const edited = await sam.ok('client-update', { id: nia.id, version: nia.version, externalId: 'N-2' });
    expect(edited.externalId).toBe('N-2');
    const audit = await app.services.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'client.update').where('entity_id', '=', nia.id).executeTakeFirstOrThrow();
    expect([audit.before, audit.after]).toEqual([JSON.stringify({ external_id: 'N-1' }), JSON.stringify({ external_id: 'N-2' })]);

    // Sol is at South: outside Mona's scope. Her customer id is refused to Mona without her name.
    const sol = await admin.ok('client-create', { firstName: 'Sol', lastName: 'South', externalId: 'S-1' });
    await app.services.db.updateTable('clients').set({ home_location_id: south.id }).where('id', '=', sol.id).execute();
    const refused = await mona.call('client-update', { id: edited.id, version: edited.version, externalId: 'S-1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'This customer id already belongs to another client, one you cannot see.' } });
    const named = await admin.call('client-update', { id: edited.id, version: edited.version, externalId: 'S-1' });
    expect(named).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'This customer id already belongs to another client: Sol South.' } });
    expect(await mona.call('client-update', { id: sol.id, version: sol.version, externalId: 'S-9' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await mona.ok('client-update', { id: edited.id, version: edited.version, externalId: null })).toMatchObject({ externalId: null });
    void north;
  });

  it('a role that hides contact details imports sales by customer id, not by email', async () => {
    const { app, admin, north } = await shop();
    await importCsv(admin, 'First name,Customer id\nQuin,Q-1\n', { locationId: north.id });
    const r = await admin.ok('role-create', { name: 'Till', baseRole: 'manager', permissions: ['session.use', 'client.view', 'import'], visibility: 'all', hiddenFields: ['contact'] });
    await admin.ok('staff-create', { name: 'Tilly', username: 'tilly', role: 'manager', customRoleId: r.id, password: PASSWORD });
    const tilly = connect(app);
    await tilly.ok('session-login', { username: 'tilly', password: PASSWORD });
    const byEmail = await tilly.call('sales-import', { uploadId: await upload(tilly, 'e.csv', 'transaction_id,client_email,amount,sold_at\nE1,q@example.com,5,2026-01-01\n'), mode: 'ongoing' });
    expect(byEmail).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const byId = await tilly.ok('sales-import', { uploadId: await upload(tilly, 'c.csv', 'transaction_id,customer_id,amount,sold_at\nQ1,Q-1,5,2026-01-01\n'), mode: 'ongoing' });
    expect(byId).toMatchObject({ imported: 1 });
  });
});
