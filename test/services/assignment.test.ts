import { describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { evenSplit } from '../../src-main/services/assignment.service';
import { setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { upload } from '../helpers/files';

const HEADER = 'transaction_id,client_email,associate_pos_id,amount,sold_at';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const a = await admin.ok('staff-create', { name: 'Associate A', username: 'asa', role: 'associate', posAssociateId: 'A', password: 'a long enough password' });
  const b = await admin.ok('staff-create', { name: 'Associate B', username: 'asb', role: 'associate', posAssociateId: 'B', password: 'a long enough password' });
  return { app, admin, a, b };
}

/** A client as an import would bring them: no staff member. */
async function unassignedClient(app: App, admin: TestClient, email: string) {
  const c = await admin.ok('client-create', { firstName: email.split('@')[0]!, email });
  await app.services.db.updateTable('clients').set({ assigned_staff_id: null }).where('id', '=', c.id).execute();
  return c;
}

const sales = (...rows: string[]) => [HEADER, ...rows].join('\n');

/** Uploads a sales file by chunks, as the renderer does, and imports it. */
async function importSales(client: TestClient, file: { fileName: string; csv: string; mode: 'onboarding' | 'ongoing'; dryRun?: boolean }) {
  const uploadId = await upload(client, file.fileName, file.csv);
  return client.ok('sales-import', { uploadId, mode: file.mode, dryRun: file.dryRun });
}
const primaryOf = async (admin: TestClient, clientId: number) => (await admin.ok('client-assignment', { clientId })).primary?.name ?? null;

describe('onboarding by total spend', () => {
  it('the seed’s example: A on 4 sales totalling $1,500, B on 2 totalling $1,800 -> B', async () => {
    const { app, admin } = await shop();
    const jane = await unassignedClient(app, admin, 'jane@example.com');
    const report = await importSales(admin, {
      fileName: 'history.csv',
      mode: 'onboarding',
      csv: sales(
        't1,jane@example.com,A,400.00,2024-01-05',
        't2,jane@example.com,A,350.00,2024-02-05',
        't3,JANE@example.com,A,375.00,2024-03-05',
        't4,jane@example.com,A,375.00,2024-04-05',
        't5,jane@example.com,B,900.00,2023-06-01',
        't6,jane@example.com,B,900.00,2023-07-01',
      ),
    });
    expect(report).toMatchObject({ imported: 6, problems: 0, assigned: [{ name: 'Associate B', clients: 1 }], unmapped: [], ties: 0 });
    const assignment = await admin.ok('client-assignment', { clientId: jane.id });
    expect(assignment.primary?.name).toBe('Associate B');
    expect(assignment.history[0]).toMatchObject({ reason: 'onboarding', to: { name: 'Associate B' }, detail: { posAssociateId: 'B', totalCents: 180000, tie: false } });
    expect(assignment.additional.map((s) => s.name)).toEqual(['Associate A']);
    expect((await admin.ok('client-get', { id: jane.id })).status).toBe('existing');
  });

  it('counts refunds against the total', async () => {
    const { app, admin } = await shop();
    const c = await unassignedClient(app, admin, 'ref@example.com');
    await importSales(admin, {
      fileName: 'h.csv',
      mode: 'onboarding',
      csv: sales('r1,ref@example.com,A,1000,2024-01-01', 'r2,ref@example.com,A,900,2024-01-02', 'r3,ref@example.com,A,-500.00,2024-01-03', 'r4,ref@example.com,B,1450,2023-01-01'),
    });
    expect(await primaryOf(admin, c.id)).toBe('Associate B');
  });

  it('breaks a tie by the most recent sale, then by the lowest POS id', async () => {
    const { app, admin } = await shop();
    const recent = await unassignedClient(app, admin, 'recent@example.com');
    const same = await unassignedClient(app, admin, 'same@example.com');
    const report = await importSales(admin, {
      fileName: 'h.csv',
      mode: 'onboarding',
      csv: sales(
        'x1,recent@example.com,A,500,2024-01-01',
        'x2,recent@example.com,B,500,2024-05-01',
        'y1,same@example.com,B,300,2024-02-02',
        'y2,same@example.com,A,300,2024-02-02',
      ),
    });
    expect(await primaryOf(admin, recent.id)).toBe('Associate B');
    expect(await primaryOf(admin, same.id)).toBe('Associate A');
    expect(report.ties).toBe(2);
  });

  it('leaves a client whose winner is unmapped Unassigned, reports the POS id, and finishes once it is mapped', async () => {
    const { app, admin } = await shop();
    const c = await unassignedClient(app, admin, 'u@example.com');
    const report = await importSales(admin, { fileName: 'h.csv', mode: 'onboarding', csv: sales('u1,u@example.com,Z9,700,2024-01-01', 'u2,u@example.com,A,100,2024-01-02') });
    expect(report.unmapped).toEqual([{ posAssociateId: 'Z9', clients: 1 }]);
    expect(await primaryOf(admin, c.id)).toBeNull();
    expect(await admin.ok('pos-id-list', {})).toEqual([
      { posAssociateId: 'A', staff: { id: expect.any(Number), name: 'Associate A' }, sales: 1, totalCents: 10000 },
      { posAssociateId: 'Z9', staff: null, sales: 1, totalCents: 70000 },
    ]);
    await admin.ok('staff-create', { name: 'Zoe', username: 'zoe', role: 'associate', posAssociateId: 'Z9', password: 'a long enough password' });
    const rerun = await admin.ok('sales-onboarding-rerun', {});
    expect(rerun.assigned).toEqual([{ staffId: expect.any(Number), name: 'Zoe', clients: 1 }]);
    expect(await primaryOf(admin, c.id)).toBe('Zoe');
  });
});

describe('after onboarding', () => {
  it('a later sale by A leaves a client assigned to B; an Unassigned client’s first sale assigns its seller', async () => {
    const { app, admin } = await shop();
    const kept = await unassignedClient(app, admin, 'kept@example.com');
    const fresh = await unassignedClient(app, admin, 'fresh@example.com');
    await importSales(admin, { fileName: 'h.csv', mode: 'onboarding', csv: sales('k1,kept@example.com,B,100,2024-01-01') });
    const report = await importSales(admin, {
      fileName: 'week.csv',
      mode: 'ongoing',
      csv: sales('k2,kept@example.com,A,5000,2024-06-01', 'f2,fresh@example.com,B,20,2024-06-03', 'f1,fresh@example.com,A,10,2024-06-02'),
    });
    expect(report.assignedBySale).toBe(1);
    expect(await primaryOf(admin, kept.id)).toBe('Associate B');
    const assignment = await admin.ok('client-assignment', { clientId: fresh.id });
    expect(assignment.primary?.name).toBe('Associate A');
    expect(assignment.history[0]).toMatchObject({ reason: 'sale', detail: { transactionId: 'f1' } });
  });

  it('is idempotent on transaction id: the same file twice changes nothing', async () => {
    const { app, admin } = await shop();
    await unassignedClient(app, admin, 'i@example.com');
    const file = { fileName: 'h.csv', mode: 'ongoing' as const, csv: sales('i1,i@example.com,A,10,2024-01-01', 'i2,i@example.com,B,20,2024-01-02') };
    expect(await importSales(admin, file)).toMatchObject({ imported: 2, duplicates: 0 });
    const count = async () => Number((await app.services.db.selectFrom('interactions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await importSales(admin, file)).toMatchObject({ imported: 0, duplicates: 2, assignedBySale: 0 });
    expect(await count()).toBe(before);
  });

  it('reports bad rows with their line numbers and imports the rest; a dry run writes nothing', async () => {
    const { app, admin } = await shop();
    await unassignedClient(app, admin, 'ok@example.com');
    const csv = sales(',ok@example.com,A,10,2024-01-01', 'b2,ok@example.com,A,ten,2024-01-01', 'b3,ok@example.com,A,10,2024-13-45', 'b4,,A,10,2024-01-01', 'b5,nobody@example.com,A,10,2024-01-01', 'b6,ok@example.com,A,"1,234.50",2024-01-01');
    const dry = await importSales(admin, { fileName: 'h.csv', mode: 'ongoing', csv, dryRun: true });
    expect(dry).toMatchObject({ importId: null, dryRun: true, rows: 6, imported: 1, problems: 5 });
    expect(dry.problemSample.map((p) => [p.line, p.reason])).toEqual([
      [2, 'No transaction id'],
      [3, 'Amount "ten" is not a number'],
      [4, 'Date "2024-13-45" is not a date (use YYYY-MM-DD or an ISO date-time)'],
      [5, 'No email, phone or client id to find the client by'],
      [6, 'No client with email nobody@example.com'],
    ]);
    const interactions = () => app.services.db.selectFrom('interactions').select('amount_cents').execute();
    expect(await interactions()).toEqual([]);
    const real = await importSales(admin, { fileName: 'h.csv', mode: 'ongoing', csv });
    expect(await interactions()).toEqual([{ amount_cents: 123450 }]);
    const problems = await admin.ok('sales-import-problems', { importId: real.importId! });
    expect(problems.rows).toBe(5);
    expect(problems.csv).toContain('nobody@example.com');
  });

  it('says onboarding has run once a real onboarding import commits, and not after a dry run', async () => {
    const { app, admin } = await shop();
    await unassignedClient(app, admin, 'jane@example.com');
    const file = { fileName: 'h.csv', mode: 'onboarding' as const, csv: sales('t1,jane@example.com,A,10.00,2024-01-05') };
    await importSales(admin, { ...file, dryRun: true });
    expect((await admin.ok('settings-get', {})).onboardingCompletedAt).toBeNull();
    await importSales(admin, file);
    expect((await admin.ok('settings-get', {})).onboardingCompletedAt).not.toBeNull();
  });

  it('refuses a file without the columns it needs, naming them', async () => {
    const { admin } = await shop();
    const r = await admin.call('sales-import', { uploadId: await upload(admin, 'h.csv', 'order,who\n1,2'), mode: 'ongoing' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'file', message: 'No column for amount, date (found: order, who)' }] } },
    });
  });
});

