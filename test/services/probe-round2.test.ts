/**
 * The features of issues 17 and 18 probed from outside, through the router, as shop staff
 * would call them: an Admin, a Manager tied to North, an Associate at North and narrowed
 * custom roles, each against a client (and an appointment) in their scope and one outside it.
 * Each test names the attempt and asserts what the person gets; bad payloads are refused in
 * words and leave nothing half-written.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import type { Output } from '../../src-preload/contract';
import { connect, setUpShop, startApp, staffSession, testClock, type TestClient } from '../helpers/app';
import { download, upload } from '../helpers/files';

const PASSWORD = 'a long enough password';

async function shop() {
  const clock = testClock('2026-03-02T08:00:00.000Z');
  const app = await startApp({ now: clock.now, timeZone: 'Europe/Paris' });
  const admin = await setUpShop(app);
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const mona = await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager', locationIds: [north.id] });
  const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate', posAssociateId: 'P-SAM', locationIds: [north.id] });
  const kai = await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate', posAssociateId: 'P-KAI', locationIds: [south.id] });
  // Kai's client at South: outside Mona's and Sam's scope.
  const sol = await kai.ok('client-create', { firstName: 'Sol', lastName: 'South', email: 'sol@example.com', phone: '+1 212 555 0101', notes: 'Prefers silver', birthday: '1980-05-04', externalId: 'CUST-SOL' });
  // Sam's own client at North.
  const nia = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North', email: 'nia@example.com', phone: '+1 212 555 0199', notes: 'Likes gold', birthday: '1990-01-02' });
  // Kai's appointment with Sol at South; Sam's with Nia at North.
  const solAt = await admin.ok('appointment-create', { clientId: sol.id, staffId: kai.id, locationId: south.id, startAt: '2026-03-03T10:00:00+01:00', durationMinutes: 60, bookedThrough: 'phone', notes: 'Sol secret fitting' });
  const niaAt = await admin.ok('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-03T10:00:00+01:00', durationMinutes: 60, bookedThrough: 'phone', notes: 'Nia gold fitting' });
  return { app, clock, admin, north, south, mona, sam, kai, sol, nia, solAt, niaAt };
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

async function snapshot(app: App, tables: string[]): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await app.services.db.selectFrom(t as 'clients').selectAll().execute();
  return JSON.stringify(out);
}

const BOOK_TABLES = ['appointments', 'interactions', 'clients', 'assignment_history', 'audit_log', 'outbox'];

describe('appointments', () => {
  it('an Associate cannot read another staff member’s schedule through the overlap check (appointment-check)', async () => {
    const { sam, kai, mona, south, north, solAt } = await shop();
    const other = await sam.call('appointment-check', { staffId: kai.id, locationId: south.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 60 });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // His own check still works, with his own overlap.
    const own = await sam.ok('appointment-check', { staffId: sam.id, locationId: north.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 60 });
    expect(own.warnings.map((w) => w.kind)).toEqual(['overlap']);
    // Nor through a move's check of an appointment he does not reach.
    expect(await sam.call('appointment-check', { staffId: sam.id, locationId: north.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 60, excludeId: solAt.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A Manager, who books for others, checks a colleague's time.
    expect((await mona.ok('appointment-check', { staffId: kai.id, locationId: north.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 60 })).warnings.map((w) => w.kind)).toEqual(['overlap']);
  });

  it('each role reaches only its appointments: get, range, client list, status, cancel', async () => {
    const { admin, mona, sam, kai, sol, nia, solAt, niaAt, north, south } = await shop();
    for (const who of [mona, sam]) {
      expect(await who.call('appointment-get', { id: solAt.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect((await who.ok('appointment-range', { by: { staffId: kai.id }, from: '2026-03-02', days: 7 })).items).toEqual([]);
      expect((await who.ok('appointment-range', { by: { locationId: south.id }, from: '2026-03-02', days: 7 })).items).toEqual([]);
      expect(await who.call('appointment-client-list', { clientId: sol.id, when: 'upcoming', limit: 20 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await who.call('appointment-status', { id: solAt.id, version: solAt.version, status: 'completed' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await who.call('appointment-cancel', { id: solAt.id, version: solAt.version, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await who.call('appointment-update', { id: solAt.id, version: solAt.version, startAt: '2026-03-04T10:00:00Z' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await who.call('appointment-create', { clientId: sol.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-05T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // In scope: the Manager sees the North appointment, the Associate his own.
    expect((await mona.ok('appointment-range', { by: { locationId: north.id }, from: '2026-03-02', days: 7 })).items.map((i) => i.id)).toEqual([niaAt.id]);
    expect((await sam.ok('appointment-get', { id: niaAt.id })).notes).toBe('Nia gold fitting');
    // An Associate cannot book for a colleague, nor move or cancel a colleague's appointment of his client.
    expect(await sam.call('appointment-create', { clientId: nia.id, staffId: kai.id, locationId: north.id, startAt: '2026-03-05T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const withKai = await admin.ok('appointment-create', { clientId: nia.id, staffId: kai.id, locationId: north.id, startAt: '2026-03-06T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' });
    expect(await sam.call('appointment-update', { id: withKai.id, version: withKai.version, staffId: sam.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('appointment-cancel', { id: withKai.id, version: withKai.version, reason: 'mine now' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Admin reaches everything; the Manager books for the Associate at North.
    expect((await admin.ok('appointment-get', { id: solAt.id })).id).toBe(solAt.id);
    expect((await mona.ok('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-07T10:00:00Z', durationMinutes: 30, bookedThrough: 'walk_in' })).staff.id).toBe(sam.id);
  });

  it('a role hiding contact details and notes sees none of them on an appointment, its .ics file or its audit', async () => {
    const { app, admin, niaAt, sam, north } = await shop();
    const trainee = await role(admin, 'Trainee', 'manager', ['session.use', 'client.view', 'appointment.view', 'audit.read', 'export'], { visibility: 'all', hiddenFields: ['contact', 'notes'] });
    const tess = await holder(app, admin, 'tess', trainee.id, 'manager', [north.id]);
    const a = await tess.ok('appointment-get', { id: niaAt.id });
    expect({ email: a.client.email, phone: a.client.phone, notes: a.notes }).toEqual({ email: null, phone: null, notes: null });
    const ics = await tess.ok('appointment-ics', { by: { staffId: sam.id }, from: '2026-03-01', to: '2026-03-31' });
    expect(ics.count).toBe(1);
    expect({ email: ics.ics.includes('nia@example.com'), phone: ics.ics.includes('555'), notes: ics.ics.includes('gold fitting') }).toEqual({ email: false, phone: false, notes: false });
    const audit = JSON.stringify(await tess.ok('audit-list', { entity: 'appointment', limit: 100 }));
    expect({ notes: audit.includes('gold fitting'), email: audit.includes('nia@example.com') }).toEqual({ notes: false, email: false });
  });

  it('an .ics file holds only the appointments the person reaches', async () => {
    const { admin, mona, sam, kai, south, north } = await shop();
    for (const who of [mona, sam]) {
      const byKai = await who.ok('appointment-ics', { by: { staffId: kai.id }, from: '2026-03-01', to: '2026-03-31' });
      const bySouth = await who.ok('appointment-ics', { by: { locationId: south.id }, from: '2026-03-01', to: '2026-03-31' });
      expect({ kai: byKai.count, south: bySouth.count, leaks: (byKai.ics + bySouth.ics).includes('Sol') }).toEqual({ kai: 0, south: 0, leaks: false });
    }
    expect((await sam.ok('appointment-ics', { by: { locationId: north.id }, from: '2026-03-01', to: '2026-03-31' })).count).toBe(1);
    expect((await admin.ok('appointment-ics', { by: { locationId: south.id }, from: '2026-03-01', to: '2026-03-31' })).ics).toContain('Sol');
  });

  it('bad appointment payloads are refused in words and write nothing', async () => {
    const { app, admin, nia, sam, north, niaAt } = await shop();
    const before = await snapshot(app, BOOK_TABLES);
    const bad = [
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-05T10:00:00Z', durationMinutes: 2, bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: 'tomorrow', durationMinutes: 30, bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: 9999, startAt: '2026-03-05T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: 9999, locationId: north.id, startAt: '2026-03-05T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, serviceId: 9999, startAt: '2026-03-05T10:00:00Z', bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-05T10:00:00Z', bookedThrough: 'phone' }),
      await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-03T09:30:00Z', durationMinutes: 30, bookedThrough: 'phone' }),
      await admin.call('appointment-update', { id: niaAt.id, version: niaAt.version + 5, startAt: '2026-03-04T10:00:00Z' }),
      await admin.call('appointment-cancel', { id: niaAt.id, version: niaAt.version, reason: '' }),
      await admin.call('appointment-status', { id: niaAt.id, version: niaAt.version, status: 'lost' as never }),
      await admin.call('location-hours-set', { locationId: north.id, days: [{ weekday: 1, opens: '18:00', closes: '09:00' }] }),
      await admin.call('service-create', { name: '', defaultDurationMinutes: 60 }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'OVERRIDE_REQUIRED', 'STALE', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION',
    ]);
    for (const r of bad) if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    expect(await snapshot(app, BOOK_TABLES)).toBe(before);
  });

  it('services and opening hours: only those holding the permission change them; everyone who views may read them', async () => {
    const { admin, mona, sam, north } = await shop();
    expect(await mona.call('service-create', { name: 'Fitting', defaultDurationMinutes: 45 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('location-hours-set', { locationId: north.id, days: [{ weekday: 1, opens: '09:00', closes: '18:00' }] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });
    expect((await sam.ok('service-list', {})).map((s) => s.name)).toEqual(['Fitting']);
    expect(await sam.call('location-hours-get', { locationId: north.id })).toMatchObject({ ok: true });
  });
});

describe('reports', () => {
  it('each role counts only its scope, and a purchases-hidden role is not told who lapsed', async () => {
    const { app, admin, mona, sam, kai, solAt, niaAt } = await shop();
    await admin.ok('appointment-status', { id: solAt.id, version: solAt.version, status: 'completed' });
    await admin.ok('appointment-status', { id: niaAt.id, version: niaAt.version, status: 'no_show' });
    const input = { from: '2026-03-01', to: '2026-03-31', period: 'month' as const, groupBy: 'staff' as const, lapsedDays: 90 };
    const sum = (r: Output<'report-run'>, k: 'newClients' | 'completed' | 'noShows') => r.rows.reduce((n, row) => n + row[k], 0);
    const all = await admin.ok('report-run', input);
    expect({ clients: sum(all, 'newClients'), completed: sum(all, 'completed'), noShows: sum(all, 'noShows') }).toEqual({ clients: 2, completed: 1, noShows: 1 });
    for (const who of [mona, sam]) {
      const r = await who.ok('report-run', input);
      expect({ clients: sum(r, 'newClients'), completed: sum(r, 'completed'), noShows: sum(r, 'noShows'), groups: r.rows.map((x) => x.group.id) }).toEqual({ clients: 1, completed: 0, noShows: 1, groups: [sam.id] });
    }
    expect(JSON.stringify(await kai.ok('report-run', input))).not.toContain('Sam');
    const blind = await role(admin, 'Counter', 'manager', ['session.use', 'client.view', 'report.view', 'export'], { visibility: 'all', hiddenFields: ['purchases'] });
    const cody = await holder(app, admin, 'cody', blind.id, 'manager');
    expect((await cody.ok('report-run', input)).lapsed).toBeNull();
    expect((await cody.ok('report-export', input)).csv).not.toContain('No visit in');
    const noExport = await role(admin, 'Viewer', 'manager', ['session.use', 'client.view', 'report.view'], { visibility: 'all' });
    const vic = await holder(app, admin, 'vic', noExport.id, 'manager');
    expect(await vic.call('report-export', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin.call('report-run', { ...input, from: '2026-04-01', to: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('finding people, customer id, merge', () => {
  it('the add-client warning and the customer-id clash never name a client outside scope', async () => {
    const { admin, sam, mona, nia, sol } = await shop();
    for (const who of [sam, mona]) {
      const look = await who.ok('client-lookalikes', { firstName: 'Sol', lastName: 'South', phone: '+1 212 555 0101', email: 'sol@example.com' });
      expect(look).toEqual([]);
      const clash = await who.call('client-update', { id: nia.id, version: (await who.ok('client-get', { id: nia.id })).version, externalId: 'CUST-SOL' });
      expect(JSON.stringify(clash)).not.toMatch(/Sol|South/);
    }
    const look = await admin.ok('client-lookalikes', { firstName: 'Sol', lastName: 'South', phone: '+1 212 555 0101' });
    expect(look.map((l) => l.client.id)).toEqual([sol.id]);
  });

  it('a merge reaches only clients in scope, and an Associate may not merge', async () => {
    const { app, mona, sam, nia, sol } = await shop();
    const niaV = (await mona.ok('client-get', { id: nia.id })).version;
    const twin = await sam.ok('client-create', { firstName: 'Nia', lastName: 'North', phone: '+1 212 555 0199' });
    const before = await snapshot(app, ['clients', 'appointments', 'interactions']);
    expect(await mona.call('client-merge', { survivorId: nia.id, survivorVersion: niaV, mergedId: sol.id, mergedVersion: 1, take: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await mona.call('client-merge', { survivorId: sol.id, survivorVersion: 1, mergedId: nia.id, mergedVersion: niaV, take: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('client-merge', { survivorId: nia.id, survivorVersion: niaV, mergedId: twin.id, mergedVersion: twin.version, take: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(app, ['clients', 'appointments', 'interactions'])).toBe(before);
  });
});

describe('interactions by hand', () => {
  it('an Associate corrects his own, not a colleague’s; nobody reaches an interaction of a client outside scope', async () => {
    const { admin, mona, sam, kai, nia, sol } = await shop();
    const mine = await sam.ok('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 1000 });
    const byAdmin = await admin.ok('client-interaction-add', { clientId: nia.id, kind: 'note', body: 'Admin note' });
    const south = await kai.ok('client-interaction-add', { clientId: sol.id, kind: 'note', body: 'Sol private note' });
    expect(await sam.call('client-interaction-update', { id: mine.id, amountCents: 1200, reason: 'Typo' })).toMatchObject({ ok: true });
    expect(await sam.call('client-interaction-update', { id: byAdmin.id, body: 'Mine now', reason: 'Mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const who of [sam, mona]) {
      const u = await who.call('client-interaction-update', { id: south.id, body: 'x', reason: 'y' });
      const d = await who.call('client-interaction-delete', { id: south.id, reason: 'y' });
      expect([u, d]).toMatchObject([{ ok: false, error: { code: 'NOT_FOUND' } }, { ok: false, error: { code: 'NOT_FOUND' } }]);
      expect(JSON.stringify([u, d])).not.toContain('Sol');
    }
    // The Manager corrects the Associate's sale on a North client (DESIGN: its author or a Manager).
    expect(await mona.call('client-interaction-delete', { id: mine.id, reason: 'Wrong client' })).toMatchObject({ ok: true });
    // An Associate cannot record a sale for a colleague, nor on a client outside scope.
    expect(await sam.call('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 10, staffId: kai.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('client-interaction-add', { clientId: sol.id, kind: 'sale', amountCents: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('export, automation preview, bulk assign, trash retention', () => {
  it('an export of chosen rows leaves out clients outside scope', async () => {
    const { mona, sam, nia, sol } = await shop();
    for (const who of [mona, sam]) {
      const out = await who.ok('export-clients', { ids: [nia.id, sol.id] });
      const text = (await download(who, out.fileId)).toString('utf8');
      expect({ rows: out.rows, sol: text.includes('sol@example.com') || text.includes('Sol') }).toEqual({ rows: 1, sol: false });
    }
  });

  it('an export by a contact-hidden role leaves the contact columns out', async () => {
    const { app, admin, nia } = await shop();
    const r = await role(admin, 'Exporter', 'manager', ['session.use', 'client.view', 'export'], { visibility: 'all', hiddenFields: ['contact', 'notes'] });
    const eve = await holder(app, admin, 'eve', r.id, 'manager');
    const out = await eve.ok('export-clients', { ids: [nia.id] });
    const text = (await download(eve, out.fileId)).toString('utf8');
    expect({ email: text.includes('nia@example.com'), phone: text.includes('555'), notes: text.includes('Likes gold') }).toEqual({ email: false, phone: false, notes: false });
  });

  it('the automation preview names no client outside scope', async () => {
    const { mona, sol } = await shop();
    const p = await mona.call('automation-preview', { event: 'birthday', daysBefore: 7, recipient: 'client', template: 'Hi {{client.first_name}}', clientId: sol.id });
    expect(JSON.stringify(p)).not.toContain('Sol');
  });

  it('bulk assign moves only clients in scope; an Associate cannot assign others', async () => {
    const { app, mona, sam, kai, nia, sol } = await shop();
    const r = await mona.call('assign-bulk-apply', { clientIds: [nia.id, sol.id], toStaffIds: [sam.id] });
    const solNow = await app.services.db.selectFrom('clients').select('assigned_staff_id').where('id', '=', sol.id).executeTakeFirstOrThrow();
    expect({ ok: r.ok, solStaff: solNow.assigned_staff_id }).toMatchObject({ solStaff: kai.id });
    expect(JSON.stringify(r)).not.toContain('Sol');
    expect(await sam.call('assign-bulk-apply', { clientIds: [nia.id], toStaffIds: [kai.id] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('only an Admin turns on trash retention', async () => {
    const { admin, mona } = await shop();
    expect(await mona.call('settings-update', { trashRetentionDays: 30 })).toMatchObject({ ok: false });
    expect(await admin.call('settings-update', { trashRetentionDays: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await admin.ok('settings-update', { trashRetentionDays: 30 })).trashRetentionDays).toBe(30);
  });
});

describe('POS ids and onboarding', () => {
  it('a sales re-run preview by a North Manager names and moves only North clients', async () => {
    const { app, admin, mona, sol, nia, sam } = await shop();
    // Onboarding by the Admin: both clients' best seller is a POS id nobody holds yet.
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at\nT1,sol@example.com,P-NEW,10.00,2026-02-01\nT2,nia@example.com,P-NEW,10.00,2026-02-01\n';
    await admin.ok('client-assign', { clientId: sol.id, staffId: null });
    await admin.ok('client-assign', { clientId: nia.id, staffId: null });
    await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', csv), mode: 'onboarding' });
    await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'P-NEW', staffId: sam.id }] });
    const preview = await mona.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview.moveSample.map((m) => m.client.id)).toEqual([nia.id]);
    expect(JSON.stringify(preview)).not.toContain('Sol');
    await mona.ok('sales-onboarding-rerun', { dryRun: false });
    const staffOf = async (id: number) => (await app.services.db.selectFrom('clients').select('assigned_staff_id').where('id', '=', id).executeTakeFirstOrThrow()).assigned_staff_id;
    expect({ sol: await staffOf(sol.id), nia: await staffOf(nia.id) }).toEqual({ sol: null, nia: sam.id });
  });

  it('a bulk POS id mapping with one bad line maps nothing and says which line', async () => {
    const { app, admin } = await shop();
    const before = await snapshot(app, ['staff_pos_ids']);
    const r = await admin.ok('pos-id-map', { csv: 'pos_id,username\nA1,sam\nA2,nobody\n' });
    expect(r.applied).toBe(false);
    expect(r.rows.find((x) => x.posAssociateId === 'A2')).toMatchObject({ status: 'error', line: 3 });
    expect(await snapshot(app, ['staff_pos_ids'])).toBe(before);
  });
  it('the POS id list does not show sales totals to a role that hides purchase history', async () => {
    const { app, admin } = await shop();
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at\nT1,nia@example.com,P-SAM,123.45,2026-02-01\n';
    await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', csv), mode: 'ongoing' });
    const r = await role(admin, 'Till clerk', 'manager', ['session.use', 'client.view', 'import'], { visibility: 'all', hiddenFields: ['purchases'] });
    const tim = await holder(app, admin, 'tim', r.id, 'manager');
    const list = await tim.ok('pos-id-list', {});
    expect(list).toEqual([{ posAssociateId: 'P-SAM', staff: { id: 3, name: 'Sam Seller' }, sales: 1, totalCents: null }]);
    expect((await admin.ok('pos-id-list', {}))[0]!.totalCents).toBe(12345);
  });
});

describe('second round: sales buyers, duplicates, bad payloads elsewhere', () => {
  it('a North Manager’s sales file neither adds a buyer at South nor reaches or names a South client by email', async () => {
    const { app, mona, sol } = await shop();
    const csv = [
      'transaction_id,first_name,last_name,client_email,associate_pos_id,amount,sold_at,location',
      'T1,Neve,New,neve@example.com,P-SAM,10.00,2026-02-01,South',
      'T2,Sol,Other,sol@example.com,P-SAM,10.00,2026-02-01,North',
      'T3,Nora,Newer,nora@example.com,P-SAM,10.00,2026-02-01,North',
    ].join('\n');
    const r = await mona.ok('sales-import', { uploadId: await upload(mona, 's.csv', csv), mode: 'ongoing' });
    const names = (await app.services.db.selectFrom('clients').select(['first_name', 'home_location_id']).execute()).map((c) => c.first_name);
    expect({ created: r.clientsCreated, imported: r.imported, neve: names.includes('Neve'), nora: names.includes('Nora'), solTwin: names.filter((n) => n === 'Sol').length }).toEqual({ created: 1, imported: 1, neve: false, nora: true, solTwin: 1 });
    // The file's own values are echoed (its store, its email); no client's name is.
    expect(JSON.stringify(r.problemSample)).not.toContain('Sol South');
    const solSales = await app.services.db.selectFrom('interactions').select('id').where('client_id', '=', sol.id).execute();
    expect(solSales).toEqual([]);
  });

  it('the Duplicates page lists no pair with a client outside scope, and a contact-hidden role is not matched on phone while adding', async () => {
    const { app, admin, mona, sol } = await shop();
    const twin = await mona.ok('client-create', { firstName: 'Sol', lastName: 'South', phone: '+1 212 555 0101' });
    for (const reason of ['phone', 'name-phone'] as const) {
      const pairs = await mona.ok('client-duplicates', { reason, limit: 50 });
      expect(pairs.items.flatMap((p) => [p.a.id, p.b.id])).not.toContain(sol.id);
      expect((await admin.ok('client-duplicates', { reason, limit: 50 })).items.flatMap((p) => [p.a.id, p.b.id]).sort()).toEqual([sol.id, twin.id].sort());
    }
    const desk = await role(admin, 'Desk', 'manager', ['session.use', 'client.view', 'client.create'], { visibility: 'all', hiddenFields: ['contact'] });
    const dee = await holder(app, admin, 'dee', desk.id, 'manager');
    expect(await dee.ok('client-lookalikes', { firstName: 'Zed', lastName: 'Other', phone: '+1 212 555 0101' })).toEqual([]);
  });

  it('a customer id another client holds: refused without naming an out-of-scope holder, nothing written', async () => {
    const { app, sam } = await shop();
    const before = await snapshot(app, ['clients', 'audit_log']);
    const r = await sam.call('client-create', { firstName: 'Cy', lastName: 'Copy', externalId: 'CUST-SOL' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/Sol|South/);
    expect(await snapshot(app, ['clients', 'audit_log'])).toBe(before);
  });

  it('bad interaction, calendar-file and report payloads are refused in words and write nothing', async () => {
    const { app, admin, nia, sam } = await shop();
    const before = await snapshot(app, ['interactions', 'clients', 'audit_log', 'client_staff']);
    const bad = [
      await admin.call('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 100, locationId: 9999 }),
      await admin.call('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 100, staffId: 9999 }),
      await admin.call('client-interaction-add', { clientId: nia.id, kind: 'sale' } as never),
      await admin.call('client-interaction-add', { clientId: nia.id, kind: 'note', body: '' }),
      await admin.call('client-interaction-update', { id: 9999, amountCents: 5, reason: 'x' }),
      await admin.call('client-interaction-delete', { id: 9999, reason: '' }),
      await admin.call('appointment-ics', { by: { staffId: 9999 }, from: '2026-03-01', to: '2026-03-31' }),
      await admin.call('appointment-ics', { by: { staffId: sam.id }, from: '2026-03-31', to: '2026-03-01' }),
      await admin.call('report-run', { from: '2026-01-01', to: '2026-03-31', period: 'year' as never, groupBy: 'location', lapsedDays: 90 }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'NOT_FOUND', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION']);
    for (const r of bad) if (!r.ok) expect(r.error.message).not.toMatch(/^(Invalid|Required|Expected)/);
    expect(await snapshot(app, ['interactions', 'clients', 'audit_log', 'client_staff'])).toBe(before);
  });

  it('nobody books, views or reminds of an appointment of a client in the Trash', async () => {
    const { admin, sam, nia, north, niaAt } = await shop();
    // Tomorrow's appointment has its reminder task in Sam's Today (no mail server)…
    expect(JSON.stringify(await sam.ok('outbox-list', {}))).toContain('Nia');
    await admin.ok('client-delete', { id: nia.id, version: (await admin.ok('client-get', { id: nia.id })).version });
    expect(await admin.call('appointment-create', { clientId: nia.id, staffId: sam.id, locationId: north.id, startAt: '2026-03-05T10:00:00Z', durationMinutes: 30, bookedThrough: 'phone' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.call('appointment-get', { id: niaAt.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // …which leaves with her.
    expect(JSON.stringify(await sam.ok('outbox-list', {}))).not.toContain('Nia');
  });

  it('an export of another person’s private segment or a shared one holds only clients in scope', async () => {
    const { kai, sam, nia } = await shop();
    const seg = await kai.ok('segment-save', { name: 'Everyone', shared: true, filters: {} });
    const out = await sam.ok('export-clients', { segmentId: seg.id });
    const text = (await download(sam, out.fileId)).toString('utf8');
    expect({ rows: out.rows, sol: text.includes('Sol'), nia: text.includes('Nia') }).toEqual({ rows: 1, sol: false, nia: nia.id > 0 });
    const priv = await kai.ok('segment-save', { name: 'Mine', shared: false, filters: {} });
    expect(await sam.call('export-clients', { segmentId: priv.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('third round', () => {
  it('the visit a completed appointment recorded is neither removed nor corrected by hand behind the appointment', async () => {
    const { app, admin, niaAt, nia } = await shop();
    await admin.ok('appointment-status', { id: niaAt.id, version: niaAt.version, status: 'completed' });
    const visit = (await admin.ok('client-activity', { clientId: nia.id, limit: 20 })).items.find((i) => i.kind === 'booking')!;
    // The profile offers no Edit or Remove on it…
    expect(visit.canChange).toBe(false);
    const before = await snapshot(app, ['interactions', 'appointments', 'clients', 'audit_log']);
    expect(await admin.call('client-interaction-delete', { id: visit.id, reason: 'Did not happen' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    for (const change of [{ occurredAt: '2026-01-01T10:00:00Z' }, { channel: 'Online' }, { staffId: 1 }]) {
      const r = await admin.call('client-interaction-update', { id: visit.id, ...change, reason: 'Corrected' });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'This visit was recorded by completing an appointment: change the appointment instead.' } });
    }
    expect(await snapshot(app, ['interactions', 'appointments', 'clients', 'audit_log'])).toBe(before);
    // Moving the appointment is how its visit changes.
    const moved = await admin.ok('appointment-update', { id: niaAt.id, version: niaAt.version + 1, startAt: '2026-03-03T12:00:00Z' });
    const after = (await admin.ok('client-activity', { clientId: nia.id, limit: 20 })).items.find((i) => i.kind === 'booking')!;
    expect(after.occurredAt).toBe(moved.startAt);
  });

  it('assignment: an Associate claims an Unassigned North client, not a South one; a Manager’s bulk preview counts only her scope', async () => {
    const { admin, mona, sam, kai, nia, sol } = await shop();
    await admin.ok('client-assign', { clientId: nia.id, staffId: null });
    await admin.ok('client-assign', { clientId: sol.id, staffId: null });
    expect((await sam.ok('client-assign', { clientId: nia.id, staffId: sam.id })).primary?.id).toBe(sam.id);
    const south = await sam.call('client-assign', { clientId: sol.id, staffId: sam.id });
    expect(south).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(south)).not.toContain('Sol');
    await admin.ok('client-assign', { clientId: sol.id, staffId: kai.id });
    const plan = await mona.ok('assign-bulk-preview', { fromStaffId: kai.id, toStaffIds: [sam.id] });
    expect(plan.clients).toBe(0);
    expect((await mona.ok('assign-staff-list', {})).find((s) => s.id === kai.id)?.clients).toBe(0);
  });

  it('the onboarding re-run preview gives a purchases-hidden role who moves, not how much they spent', async () => {
    const { app, admin, nia, sam } = await shop();
    await admin.ok('client-assign', { clientId: nia.id, staffId: null });
    const csv = 'transaction_id,client_email,associate_pos_id,amount,sold_at\nT1,nia@example.com,P-NEW,432.10,2026-02-01\n';
    await admin.ok('sales-import', { uploadId: await upload(admin, 's.csv', csv), mode: 'onboarding' });
    await admin.ok('pos-id-map', { mappings: [{ posAssociateId: 'P-NEW', staffId: sam.id }] });
    const r = await role(admin, 'Planner', 'manager', ['session.use', 'client.view', 'client.assign-others'], { visibility: 'all', hiddenFields: ['purchases'] });
    const pam = await holder(app, admin, 'pam', r.id, 'manager');
    const preview = await pam.ok('sales-onboarding-rerun', { dryRun: true });
    expect(preview.moveSample).toEqual([{ client: { id: nia.id, name: 'Nia North' }, from: null, to: { id: sam.id, name: 'Sam Seller' }, totalCents: null }]);
    expect(JSON.stringify(preview)).not.toContain('43210');
  });

  it('a calendar file is an export: refused to a role that views appointments but may not export', async () => {
    const { app, admin, sam } = await shop();
    const r = await role(admin, 'Front desk', 'associate', ['session.use', 'client.view', 'appointment.view'], { visibility: 'all' });
    const fay = await holder(app, admin, 'fay', r.id, 'associate');
    expect((await fay.ok('appointment-range', { by: { staffId: sam.id }, from: '2026-03-02', days: 7 })).items).toHaveLength(1);
    expect(await fay.call('appointment-ics', { by: { staffId: sam.id }, from: '2026-03-01', to: '2026-03-31' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await sam.ok('appointment-ics', { by: { staffId: sam.id }, from: '2026-03-01', to: '2026-03-31' })).count).toBe(1);
  });

  it('a sale or note recorded by hand cannot be dated in the future, when added or corrected', async () => {
    const { app, admin, nia } = await shop();
    const sale = await admin.ok('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 100, occurredAt: '2026-03-02T08:30:00Z' });
    const before = await snapshot(app, ['interactions', 'clients', 'audit_log']);
    const added = await admin.call('client-interaction-add', { clientId: nia.id, kind: 'sale', amountCents: 100, occurredAt: '2031-03-02T10:00:00Z' });
    const corrected = await admin.call('client-interaction-update', { id: sale.id, occurredAt: '2026-04-02T10:00:00+02:00', reason: 'Typo' });
    for (const r of [added, corrected]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'occurredAt' }] } } });
    }
    expect(await snapshot(app, ['interactions', 'clients', 'audit_log'])).toBe(before);
    expect((await admin.ok('client-get', { id: nia.id })).lastVisitAt).toBe('2026-03-02T08:30:00.000Z');
  });

  it('bad settings, opening hours and services are refused in words and change nothing', async () => {
    const { app, admin, north } = await shop();
    const fitting = await admin.ok('service-create', { name: 'Fitting', defaultDurationMinutes: 45 });
    const before = await snapshot(app, ['services', 'location_hours', 'shop_settings', 'audit_log']);
    const bad = [
      await admin.call('settings-update', { reminderTemplate: 'Hi {{client.phone}}' }),
      await admin.call('settings-update', { trashRetentionDays: 2.5 }),
      await admin.call('settings-update', { timeZone: 'Mars/Olympus' }),
      await admin.call('location-hours-set', { locationId: north.id, days: [{ weekday: 1, opens: '09:00', closes: '18:00' }, { weekday: 1, opens: '10:00', closes: '12:00' }] }),
      await admin.call('location-hours-set', { locationId: north.id, days: [{ weekday: 8, opens: '09:00', closes: '18:00' }] }),
      await admin.call('location-hours-set', { locationId: north.id, days: [{ weekday: 2, opens: '25:00', closes: '26:00' }] }),
      await admin.call('location-hours-set', { locationId: 9999, days: [{ weekday: 2, opens: '09:00', closes: '18:00' }] }),
      await admin.call('service-update', { id: 9999, name: 'Ghost' }),
      await admin.call('service-update', { id: fitting.id, defaultDurationMinutes: 0 }),
      await admin.call('service-create', { name: 'Fitting', defaultDurationMinutes: 30 }),
    ];
    const codes = bad.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toEqual([]);
    for (const r of bad) if (!r.ok) expect(r.error.message).not.toMatch(/^(Invalid|Required|Expected|Too)|UNIQUE|SQLITE/);
    expect(await snapshot(app, ['services', 'location_hours', 'shop_settings', 'audit_log'])).toBe(before);
  });

  it('a North auditor’s log shows nothing of a South client’s appointment, calendar file or reminder', async () => {
    const { app, admin, north, solAt } = await shop();
    await admin.ok('appointment-cancel', { id: solAt.id, version: solAt.version, reason: 'Sol is unwell' });
    const aud = await role(admin, 'North auditor', 'manager', ['session.use', 'client.view', 'audit.read'], { visibility: 'locations' });
    const ann = await holder(app, admin, 'ann', aud.id, 'manager', [north.id]);
    await admin.ok('appointment-ics', { by: { locationId: north.id }, from: '2026-03-01', to: '2026-03-31' });
    const log = JSON.stringify([await ann.ok('audit-list', { limit: 200 }), await ann.ok('audit-list', { entity: 'appointment', limit: 200 }), (await ann.ok('audit-export', {})).csv]);
    expect({ name: log.includes('Sol'), notes: log.includes('secret fitting'), reason: log.includes('unwell'), email: log.includes('sol@example.com') }).toEqual({ name: false, notes: false, reason: false, email: false });
    // North's appointment, and the calendar file's row, stay in the log.
    const north2 = await ann.ok('audit-list', { entity: 'appointment', limit: 200 });
    expect(north2.items.map((i) => i.action).sort()).toEqual(['appointment.create', 'appointment.export-calendar']);
    expect((await admin.ok('audit-list', { entity: 'appointment', limit: 200 })).items).toHaveLength(4);
  });

  it('adding a client: a dates-hidden role is not matched on a birthday, and an email held out of scope is refused without a name', async () => {
    const { app, admin, sam, nia } = await shop();
    const desk = await role(admin, 'Greeter', 'manager', ['session.use', 'client.view', 'client.create'], { visibility: 'all', hiddenFields: ['dates'] });
    const gus = await holder(app, admin, 'gus', desk.id, 'manager');
    expect(await gus.ok('client-lookalikes', { firstName: 'Nia', lastName: 'North', birthday: '1990-01-02' })).toEqual([]);
    expect((await admin.ok('client-lookalikes', { firstName: 'Nia', lastName: 'North', birthday: '1990-01-02' })).map((l) => l.client.id)).toEqual([nia.id]);
    const before = await snapshot(app, ['clients', 'audit_log']);
    const r = await sam.call('client-create', { firstName: 'Solo', lastName: 'Copy', email: 'SOL@example.com' });
    expect(r).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
    expect(JSON.stringify(r)).not.toMatch(/Sol South|"id":1\b/);
    expect(await snapshot(app, ['clients', 'audit_log'])).toBe(before);
  });

  it('reminder tasks: everyone’s Today for a North Manager holds no South client’s reminder; the Admin’s holds both', async () => {
    const { mona, admin } = await shop();
    const everyone = JSON.stringify(await mona.ok('outbox-list', { scope: 'everyone', include: 'all' }));
    expect({ nia: everyone.includes('Nia'), sol: everyone.includes('Sol') }).toEqual({ nia: true, sol: false });
    const all = JSON.stringify(await admin.ok('outbox-list', { scope: 'everyone', include: 'all' }));
    expect({ nia: all.includes('Nia'), sol: all.includes('Sol') }).toEqual({ nia: true, sol: true });
  });

  it('bulk assign: to a deactivated staff member, or of unknown or out-of-scope ids only, changes nothing', async () => {
    const { app, admin, mona, sam, nia, sol } = await shop();
    const leo = await staffSession(app, admin, { name: 'Leo Left', username: 'leo', role: 'associate', locationIds: [] });
    await admin.ok('staff-update', { id: leo.id, active: false });
    const before = await snapshot(app, ['clients', 'assignment_history', 'client_staff']);
    const toInactive = await mona.call('assign-bulk-apply', { clientIds: [nia.id], toStaffIds: [leo.id] });
    const unknown = await mona.call('assign-bulk-apply', { clientIds: [9999, sol.id], toStaffIds: [sam.id] });
    expect(toInactive).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'toStaffIds' }] } } });
    expect(unknown).toMatchObject({ ok: true, value: { clients: 0 } });
    expect(await snapshot(app, ['clients', 'assignment_history', 'client_staff'])).toBe(before);
  });
});

