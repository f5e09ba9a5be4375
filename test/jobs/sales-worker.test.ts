/**
 * The sales import and onboarding as jobs: in the real worker thread (built with Vite) with
 * progress and cancel, and the job function itself cancelled between its phases, which must
 * leave nothing of either behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src-main/app';
import { runSalesImport } from '../../src-main/jobs/sales-job';
import { JobCancelled } from '../../src-main/jobs/types';
import { mapSalesHeaders } from '../../src-main/domain/sales-columns';
import { setUpShop, tempDir, TEST_PASSWORD_COST, type TestClient } from '../helpers/app';
import { bundle } from '../helpers/build';
import { firstJobId, GENERATOR, importCsv, upload } from '../helpers/files';

const CLIENTS = 3000;
/** POS ids A001..A010 are mapped to staff; the generator's other associates are not. */
const MAPPED = 10;
let worker: Awaited<ReturnType<typeof bundle>>;
let dataDir: string;
let clientsCsv: string;
let salesCsv: string;

beforeAll(async () => {
  worker = await bundle('src-main/jobs/worker.ts', 'jobs-worker');
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-sales-'));
  clientsCsv = join(dataDir, 'clients.csv');
  salesCsv = join(dataDir, 'sales.csv');
  execFileSync(process.execPath, [GENERATOR, '--rows', String(CLIENTS), '--clients', clientsCsv, '--sales', salesCsv, '--associates', '20']);
}, 60_000);
afterAll(() => {
  worker?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A book with the generated clients (imported Unassigned) and staff for the first POS ids. */
async function book(app: App): Promise<TestClient> {
  const admin = await setUpShop(app);
  await importCsv(admin, readFileSync(clientsCsv));
  for (let a = 1; a <= MAPPED; a++) {
    const pos = `A${String(a).padStart(3, '0')}`;
    await admin.ok('staff-create', { name: `Associate ${pos}`, username: `a${a}`, role: 'associate', posAssociateId: pos, password: 'a long enough password' });
  }
  admin.events.length = 0;
  return admin;
}

/** Each client's winner by the rules, computed here from the stored sales, independently of the job. */
function expectedAssignments(db: BetterSqlite3.Database): Map<number, number | null> {
  const staff = new Map((db.prepare('SELECT staff_id AS id, pos_associate_id AS pos FROM staff_pos_ids').all() as { id: number; pos: string }[]).map((s) => [s.pos, s.id]));
  const totals = new Map<number, Map<string, { total: number; last: string }>>();
  for (const s of db.prepare("SELECT client_id, pos_associate_id AS pos, amount_cents, occurred_at FROM interactions WHERE kind = 'sale'").all() as {
    client_id: number; pos: string; amount_cents: number; occurred_at: string;
  }[]) {
    const byPos = totals.get(s.client_id) ?? new Map<string, { total: number; last: string }>();
    totals.set(s.client_id, byPos);
    const t = byPos.get(s.pos) ?? { total: 0, last: '' };
    byPos.set(s.pos, { total: t.total + s.amount_cents, last: s.occurred_at > t.last ? s.occurred_at : t.last });
  }
  const out = new Map<number, number | null>();
  for (const [clientId, byPos] of totals) {
    const [pos, best] = [...byPos].sort(([pa, a], [pb, b]) => b.total - a.total || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || (pa < pb ? -1 : 1))[0]!;
    out.set(clientId, best.total > 0 ? (staff.get(pos) ?? null) : null);
  }
  return out;
}

describe('sales import and onboarding in the real worker thread', () => {
  it('imports with progress events, then assigns every client as the rules say; cancel in the middle leaves nothing', async () => {
    const app = await createApp({ dataDir: tempDir(), workerFile: worker.file, passwordCost: TEST_PASSWORD_COST });
    try {
      const admin = await book(app);
      const db = app.services.sqlite;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

      // Cancelled at its first progress event: no sale, no assignment, no report.
      const uploadId = await upload(admin, 'sales.csv', readFileSync(salesCsv));
      const running = admin.call('sales-import', { uploadId, mode: 'onboarding' });
      const jobId = await firstJobId(admin);
      await admin.ok('job-cancel', { jobId });
      const cancelled = await running;
      expect(cancelled).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled: nothing was changed.' } });
      expect(count('SELECT count(*) AS n FROM interactions')).toBe(0);
      expect(count('SELECT count(*) AS n FROM clients WHERE assigned_staff_id IS NOT NULL')).toBe(0);
      expect(count('SELECT count(*) AS n FROM sales_imports')).toBe(0);

      admin.events.length = 0;
      const report = await admin.ok('sales-import', { uploadId, mode: 'onboarding' });
      const phases = admin.events.filter((e) => e.event === 'job-progress').map((e) => e.payload as { jobId: string; phase: string });
      expect(new Set(phases.map((p) => p.jobId))).toEqual(new Set([report.jobId]));
      expect([...new Set(phases.map((p) => p.phase))]).toEqual(['backup', 'sales', 'onboarding']);
      expect(report.imported + report.duplicates + report.problems).toBe(report.rows);
      expect(report.imported).toBe(count('SELECT count(*) AS n FROM interactions'));

      const expected = expectedAssignments(db);
      const actual = new Map((db.prepare('SELECT id, assigned_staff_id FROM clients').all() as { id: number; assigned_staff_id: number | null }[]).map((c) => [c.id, c.assigned_staff_id]));
      for (const [clientId, staffId] of actual) expect([clientId, staffId]).toEqual([clientId, expected.get(clientId) ?? null]);
      const assigned = [...expected.values()].filter((s) => s !== null).length;
      expect(assigned).toBeGreaterThan(CLIENTS / 4);
      expect(report.assigned.reduce((n, a) => n + a.clients, 0)).toBe(assigned);
      expect(report.unmapped.reduce((n, u) => n + u.clients, 0)).toBe([...expected.values()].filter((s) => s === null).length - report.noSpend);
      expect(count("SELECT count(*) AS n FROM assignment_history WHERE reason = 'onboarding'")).toBe(assigned);
    } finally {
      await app.close();
    }
  });

  it('a cancel seen during onboarding rolls back the sales imported before it too: all or nothing', async () => {
    const dir = tempDir();
    const app = await createApp({ dataDir: dir, workerFile: null, passwordCost: TEST_PASSWORD_COST });
    try {
      const admin = await book(app);
      const actor = (await app.services.loadActor((await admin.ok('session-get', {}))!.staff.id))!;
      const headers = readFileSync(salesCsv, 'utf8').split('\n')[0]!.split(',');
      const phases: string[] = [];
      const job = runSalesImport(
        {
          databaseFile: join(dir, 'clientele.db'),
          workerFile: null,
          actor: { id: actor.id, scope: actor.scope, locationIds: null, hiddenFields: [] },
          file: { path: salesCsv, bytes: readFileSync(salesCsv).length, encoding: 'utf-8', delimiter: ',', columns: mapSalesHeaders(headers).columns },
          source: 'sales.csv',
          mode: 'onboarding',
          dryRun: false,
          createClients: true,
          defaultCountry: 'US',
          at: new Date().toISOString(),
        },
        { progress: (p) => phases.push(p.phase), cancelled: () => phases.includes('onboarding') },
      );
      await expect(job).rejects.toBeInstanceOf(JobCancelled);
      expect(phases.filter((p) => p === 'sales').length).toBeGreaterThan(1);
      const db = app.services.sqlite;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM interactions')).toBe(0);
      expect(count('SELECT count(*) AS n FROM clients WHERE assigned_staff_id IS NOT NULL')).toBe(0);
      expect(count('SELECT count(*) AS n FROM assignment_history')).toBe(0);
      expect(count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'sales.%'")).toBe(0);
    } finally {
      await app.close();
    }
  });
});
