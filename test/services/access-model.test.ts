/**
 * The access model's findings, each as it was seen from outside: a leak (a person reaching a
 * client or a field outside their rights) or a block (a person kept from their own work).
 * Each test drives the router as the person would, and checks what they get and that the
 * book is unchanged where it must be.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { download, importCsv, upload } from '../helpers/files';

const PASSWORD = 'a long enough password';

/** Two locations; a North Manager, two Associates with POS ids, and clients on both sides. */
async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager' });
  await admin.ok('staff-update', { id: mona.id, locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'P-SAM' });
  const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate', posAssociateId: 'P-KAI' });
  // Seen at South only, and assigned to Kai: outside Mona's and Sam's scope.
  const southern = await kai.ok('client-create', { firstName: 'Sol', lastName: 'South', email: 'sol@example.com', notes: 'Prefers silver', birthday: '1980-05-04' });
  await kai.ok('client-interaction-add', { clientId: southern.id, kind: 'note', body: 'met at South' });
  await app.services.db.updateTable('interactions').set({ location_id: south.id }).where('client_id', '=', southern.id).execute();
  // Sam's own client, also seen at North.
  const samsOwn = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North', email: 'nia@example.com', notes: 'Likes gold', birthday: '1990-01-02' });
  return { app, admin, north, south, mona, sam, kai, southern, samsOwn };
}