describe('assigning by hand and in bulk', () => {
  it('follows the seeds: an Associate takes an Unassigned client but not a colleague’s; a Manager moves anyone', async () => {
    const { app, admin } = await shop();
    await admin.ok('settings-update', { allClientsVisible: true });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const kai = await staffSession(app, admin, { name: 'Kai', username: 'kai', role: 'associate' });
    const mona = await staffSession(app, admin, { name: 'Mona', username: 'mona', role: 'manager' });
    const open = await unassignedClient(app, admin, 'open@example.com');
    const kais = await kai.ok('client-create', { firstName: 'Kais' });
    const mine = await sam.ok('client-assign', { clientId: open.id, staffId: sam.id });
    expect(mine.primary).toEqual({ id: sam.id, name: 'Sam' });
    expect(mine.choices).toEqual([]); // hand-over is off: Sam may only keep or give up his client
    expect(mine.canUnassign).toBe(true);
    expect(await sam.call('client-assign', { clientId: kais.id, staffId: sam.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This client is assigned to Kai. Only a Manager or Admin can reassign them.' },
    });
    expect(await sam.call('client-assign', { clientId: kais.id, staffId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await mona.ok('client-assign', { clientId: kais.id, staffId: sam.id });
    const history = (await admin.ok('client-assignment', { clientId: kais.id })).history;
    expect(history.map((h) => [h.reason, h.from?.name ?? null, h.to?.name ?? null, h.actor?.name])).toEqual([
      ['manual', 'Kai', 'Sam', 'Mona'],
      ['creator', null, 'Kai', 'Kai'],
    ]);
    await admin.ok('settings-update', { primaryCanHandOver: true });
    expect((await sam.ok('client-assignment', { clientId: open.id })).choices.map((c) => c.name)).toContain('Kai');
    await sam.ok('client-assign', { clientId: open.id, staffId: kai.id });
  });

  it('splits a leaving associate’s clients evenly across several, after a preview, audited', async () => {
    const { app, admin } = await shop();
    const leaver = await staffSession(app, admin, { name: 'Leo Leaving', username: 'leo', role: 'associate' });
    for (let i = 0; i < 7; i++) await leaver.ok('client-create', { firstName: `C${i}` });
    const x = await admin.ok('staff-create', { name: 'X', username: 'x', role: 'associate', password: 'a long enough password' });
    const y = await admin.ok('staff-create', { name: 'Y', username: 'y', role: 'associate', password: 'a long enough password' });
    const z = await admin.ok('staff-create', { name: 'Z', username: 'z', role: 'associate', password: 'a long enough password' });
    const request = { fromStaffId: leaver.id, toStaffIds: [x.id, y.id, z.id] };
    const preview = await admin.ok('assign-bulk-preview', request);
    expect(preview).toEqual({ clients: 7, perStaff: [{ id: x.id, name: 'X', clients: 3 }, { id: y.id, name: 'Y', clients: 2 }, { id: z.id, name: 'Z', clients: 2 }] });
    expect(await admin.ok('assign-bulk-apply', request)).toEqual(preview);
    expect((await admin.ok('assign-bulk-preview', request)).clients).toBe(0);
    expect((await admin.ok('audit-list', { action: 'client.assign-bulk' })).items).toHaveLength(1);
    expect(await leaver.call('assign-bulk-apply', request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lists every staff member with their client count for a Manager choosing whom to move, and refuses an Associate', async () => {
    const { app, admin, a, b } = await shop();
    const leaver = await staffSession(app, admin, { name: 'Leo Leaving', username: 'leo', role: 'associate' });
    for (let i = 0; i < 3; i++) await leaver.ok('client-create', { firstName: `C${i}` });
    await admin.ok('staff-update', { id: leaver.id, active: false });
    const mona = await staffSession(app, admin, { name: 'Mona', username: 'mona', role: 'manager' });
    await admin.ok('settings-update', { allClientsVisible: true });
    const list = await mona.ok('assign-staff-list', {});
    expect(list.find((s) => s.id === leaver.id)).toEqual({ id: leaver.id, name: 'Leo Leaving', active: false, clients: 3 });
    expect(list.find((s) => s.id === a.id)).toMatchObject({ active: true, clients: 0 });
    expect(list.map((s) => s.name)).toEqual([...list.map((s) => s.name)].sort((x, y) => (x < y ? -1 : 1)));
    expect(list.some((s) => s.id === b.id)).toBe(true);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('assign-staff-list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('splits within one client of even', () => {
    for (const [n, k] of [[10, 3], [1, 4], [100, 7], [0, 2]] as const) {
      const sizes = [...evenSplit(Array.from({ length: n }, (_, i) => i), Array.from({ length: k }, (_, i) => i)).values()].map((l) => l.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });
});
