import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApp } from '../../src-main/app';
import { setUpShop, tempDir, TEST_PASSWORD_COST } from '../helpers/app';
import { bundle } from '../helpers/build';
import { firstJobId, GENERATOR, importCsv, upload } from '../helpers/files';

const ROWS = 20_000;
/** Enough rows for the bulk index and search path (over 10,000), few enough for ten kills. */
const KILL_ROWS = 12_000;
let worker: Awaited<ReturnType<typeof bundle>>;
let child: Awaited<ReturnType<typeof bundle>>;
let csv: string;
let killCsv: string;
let csvDir: string;

beforeAll(async () => {
  worker = await bundle('src-main/jobs/worker.ts', 'jobs-worker');
  child = await bundle('test/jobs/kill-child.ts', 'kill-child');
  csvDir = mkdtempSync(join(tmpdir(), 'clientele-worker-'));
  csv = join(csvDir, 'clients.csv');
  execFileSync(process.execPath, [GENERATOR, '--rows', String(ROWS), '--clients', csv, '--no-sales']);
  killCsv = join(csvDir, 'kill.csv');
  execFileSync(process.execPath, [GENERATOR, '--rows', String(KILL_ROWS), '--clients', killCsv, '--no-sales']);
}, 60_000);
afterAll(() => {
  worker?.remove();
  child?.remove();
  rmSync(csvDir, { recursive: true, force: true });
});

async function migratedBook(): Promise<{ dir: string; dbFile: string }> {
  const dir = tempDir();
  const app = await createApp({ dataDir: dir, passwordCost: TEST_PASSWORD_COST });
  await setUpShop(app);
  await app.close();
  return { dir, dbFile: join(dir, 'clientele.db') };
}