/** Every row of every table the people's work writes to, to show a refused call changed nothing. */
async function snapshot(app: App): Promise<string> {
  const tables = ['clients', 'interactions', 'client_staff', 'client_locations', 'client_tags', 'staff', 'roles', 'shop_settings', 'imports', 'import_rows', 'assignment_history'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await app.services.db.selectFrom(t as 'clients').selectAll().execute();
  return JSON.stringify(out);
}

async function role(admin: TestClient, name: string, baseRole: 'admin' | 'manager' | 'associate', permissions: string[], extra: Record<string, unknown> = {}) {
  return admin.ok('role-create', { name, baseRole, permissions: permissions as never, ...extra });
}

async function holder(app: App, admin: TestClient, username: string, roleId: number, baseRole: 'admin' | 'manager' | 'associate') {
  const staff = await admin.ok('staff-create', { name: username, username, role: baseRole, customRoleId: roleId, password: PASSWORD });
  const client = connect(app);
  await client.ok('session-login', { username, password: PASSWORD });
  return Object.assign(client, { id: staff.id });
}

describe('leaks', () => {
  it('1. a Manager’s sales file cannot reach a client outside their locations, nor put them in anyone’s scope', async () => {
    const { app, mona, sam, southern } = await shop();
    const before = await app.services.db.selectFrom('clients').selectAll().where('id', '=', southern.id).executeTakeFirstOrThrow();
    const csv = ['transaction_id,client_email,associate_pos_id,amount,sold_at,location', `T1,sol@example.com,P-SAM,120.00,2026-03-01,North`].join('\n');
    const report = await mona.ok('sales-import', { uploadId: await upload(mona, 'sales.csv', csv), mode: 'ongoing' });
    expect(report.imported).toBe(0);
    expect(report.problemSample).toMatchObject([{ line: 2, reason: 'Matches a client you cannot see (ask a Manager)' }]);
    expect(await app.services.db.selectFrom('interactions').select('id').where('client_id', '=', southern.id).where('kind', '=', 'sale').execute()).toEqual([]);
    expect(await app.services.db.selectFrom('clients').selectAll().where('id', '=', southern.id).executeTakeFirstOrThrow()).toEqual(before);
    for (const who of [mona, sam]) {
      expect(await who.call('client-get', { id: southern.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('2. a client import by a role that hides contact, notes and dates can neither write nor probe them', async () => {
    const { app, admin } = await shop();
    const clerk = await role(admin, 'Clerk', 'manager', ['session.use', 'client.view', 'import'], { visibility: 'all', hiddenFields: ['contact', 'notes', 'dates'] });
    const cleo = await holder(app, admin, 'cleo', clerk.id, 'manager');
    const before = await snapshot(app);
    const csv = 'First name,Last name,Email,Notes,Birthday\nNia,North,nia@example.com,Overwritten,2000-01-01\n';
    const uploadId = await upload(cleo, 'people.csv', csv);
    const inspection = await cleo.ok('import-inspect', { uploadId });
    // Never suggested, so a person following the screen does not even try.
    expect(inspection.mapping).toEqual(['firstName', 'lastName', null, null, null]);
    for (const dryRun of [true, false]) {
      const run = await cleo.call('import-run', {
        uploadId, encoding: inspection.encoding, delimiter: ',', mapping: ['firstName', 'lastName', 'email', 'notes', 'birthday'], dryRun, onDuplicate: 'overwrite',
      });
      expect(run).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Your role cannot import Email, Notes, Birthday') } });
    }
    expect(await cleo.call('import-preview', { uploadId, encoding: inspection.encoding, delimiter: ',', mapping: ['firstName', null, 'email', null, null] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await snapshot(app)).toBe(before);
  });

  it('3. a duplicate email names its holder only to someone who may see them', async () => {
    const { sam, kai, admin, southern } = await shop();
    const blind = await sam.call('client-create', { firstName: 'Copy', email: 'SOL@example.com' });
    expect(blind).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'This email already belongs to another client, one you cannot see. Ask a Manager to look them up.' } });
    expect(JSON.stringify(blind)).not.toContain('Sol');
    expect(JSON.stringify(blind)).not.toContain(String(southern.id) + ',');
    if (!blind.ok) expect(blind.error.details?.existingClientId).toBeUndefined();
    for (const who of [kai, admin]) {
      expect(await who.call('client-create', { firstName: 'Copy', email: 'sol@example.com' })).toMatchObject({
        ok: false,
        error: { code: 'DUPLICATE', message: 'This email already belongs to another client: Sol South.', details: { existingClientId: southern.id } },
      });
    }
  });

  it('4a. a role given staff management creates no Admin and cannot touch the Admin’s account', async () => {
    const { app, admin } = await shop();
    const office = await role(admin, 'Office', 'admin', ['session.use', 'staff.manage']);
    const olly = await holder(app, admin, 'olly', office.id, 'admin');
    const before = await snapshot(app);
    const adminId = (await admin.ok('session-get', {}))!.staff.id;
    expect(await olly.call('staff-create', { name: 'Evil', username: 'evil', role: 'admin', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await olly.call('staff-reset-password', { id: adminId, password: 'taken over password' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await olly.call('staff-update', { id: adminId, active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await olly.call('staff-create', { name: 'Boss', username: 'boss', role: 'manager', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(app)).toBe(before);
    // Within its own rights it works: an account on its own role.
    expect((await olly.call('staff-create', { name: 'Twin', username: 'twin', role: 'admin', customRoleId: office.id, password: PASSWORD })).ok).toBe(true);
  });

  it('4b. a role with audit access reads neither out-of-scope clients nor hidden values in the log', async () => {
    const { app, admin, north, southern, samsOwn } = await shop();
    const auditor = await role(admin, 'Auditor', 'manager', ['session.use', 'client.view', 'audit.read'], { visibility: 'locations', hiddenFields: ['notes', 'dates'] });
    const aud = await holder(app, admin, 'aud', auditor.id, 'manager');
    await admin.ok('staff-update', { id: aud.id, locationIds: [north.id] });
    await admin.ok('client-interaction-add', { clientId: samsOwn.id, kind: 'note', body: 'seen' });
    await app.services.db.updateTable('interactions').set({ location_id: north.id }).where('client_id', '=', samsOwn.id).execute();
    const log = await aud.ok('audit-list', { entity: 'client', limit: 200 });
    expect(log.items.some((e) => e.entityId === southern.id)).toBe(false);
    const created = log.items.find((e) => e.entityId === samsOwn.id && e.action === 'client.create');
    expect(created).toBeDefined();
    expect(JSON.stringify(log)).not.toContain('Likes gold');
    expect(JSON.stringify(log)).not.toContain('1990-01-02');
    expect(created!.after).toMatchObject({ notes: '(hidden)', birthday: '(hidden)', firstName: 'Nia' });
    const exported = await aud.ok('audit-export', { entity: 'client' });
    expect(exported.csv).not.toContain('Prefers silver');
    expect(exported.csv).not.toContain('Likes gold');
    // The Admin reads it all.
    expect(JSON.stringify(await admin.ok('audit-list', { entity: 'client', limit: 200 }))).toContain('Prefers silver');
  });

  it('4c. a role with settings access cannot open every client to itself', async () => {
    const { app, admin } = await shop();
    const settingsRole = await role(admin, 'Settings', 'admin', ['session.use', 'client.view', 'settings.change'], { visibility: 'own' });
    const sue = await holder(app, admin, 'sue', settingsRole.id, 'admin');
    const before = await snapshot(app);
    for (const patch of [{ allClientsVisible: true }, { primaryCanHandOver: true }, { defaultAssigneeId: sue.id }]) {
      expect(await sue.call('settings-update', patch)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await snapshot(app)).toBe(before);
    expect((await sue.ok('settings-update', { shopName: 'Renamed' })).shopName).toBe('Renamed');
  });

  it('4d. a role with import access neither lists nor undoes an Admin’s import', async () => {
    const { app, admin } = await shop();
    const { result } = await importCsv(admin, 'First name,Email\nZed,zed@example.com\n');
    const importer = await role(admin, 'Importer', 'admin', ['session.use', 'client.view', 'import'], { visibility: 'own' });
    const ivy = await holder(app, admin, 'ivy', importer.id, 'admin');
    expect(await ivy.ok('import-history', {})).toEqual([]);
    const before = await snapshot(app);
    expect(await ivy.call('import-undo', { importId: result.importId! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await snapshot(app)).toBe(before);
  });

  it('5. Today hides a birthday the role may not see; merges copy no hidden field; reports and totals are scoped; plain export is its own permission', async () => {
    const { app, admin, sam, mona, north } = await shop();
    // Merge: a Manager whose role hides notes cannot take the other record's notes.
    const noNotes = await role(admin, 'No notes', 'manager', ['session.use', 'client.view', 'client.merge'], { visibility: 'all', hiddenFields: ['notes'] });
    const max = await holder(app, admin, 'max', noNotes.id, 'manager');
    const a = await admin.ok('client-create', { firstName: 'Ann', lastName: 'Dup', notes: 'keep me' });
    const b = await admin.ok('client-create', { firstName: 'Ann', lastName: 'Dup', notes: 'secret' });
    expect(await max.call('client-merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version, take: ['notes'] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await admin.ok('client-get', { id: a.id })).notes).toBe('keep me');

    // Plain CSV: refused to an Associate and a Manager, offered to the Admin.
    for (const who of [sam, mona]) {
      expect(await who.call('export-clients', { preset: 'clientele', mode: 'plain' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await admin.call('export-clients', { preset: 'clientele', mode: 'plain' })).ok).toBe(true);

    // Sales totals per POS id count only the reader's clients; another's problem report is not found.
    const csv = ['transaction_id,client_email,associate_pos_id,amount,sold_at,location', 'T9,nia@example.com,P-SAM,50.00,2026-03-01,North', 'T10,nobody@example.com,P-SAM,9.00,2026-03-01,North'].join('\n');
    const report = await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', csv), mode: 'ongoing' });
    await admin.ok('staff-update', { id: mona.id, locationIds: [north.id] });
    expect(await mona.call('sales-import-problems', { importId: report.importId! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await admin.ok('sales-import-problems', { importId: report.importId! })).rows).toBe(1);
    const monaTotals = await mona.ok('pos-id-list', {});
    const adminTotals = await admin.ok('pos-id-list', {});
    expect(adminTotals).toMatchObject([{ posAssociateId: 'P-SAM', sales: 1, totalCents: 5000 }]);
    // Nia was seen at North through this sale: in Mona's scope, so counted for her too.
    expect(monaTotals).toMatchObject([{ posAssociateId: 'P-SAM', sales: 1 }]);
    const hidesAll = await role(admin, 'Viewer', 'associate', ['session.use', 'client.view', 'import'], { visibility: 'own' });
    const vee = await holder(app, admin, 'vee', hidesAll.id, 'associate');
    expect(await vee.ok('pos-id-list', {})).toEqual([]);
  });

  it('5b. the Today list hides the event date from a role that hides dates', async () => {
    const { app, admin } = await shop();
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const mmdd = inAWeek.toISOString().slice(5, 10);
    const c = await admin.ok('client-create', { firstName: 'Bea', lastName: 'Birthday', birthday: `1985-${mmdd}` });
    await admin.ok('automation-create', { name: 'Birthday call', event: 'birthday', daysBefore: 7, channel: 'call', recipient: 'client', template: 'Call {{client.first_name}}', active: true });
    await admin.ok('automation-run', {});
    const noDates = await role(admin, 'No dates', 'manager', ['session.use', 'client.view', 'automation.manage'], { visibility: 'all', hiddenFields: ['dates'] });
    const nat = await holder(app, admin, 'nat', noDates.id, 'manager');
    const items = await nat.ok('outbox-list', { scope: 'everyone', include: 'all' });
    const mine = items.filter((i) => i.client.id === c.id);
    expect(mine.length).toBeGreaterThan(0);
    for (const item of mine) {
      expect(item.eventDate).toBeNull();
      expect(JSON.stringify(item)).not.toContain(mmdd);
      expect(item.reason).toBe('Bea Birthday’s birthday'.replace('’', "'"));
    }
    const asAdmin = (await admin.ok('outbox-list', { scope: 'everyone', include: 'all' })).filter((i) => i.client.id === c.id);
    expect(asAdmin[0]!.eventDate).toContain(mmdd);
  });
});

describe('onboarding within a scope', () => {
  it('a Manager’s onboarding re-run assigns only the Unassigned clients of their locations', async () => {
    const { app, admin, mona, sam, north, south } = await shop();
    const db = app.services.db;
    const at = '2026-03-01T10:00:00.000Z';
    const ids: number[] = [];
    for (const [name, location] of [['Nora', north.id], ['Saul', south.id]] as const) {
      const c = await admin.ok('client-create', { firstName: name });
      await db.updateTable('clients').set({ assigned_staff_id: null }).where('id', '=', c.id).execute();
      await db
        .insertInto('interactions')
        .values({ client_id: c.id, kind: 'sale', staff_id: sam.id, location_id: location, amount_cents: 9000, pos_associate_id: 'P-SAM', external_id: `T-${name}`, channel: 'POS import', added_by: null, body: null, occurred_at: at, created_at: at })
        .execute();
      ids.push(c.id);
    }
    await mona.ok('sales-onboarding-rerun', {});
    const rows = await db.selectFrom('clients').select(['id', 'assigned_staff_id']).where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => r.assigned_staff_id)).toEqual([sam.id, null]);
  });
});

describe('blocks', () => {
  it('8. handing a client over, or unassigning oneself, succeeds and says the client left one’s scope', async () => {
    const { app, admin, sam, kai, samsOwn } = await shop();
    await admin.ok('settings-update', { primaryCanHandOver: true });
    const handed = await sam.ok('client-assign', { clientId: samsOwn.id, staffId: kai.id });
    expect(handed).toMatchObject({ inYourScope: false, primary: { id: kai.id, name: 'Kai Seller' }, history: [] });
    expect((await admin.ok('client-assignment', { clientId: samsOwn.id })).primary?.id).toBe(kai.id);
    const released = await kai.ok('client-assign', { clientId: samsOwn.id, staffId: null });
    expect(released).toMatchObject({ clientId: samsOwn.id, primary: null });
    expect((await admin.ok('client-assignment', { clientId: samsOwn.id })).primary).toBeNull();
    void app;
  });

  it('9. adding a client whose email belongs to someone out of scope says what to do', async () => {
    const { sam } = await shop();
    const r = await sam.call('client-create', { firstName: 'Sol', email: 'sol@example.com' });
    expect(r).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: expect.stringContaining('Ask a Manager') } });
  });
});

describe('defaults that fit a shop', () => {
  it('an Associate trashes only the clients assigned to them; a Manager any they can see', async () => {
    const { app, admin, sam, kai, samsOwn } = await shop();
    await admin.ok('settings-update', { allClientsVisible: true });
    const kaisOwn = await kai.ok('client-create', { firstName: 'Kit' });
    const before = await snapshot(app);
    expect(await sam.call('client-delete', { id: kaisOwn.id, version: kaisOwn.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('client-bulk-delete', { target: { ids: [kaisOwn.id, samsOwn.id] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('1 selected client is not assigned to you') } });
    expect(await snapshot(app)).toBe(before);
    const fresh = await sam.ok('client-get', { id: samsOwn.id });
    expect((await sam.call('client-delete', { id: samsOwn.id, version: fresh.version })).ok).toBe(true);
  });

  it('exports hold only the exporter’s scope and visible fields', async () => {
    const { sam } = await shop();
    const file = await sam.ok('export-clients', { preset: 'clientele' });
    const text = (await download(sam, file.fileId)).toString('utf8');
    expect(text).toContain('Nia');
    expect(text).not.toContain('Sol');
  });
});
