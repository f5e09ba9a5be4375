/**
 * The access model probed from outside, through the router, as shop staff would call it: a
 * curious or careless employee trying each channel as a custom role, against clients in and
 * out of their scope. Each test names the attempt and asserts what a person gets.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { importCsv, upload } from '../helpers/files';

const PASSWORD = 'a long enough password';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager' });
  await admin.ok('staff-update', { id: mona.id, locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'P-SAM' });
  await admin.ok('staff-update', { id: sam.id, locationIds: [north.id] });
  const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate', posAssociateId: 'P-KAI' });
  await admin.ok('staff-update', { id: kai.id, locationIds: [south.id] });
  // Kai's client at South: outside Mona's and Sam's scope.
  const southern = await kai.ok('client-create', { firstName: 'Sol', lastName: 'South', email: 'sol@example.com', phone: '+1 212 555 0101', notes: 'Prefers silver', birthday: '1980-05-04' });
  // Sam's own client at North.
  const samsOwn = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North', email: 'nia@example.com', phone: '+1 212 555 0199', notes: 'Likes gold', birthday: '1990-01-02' });
  return { app, admin, north, south, mona, sam, kai, southern, samsOwn };
}

async function role(admin: TestClient, name: string, baseRole: 'admin' | 'manager' | 'associate', permissions: string[], extra: Record<string, unknown> = {}) {
  return admin.ok('role-create', { name, baseRole, permissions: permissions as never, ...extra });
}

async function holder(app: App, admin: TestClient, username: string, roleId: number, baseRole: 'admin' | 'manager' | 'associate', locationIds?: number[]) {
  const staff = await admin.ok('staff-create', { name: username, username, role: baseRole, customRoleId: roleId, password: PASSWORD, locationIds });
  const client = connect(app);
  await client.ok('session-login', { username, password: PASSWORD });
  return Object.assign(client, { id: staff.id });
}

async function snapshot(app: App): Promise<string> {
  const tables = ['clients', 'interactions', 'client_staff', 'client_locations', 'client_tags', 'staff', 'staff_locations', 'roles', 'shop_settings', 'imports', 'import_rows', 'assignment_history', 'relationships', 'segments', 'outbox'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await app.services.db.selectFrom(t as 'clients').selectAll().execute());
  return JSON.stringify(out);
}

const refused = (r: { ok: boolean }) => r.ok === false;

describe('escalations are refused', () => {
  it('F1. a location-bound role with staff management cannot widen its scope by giving itself (or a twin account) more locations', async () => {
    const { app, admin, north, south, southern } = await shop();
    const office = await role(admin, 'Office', 'manager', ['session.use', 'client.view', 'staff.manage'], { visibility: 'locations' });
    const olly = await holder(app, admin, 'olly', office.id, 'manager', [north.id]);
    expect(await olly.call('client-get', { id: southern.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const self = await olly.call('staff-update', { id: olly.id, locationIds: [north.id, south.id] });
    const twin = await olly.call('staff-create', { name: 'Twin', username: 'twin', role: 'manager', customRoleId: office.id, password: PASSWORD, locationIds: [south.id] });
    // Both refused (locations decide what a location-scoped role sees; nobody grants scope they lack).
    const after = await olly.call('client-get', { id: southern.id });
    const t = connect(app);
    const twinSees = twin.ok && (await t.call('session-login', { username: 'twin', password: PASSWORD })).ok ? (await t.call('client-get', { id: southern.id })).ok : false;
    expect({ selfUpdate: self.ok, sees: after.ok, twinCreated: twin.ok, twinSees }).toEqual({ selfUpdate: false, sees: false, twinCreated: false, twinSees: false });
  });

  it('F1b. a staff-management role cannot move a built-in Associate’s POS id to itself (Associate holds actions it lacks)', async () => {
    const { app, admin, north, kai } = await shop();
    const office = await role(admin, 'Office', 'manager', ['session.use', 'client.view', 'staff.manage'], { visibility: 'locations' });
    const olly = await holder(app, admin, 'olly', office.id, 'manager', [north.id]);
    const a = await olly.call('staff-update', { id: kai.id, posAssociateIds: [] });
    const b = await olly.call('staff-update', { id: olly.id, posAssociateIds: ['P-KAI'] });
    const c = await olly.ok('pos-id-map', { mappings: [{ posAssociateId: 'P-KAI', staffId: olly.id }] });
    const d = await olly.ok('pos-id-map', { mappings: [{ posAssociateId: 'P-NEW', staffId: kai.id }] });
    expect({ cleared: a.ok, taken: b.ok, mapped: c.applied, mappedToKai: d.applied }).toEqual({ cleared: false, taken: false, mapped: false, mappedToKai: false });
  });

  it('F2. a client-import role without "assign clients to anyone" cannot give the imported clients to a colleague', async () => {
    const { app, admin, north, kai } = await shop();
    const imp = await role(admin, 'Importer', 'associate', ['session.use', 'client.view', 'import'], { visibility: 'own' });
    const ivy = await holder(app, admin, 'ivy', imp.id, 'associate', [north.id]);
    const uploadId = await upload(ivy, 'c.csv', 'First name,Email\nZed,zed@example.com\n');
    const insp = await ivy.ok('import-inspect', { uploadId });
    const r = await ivy.call('import-run', { uploadId, encoding: insp.encoding, delimiter: ',', mapping: insp.mapping, assign: { kind: 'staff', staffId: kai.id }, dryRun: false });
    const zed = await app.services.db.selectFrom('clients').select('assigned_staff_id').where('first_name', '=', 'Zed').executeTakeFirst();
    expect({ ok: r.ok, assignedTo: zed?.assigned_staff_id ?? null }).toMatchObject({ ok: false });
  });

  it('F3. a sales import in onboarding mode is refused to a role that may not assign others, as the re-run is', async () => {
    const { app, admin, north, sam } = await shop();
    const imp = await role(admin, 'Till', 'manager', ['session.use', 'client.view', 'import'], { visibility: 'all' });
    const tina = await holder(app, admin, 'tina', imp.id, 'manager', [north.id]);
    const c = await admin.ok('client-create', { firstName: 'Una', lastName: 'Assigned', email: 'una@example.com' });
    await admin.ok('client-assign', { clientId: c.id, staffId: null });
    expect(await tina.call('sales-onboarding-rerun', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at,location\nT1,una@example.com,P-SAM,10.00,2026-03-01,North\n';
    await tina.call('sales-import', { uploadId: await upload(tina, 's.csv', csv), mode: 'onboarding' });
    const row = await app.services.db.selectFrom('clients').select('assigned_staff_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.assigned_staff_id).not.toBe(sam.id);
  });
});

describe('hidden fields stay hidden', () => {
  it('F4. the audit log redacts sale amounts for a purchases-hidden reader and tags added in bulk for a tags-hidden one', async () => {
    const { app, admin, samsOwn } = await shop();
    await admin.ok('client-interaction-add', { clientId: samsOwn.id, kind: 'sale', amountCents: 98765 });
    await admin.ok('client-bulk-tag', { target: { ids: [samsOwn.id] }, tag: 'Secret-VIP' });
    const aud = await role(admin, 'Auditor', 'manager', ['session.use', 'client.view', 'audit.read'], { visibility: 'all', hiddenFields: ['purchases', 'tags'] });
    const aldo = await holder(app, admin, 'aldo', aud.id, 'manager');
    const log = JSON.stringify(await aldo.ok('audit-list', { entityId: samsOwn.id, limit: 200 }));
    const csv = (await aldo.ok('audit-export', { entityId: samsOwn.id })).csv;
    expect({ listAmount: log.includes('98765'), listTag: log.includes('Secret-VIP'), csvAmount: csv.includes('98765'), csvTag: csv.includes('Secret-VIP') }).toEqual({
      listAmount: false, listTag: false, csvAmount: false, csvTag: false,
    });
  });

  it('F5. a role hiding contact details cannot learn who holds a guessed email through a sales import', async () => {
    const { app, admin, samsOwn } = await shop();
    const clerk = await role(admin, 'Clerk', 'manager', ['session.use', 'client.view', 'import'], { visibility: 'all', hiddenFields: ['contact'] });
    const cleo = await holder(app, admin, 'cleo', clerk.id, 'manager');
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at\nT1,nia@example.com,,1.00,2026-03-01\nT2,nobody@example.com,,1.00,2026-03-01\n';
    const dry = await cleo.call('sales-import', { uploadId: await upload(cleo, 's.csv', csv), mode: 'ongoing', dryRun: true });
    // Today: imported 1, and the problem sample names only the unknown address: the guess is confirmed.
    const dryAnswer = dry.ok ? { imported: dry.value.imported, problems: dry.value.problemSample.map((p) => p.matchKey) } : 'refused';
    // Committed, the sale shows in Nia's activity, which ties the address to her.
    const real = await cleo.call('sales-import', { uploadId: await upload(cleo, 's2.csv', csv), mode: 'ongoing' });
    const niaActivity = await cleo.ok('client-activity', { clientId: samsOwn.id, limit: 20 });
    // Matching by a hidden field is refused, as the client import refuses mapping it.
    expect({ dryAnswer, committed: real.ok, saleOnNia: niaActivity.items.some((i) => i.kind === 'sale') }).toEqual({ dryAnswer: 'refused', committed: false, saleOnNia: false });
  });

  it('F6. a purchases-hidden role reads no purchase history in the activity', async () => {
    const { app, admin, samsOwn } = await shop();
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at\nTX-778,nia@example.com,P-SAM,250.00,2026-02-01\n';
    await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', csv), mode: 'ongoing' });
    const r = await role(admin, 'Front', 'associate', ['session.use', 'client.view'], { visibility: 'all', hiddenFields: ['purchases'] });
    const fred = await holder(app, admin, 'fred', r.id, 'associate');
    const activity = await fred.ok('client-activity', { clientId: samsOwn.id, limit: 20 });
    const assignment = await fred.ok('client-assignment', { clientId: samsOwn.id });
    const sale = activity.items.find((i) => i.kind === 'sale');
    expect(sale?.amountCents ?? null).toBeNull(); // holds
    const seen = { saleRowListed: !!sale, saleDate: sale?.occurredAt ?? null, assignmentKind: JSON.stringify(assignment).includes('TX-778') };
    expect(seen).toEqual({ saleRowListed: false, saleDate: null, assignmentKind: false });
  });
});

describe('daily work is not blocked', () => {
  it('F8. in a one-store shop (staff given no locations) a Manager sees the store’s clients and an Associate claims an Unassigned one', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mgr = await staffSession(app, admin, { name: 'Mo', username: 'mo', role: 'manager' });
    const assoc = await staffSession(app, admin, { name: 'Al', username: 'al', role: 'associate' });
    const { result } = await importCsv(admin, 'First name,Email\nWalk,walk@example.com\nIn,in@example.com\n');
    expect(result.created).toBe(2);
    const pool = (await admin.ok('client-list', { filters: { assigned: 'unassigned' } })).items;
    expect(pool.length).toBe(2);
    const mgrSees = (await mgr.ok('client-count', {})).count;
    const claim = await assoc.call('client-assign', { clientId: pool[0]!.id, staffId: assoc.id });
    // Both work at "Main store" (session workingLocation) and the clients' home is Main store.
    const where = (await mgr.ok('session-get', {}))!.workingLocation?.name;
    expect({ where, mgrSees, claimed: claim.ok ? true : `${claim.error.code}: ${claim.error.message}` }).toEqual({ where: 'Main store', mgrSees: 2, claimed: true });
  });

  it('F9. an own-visibility role sees the clients its import just created (Unassigned, in its store’s pool)', async () => {
    const { app, admin } = await shop();
    const imp = await role(admin, 'Importer', 'associate', ['session.use', 'client.view', 'import'], { visibility: 'own' });
    const ivy = await holder(app, admin, 'ivy', imp.id, 'associate');
    const { result } = await importCsv(ivy, 'First name,Email\nZed,zed@example.com\n');
    const zed = await ivy.ok('client-list', { query: 'Zed' });
    expect({ created: result.created, sees: zed.items.length }).toEqual({ created: 1, sees: 1 });
  });
});

describe('matching rows to clients', () => {
  it('F10. a client import never matches on phone when both sides have different emails (two different emails are two people)', async () => {
    const { app, admin, samsOwn } = await shop();
    const { result } = await importCsv(admin, 'First name,Last name,Email,Phone\nAnn,Family,ann.family@example.com,+1 212 555 0199\n', { onDuplicate: 'overwrite' });
    const nia = await app.services.db.selectFrom('clients').select(['email', 'first_name']).where('id', '=', samsOwn.id).executeTakeFirstOrThrow();
    expect({ created: result.created, niaEmail: nia.email, niaName: nia.first_name }).toEqual({ created: 1, niaEmail: 'nia@example.com', niaName: 'Nia' });
  });
});

describe('what held from the start', () => {
  it('out-of-scope ids are NOT_FOUND on every client channel, and nothing changes', async () => {
    const { app, sam, southern, samsOwn } = await shop();
    const before = await snapshot(app);
    const id = southern.id;
    const calls: [string, unknown][] = [
      ['client-get', { id }],
      ['client-update', { id, version: southern.version, firstName: 'X' }],
      ['client-activity', { clientId: id, limit: 10 }],
      ['client-interaction-add', { clientId: id, kind: 'note', body: 'x' }],
      ['client-delete', { id, version: southern.version }],
      ['client-assignment', { clientId: id }],
      ['client-assign', { clientId: id, staffId: sam.id }],
      ['relationship-list', { clientId: id }],
      ['relationship-create', { clientId: samsOwn.id, otherClientId: id, typeId: 1, side: 'name' }],
    ];
    for (const [ch, input] of calls) {
      const r = await sam.call(ch as 'client-get', input as never);
      expect([ch, r.ok ? 'ok' : r.error.code]).toEqual([ch, 'NOT_FOUND']);
      expect(JSON.stringify(r)).not.toMatch(/Sol|South|sol@|Kai/);
    }
    expect((await sam.ok('client-bulk-tag', { target: { ids: [id, samsOwn.id] }, tag: 'x' })).affected).toBe(1);
    await app.services.db.deleteFrom('client_tags').execute();
    const ex = await sam.ok('export-clients', { ids: [id] });
    expect(ex.rows).toBe(0);
    expect(await snapshot(app)).toBe(before.replace(/"tags":\[\]/, '"tags":[]'));
  });

  it('a contact-hidden role finds nobody by email/phone fragments, and cannot sort/filter by hidden groups', async () => {
    const { app, admin } = await shop();
    const r = await role(admin, 'NoContact', 'associate', ['session.use', 'client.view', 'client.edit'], { visibility: 'all', hiddenFields: ['contact', 'purchases', 'dates', 'tags'] });
    const nc = await holder(app, admin, 'nc', r.id, 'associate');
    for (const q of ['nia@', 'example', 'nia@example.com', '0199', '555 0199', '+12125550199', 'silver']) {
      expect([q, (await nc.ok('client-list', { query: q })).items.length, (await nc.ok('client-count', { query: q })).count]).toEqual([q, 0, 0]);
    }
    expect(refused(await nc.call('client-list', { sort: { by: 'totalSpend', dir: 'desc' } }))).toBe(true);
    expect(refused(await nc.call('client-list', { filters: { birthdayThisMonth: true } }))).toBe(true);
    expect(refused(await nc.call('client-bulk-delete', { target: { all: { filters: { lapsedDays: 10 } } } }))).toBe(true);
  });
});

describe('further attempts', () => {
  it('F11. a purchases-hidden role records no sale amounts it cannot see (status, from bookings and sales alike, stays a client fact)', async () => {
    const { app, admin, samsOwn } = await shop();
    await admin.ok('client-interaction-add', { clientId: samsOwn.id, kind: 'sale', amountCents: 5000 });
    const r = await role(admin, 'Front', 'associate', ['session.use', 'client.view', 'client.edit'], { visibility: 'all', hiddenFields: ['purchases'] });
    const fred = await holder(app, admin, 'fred', r.id, 'associate');
    const buyers = await fred.call('client-count', { filters: { status: 'existing' } });
    const wrote = await fred.call('client-interaction-add', { clientId: samsOwn.id, kind: 'sale', amountCents: 777 });
    expect({ statusFilter: buyers.ok, wroteAmount: wrote.ok }).toEqual({ statusFilter: true, wroteAmount: false });
  });

  it('F12. a contact-hidden role with merge rights cannot list the pairs that share a phone number', async () => {
    const { app, admin } = await shop();
    await admin.ok('client-create', { firstName: 'Pat', lastName: 'One', phone: '+1 212 555 0177' });
    await admin.ok('client-create', { firstName: 'Lee', lastName: 'Two', phone: '+1 212 555 0177' });
    const r = await role(admin, 'Tidy', 'manager', ['session.use', 'client.view', 'client.merge'], { visibility: 'all', hiddenFields: ['contact', 'dates'] });
    const tia = await holder(app, admin, 'tia', r.id, 'manager');
    const byPhone = await tia.call('client-duplicates', { reason: 'phone' });
    const byBirthday = await tia.call('client-duplicates', { reason: 'name-birthday' });
    expect({ phone: byPhone.ok ? byPhone.value.items.length : 'refused', birthday: byBirthday.ok ? 'ok' : 'refused' }).toEqual({ phone: 'refused', birthday: 'refused' });
  });

  it('HOLDS: an Associate at North claims an Unassigned client whose home is North', async () => {
    const { admin, sam, north } = await shop();
    await admin.ok('session-location-set', { locationId: north.id });
    const c = await admin.ok('client-create', { firstName: 'Pool', lastName: 'Client' });
    await admin.ok('client-assign', { clientId: c.id, staffId: null });
    const claimed = await sam.ok('client-assign', { clientId: c.id, staffId: sam.id });
    expect(claimed.primary?.id).toBe(sam.id);
  });

  it('HOLDS: others’ files, segments and jobs', async () => {
    const { admin, sam, mona } = await shop();
    const ex = await admin.ok('export-clients', { preset: 'clientele' });
    expect(await sam.call('file-read', { fileId: ex.fileId, offset: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const priv = await mona.ok('segment-save', { name: 'Mine only', filters: { mine: true } });
    const shared = await mona.ok('segment-save', { name: 'Shared', shared: true, filters: { status: 'guest' } });
    const privId = Number(priv.id.split(':')[1]);
    const sharedId = Number(shared.id.split(':')[1]);
    expect(await sam.call('segment-delete', { id: privId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('segment-delete', { id: sharedId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('segment-save', { id: sharedId, name: 'Hijack', filters: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('export-clients', { segmentId: priv.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('job-cancel', { jobId: '3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b' })).toMatchObject({ ok: false });
  });

  it('HOLDS: an address-hidden role gets no city in lists; a tags-hidden role cannot tag by edit or bulk', async () => {
    const { app, admin, samsOwn } = await shop();
    await admin.ok('client-update', { id: samsOwn.id, version: samsOwn.version, address: { city: 'Lyon' } });
    const r = await role(admin, 'Plain', 'associate', ['session.use', 'client.view', 'client.edit'], { visibility: 'all', hiddenFields: ['address', 'tags'] });
    const pia = await holder(app, admin, 'pia', r.id, 'associate');
    expect(JSON.stringify(await pia.ok('client-list', {}))).not.toContain('Lyon');
    expect((await pia.ok('client-count', { query: 'Lyon' })).count).toBe(0);
    const cur = await pia.ok('client-get', { id: samsOwn.id });
    expect(refused(await pia.call('client-update', { id: samsOwn.id, version: cur.version, tags: ['x'] }))).toBe(true);
    expect(refused(await pia.call('client-bulk-tag', { target: { ids: [samsOwn.id] }, tag: 'x' }))).toBe(true);
    expect(refused(await pia.call('client-update', { id: samsOwn.id, version: cur.version, address: { city: 'Paris' } }))).toBe(true);
  });

  it('HOLDS: a Manager at North cannot record an interaction at South, nor import a file whose rows hit South clients', async () => {
    const { app, mona, south, samsOwn, southern } = await shop();
    expect(await mona.call('client-interaction-add', { clientId: samsOwn.id, kind: 'note', body: 'x', locationId: south.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const before = await app.services.db.selectFrom('clients').selectAll().where('id', '=', southern.id).executeTakeFirstOrThrow();
    const { result } = await importCsv(mona, 'First name,Email,Notes\nHacked,sol@example.com,overwritten\n', { onDuplicate: 'overwrite' });
    expect(result.problems[0]?.reason).toBe('Matches a client you cannot see (ask a Manager)');
    expect(await app.services.db.selectFrom('clients').selectAll().where('id', '=', southern.id).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe('locations of recorded sales', () => {
  it('F13. a North Manager records sales only at North, by hand or from a file', async () => {
    const { app, mona, kai, south, samsOwn } = await shop();
    expect(await kai.call('client-get', { id: samsOwn.id })).toMatchObject({ ok: false });
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at,location\nT5,nia@example.com,,10.00,2026-03-01,South\n';
    await mona.ok('sales-import', { uploadId: await upload(mona, 's.csv', csv), mode: 'ongoing' });
    const at = await app.services.db.selectFrom('interactions').select('location_id').where('client_id', '=', samsOwn.id).where('kind', '=', 'sale').executeTakeFirst();
    expect(at?.location_id ?? null).not.toBe(south.id);
  });
});