/** Runs the child import; kills it with SIGKILL `delayMs` after `killAt` progress lines. Resolves to how many it created if it finished. */
function runChild(dbFile: string, dir: string, killAt: number, delayMs = 0): Promise<number | null> {
  const proc = spawn(process.execPath, [child.file, dbFile, killCsv, join(dir, 'report.csv')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let batches = 0;
  let created: number | null = null;
  createInterface({ input: proc.stdout }).on('line', (line) => {
    if (line.startsWith('progress')) batches++;
    if (line.startsWith('done ')) created = Number(line.slice(5));
    if (batches === killAt || (killAt === Infinity && line === `progress ${KILL_ROWS}`)) {
      if (delayMs) setTimeout(() => proc.kill('SIGKILL'), delayMs);
      else proc.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => proc.on('exit', () => resolve(created)));
}

describe('jobs in the real worker thread', () => {
  it('imports with progress events, the file read and phones normalised on a reader thread; cancel leaves nothing', async () => {
    const app = await createApp({ dataDir: tempDir(), workerFile: worker.file, passwordCost: TEST_PASSWORD_COST });
    try {
      const admin = await setUpShop(app);
      const { result } = await importCsv(admin, readFileSync(csv));
      expect(result.created + result.skipped + result.rejected).toBe(ROWS);
      const progress = admin.events.filter((e) => e.event === 'job-progress');
      expect(progress.length).toBeGreaterThan(0);
      const payloads = progress.map((e) => e.payload as { jobId: string; phase: string });
      expect(new Set(payloads.map((p) => p.jobId))).toEqual(new Set([result.jobId]));
      // The backup before the import, rows, then the secondary indexes rebuilt in bulk before the commit.
      expect(payloads[0]!.phase).toBe('backup');
      expect(payloads.map((p) => p.phase)).toContain('import');
      expect(payloads.at(-1)!.phase).toBe('indexing');
      const withPhone = await app.services.db.selectFrom('clients').select('phone_e164').where('phone_e164', 'is not', null).execute();
      expect(withPhone.length).toBeGreaterThan(ROWS / 4);
      // The bulk search insert gathered terms 32 MB at a time, then put FTS5's setting back.
      for (const table of ['clients_fts', 'clients_trgm', 'clients_phone_trgm']) {
        const { rows } = await sql<{ v: number }>`SELECT v FROM ${sql.table(`${table}_config`)} WHERE k = 'hashsize'`.execute(app.services.db);
        expect(rows).toEqual([{ v: 1024 * 1024 }]);
      }
      // Each new client's home pair and location bit, added in bulk as the per-row triggers would add them, and the triggers back.
      const { rows: homes } = await sql<{ n: number; paired: number; bit: number }>`
        SELECT count(*) AS n,
          sum(EXISTS (SELECT 1 FROM client_locations cl WHERE cl.location_id = c.home_location_id AND cl.client_id = c.id AND cl.is_unassigned = 1)) AS paired,
          sum(c.location_mask = (1 << (c.home_location_id - 1))) AS bit
        FROM clients c`.execute(app.services.db);
      expect(homes).toEqual([{ n: ROWS - result.skipped - result.rejected, paired: ROWS - result.skipped - result.rejected, bit: ROWS - result.skipped - result.rejected }]);
      expect(await sql`SELECT count(*) AS n FROM client_locations`.execute(app.services.db)).toMatchObject({ rows: [{ n: homes[0]!.n }] });
      const { rows: triggers } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('clients_home_ai', 'client_locations_mask_ai') ORDER BY name`.execute(app.services.db);
      expect(triggers.map((t) => t.name)).toEqual(['client_locations_mask_ai', 'clients_home_ai']);
      const anyone = await app.services.db.selectFrom('clients').select(['id', 'last_name']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const found = await admin.ok('client-list', { query: anyone.last_name, limit: 50 });
      expect(found.items.length).toBeGreaterThan(0);

      // A second import of a copy with new emails, cancelled at its first progress event.
      const before = await app.services.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const copy = readFileSync(csv, 'utf8').replace(/@/g, '+copy@');
      const uploadId = await upload(admin, 'copy.csv', copy);
      const inspection = await admin.ok('import-inspect', { uploadId });
      admin.events.length = 0;
      const running = admin.call('import-run', { uploadId, encoding: 'utf-8', delimiter: ',', mapping: inspection.mapping, dryRun: false });
      const jobId = await firstJobId(admin);
      await admin.ok('job-cancel', { jobId });
      const outcome = await running;
      expect(outcome).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled: nothing was changed.' } });
      const after = await app.services.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    } finally {
      await app.close();
    }
  });

  it('a process killed mid-import ten times leaves none or all of the rows, the file intact and search whole', async () => {
    const reference = await migratedBook();
    const all = await runChild(reference.dbFile, reference.dir, -1);
    expect(all).toBeGreaterThan(KILL_ROWS * 0.9);
    const { dir, dbFile } = await migratedBook();
    const pristine = join(dir, 'pristine.db');
    copyFileSync(dbFile, pristine);
    const schemaOf = (db: BetterSqlite3.Database) =>
      db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'clients' ORDER BY name").all();
    const fresh = new BetterSqlite3(dbFile);
    const schemaBefore = schemaOf(fresh);
    fresh.close();
    expect(schemaBefore.filter((o) => (o as { type: string }).type === 'trigger').length).toBeGreaterThan(0);
    const outcomes: number[] = [];
    // Ten kills, each on a copy of the same book: early, mid-file, after the last batch
    // (the indexes and search tables being rebuilt in bulk), and a little later (the commit).
    const kills: [number, number][] = [[1, 0], [1, 30], [2, 0], [2, 40], [3, 0], [4, 0], [5, 0], [Infinity, 0], [Infinity, 60], [Infinity, 150]];
    for (const [killAt, delayMs] of kills) {
      copyFileSync(pristine, dbFile);
      await runChild(dbFile, dir, killAt, delayMs);
      const db = new BetterSqlite3(dbFile);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
      const imports = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
      // Indexes dropped and the search trigger removed for the bulk work come back with the rows or never left.
      const schema = schemaOf(db);
      // Throws if either search table disagrees with the clients it indexes.
      for (const table of ['clients_fts', 'clients_trgm', 'clients_phone_trgm']) db.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`);
      const found = (db.prepare(`SELECT count(*) AS n FROM clients_fts WHERE clients_fts MATCH 'a*'`).get() as { n: number }).n;
      db.close();
      expect([0, all]).toContain(n);
      expect(schema).toEqual(schemaBefore);
      expect(imports).toBe(n === 0 ? 0 : 1);
      if (n > 0) expect(found).toBeGreaterThan(0);
      outcomes.push(n);
    }
    expect(outcomes).toHaveLength(10);
    expect(outcomes).toContain(0);
  }, 120_000);
});

