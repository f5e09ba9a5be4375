/**
 * A client import writes an assignment-history row for every client it assigns, with the
 * reason: the importer's choice (or the row's 'Assigned to') is 'import', the shop's default
 * assignee is 'default-assignee'; Unassigned clients get none. As an Admin, a Manager of
 * one location, an Associate (who may not import) and a narrowed import role.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession } from '../helpers/app';
import { importCsv } from '../helpers/files';

const PASSWORD = 'a long enough password';

async function historyOf(app: App, firstName: string) {
  return app.services.db
    .selectFrom('assignment_history as h')
    .innerJoin('clients as c', 'c.id', 'h.client_id')
    .leftJoin('staff as t', 't.id', 'h.to_staff_id')
    .select(['h.reason', 't.name as to', 'h.actor_id', 'h.detail'])
    .where('c.first_name', '=', firstName)
    .execute();
}

describe('a client import records why it assigned each client', () => {
  it('writes import and default-assignee rows for the clients it assigns, none for the Unassigned ones', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const dee = await admin.ok('staff-create', { name: 'Dee Default', username: 'dee', role: 'associate', password: PASSWORD });
    await admin.ok('settings-update', { defaultAssigneeId: dee.id });

    const { result } = await importCsv(admin, 'First name,Assigned to\nAmy,sam\nBea,\nCal,nobody\n', { assign: { kind: 'column' } });
    expect(result.created).toBe(3);
    expect(await historyOf(app, 'Amy')).toMatchObject([{ reason: 'import', to: 'Sam Seller', detail: JSON.stringify({ importId: result.importId }) }]);
    expect(await historyOf(app, 'Bea')).toMatchObject([{ reason: 'default-assignee', to: 'Dee Default' }]);
    expect(await historyOf(app, 'Cal')).toMatchObject([{ reason: 'default-assignee', to: 'Dee Default' }]);

    await importCsv(admin, 'First name\nDan\n', { assign: { kind: 'me' } });
    await importCsv(admin, 'First name\nEve\n', { assign: { kind: 'default' } });
    await importCsv(admin, 'First name\nFay\n', { assign: { kind: 'unassigned' } });
    await importCsv(admin, 'First name\nGus\n', { assign: { kind: 'staff', staffId: sam.id } });
    expect(await historyOf(app, 'Dan')).toMatchObject([{ reason: 'import', to: 'Ada Admin' }]);
    expect(await historyOf(app, 'Eve')).toMatchObject([{ reason: 'default-assignee', to: 'Dee Default' }]);
    expect(await historyOf(app, 'Fay')).toEqual([]);
    expect(await historyOf(app, 'Gus')).toMatchObject([{ reason: 'import', to: 'Sam Seller' }]);

    // The profile says why.
    const gus = (await admin.ok('client-list', { query: 'Gus', limit: 5 })).items[0]!;
    expect((await sam.ok('client-assignment', { clientId: gus.id })).history).toMatchObject([{ reason: 'import', to: { name: 'Sam Seller' }, actor: { name: 'Ada Admin' } }]);
    // An updated client keeps its associate and gets no row; a dry run writes none.
    await importCsv(admin, 'First name,Assigned to\nHal,sam\n', { assign: { kind: 'column' }, dryRun: true });
    expect(await historyOf(app, 'Hal')).toEqual([]);
  });

  it('as a Manager of one location and a narrowed import role: rows for what they may assign; an Associate cannot import', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const north = await admin.ok('location-create', { name: 'North' });
    const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', locationIds: [north.id] });
    await importCsv(mona, 'First name,Assigned to\nIda,sam\n', { assign: { kind: 'column' }, locationId: north.id });
    expect(await historyOf(app, 'Ida')).toMatchObject([{ reason: 'import', to: 'Sam Seller', actor_id: mona.id }]);

    const importer = await admin.ok('role-create', { name: 'Importer', baseRole: 'associate', permissions: ['session.use', 'client.view', 'import', 'client.assign-self'], visibility: 'own' });
    await admin.ok('staff-create', { name: 'Ivy Import', username: 'ivy', role: 'associate', customRoleId: importer.id, password: PASSWORD, locationIds: [north.id] });
    const ivy = connect(app);
    await ivy.ok('session-login', { username: 'ivy', password: PASSWORD });
    const { result } = await importCsv(ivy, 'First name\nJo\n', { assign: { kind: 'me' }, locationId: north.id });
    expect(result.created).toBe(1);
    expect(await historyOf(app, 'Jo')).toMatchObject([{ reason: 'import', to: 'Ivy Import' }]);

    expect(await sam.call('import-history', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
