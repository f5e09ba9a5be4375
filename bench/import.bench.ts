/**
 * A million-client import through the whole path (upload by chunks, inspect, then
 * import-run: parse, validate, normalise phones on a helper thread, dedupe by email and
 * phone, write with indexes, one transaction) against the anchor of the sqlite3 shell doing
 * the plain version: .import into a staging table, INSERT OR IGNORE into a table with a
 * unique index on lower(email), FTS5 rebuild. Beside both, the floor (bench/import-floor.ts):
 * the same rows, parsed before the timer, written by prepared statements into a freshly
 * migrated book with the import's own bulk index work, in one transaction. Our import over
 * the floor is our code's cost; the floor over the shell anchor is the schema's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorker, caller, freshBook, generatedClients, hasSqlite3, PASSWORD, peakRssMb, ROWS, setUpBenchShop, uploadFile } from './csv-fixture';
import { importFloor } from './import-floor';
import { report } from './report';
import type { ImportField } from '../src-main/domain/import-fields';

const ANCHOR_SQL = (file: string) => `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE staging (first_name, last_name, email, phone, birthday, city, postal_code, tags, notes, created_at);
.import --csv --skip 1 ${file} staging
CREATE TABLE clients (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT, birthday TEXT,
  city TEXT, postal_code TEXT, notes TEXT);
CREATE UNIQUE INDEX clients_email ON clients (lower(email));
BEGIN;
INSERT OR IGNORE INTO clients (first_name, last_name, email, phone, birthday, city, postal_code, notes)
  SELECT first_name, last_name, nullif(email, ''), phone, birthday, city, postal_code, notes FROM staging;
CREATE VIRTUAL TABLE clients_fts USING fts5 (first_name, last_name, email, phone, content = 'clients', content_rowid = 'id');
INSERT INTO clients_fts (clients_fts) VALUES ('rebuild');
COMMIT;
`;

/** BENCH_ASSIGNED=1: the shop has a default assignee, who receives every new client. */
const ASSIGNED = process.env.BENCH_ASSIGNED === '1';

function anchorSeconds(file: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-anchor-'));
  try {
    const start = process.hrtime.bigint();
    execFileSync('sqlite3', [join(dir, 'anchor.db')], { input: ANCHOR_SQL(file), stdio: ['pipe', 'ignore', 'inherit'] });
    return Number(process.hrtime.bigint() - start) / 1e9;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const file = generatedClients();
  const workerFile = buildWorker();
  const { app, dir } = await freshBook(workerFile);
  try {
    // Phase timings from the job's own progress events, printed to stderr for the curious.
    const phases = new Map<string, number>();
    let backupDone = 0;
    const conn = app.router.connect((event, payload) => {
      if (event === 'job-progress') {
        const phase = (payload as { phase: string }).phase;
        if (!phases.has(phase)) phases.set(phase, Date.now());
        // The backup's last event comes once it is copied and checked.
        if (phase === 'backup') backupDone = Date.now();
      }
    });
    const must = caller(conn);
    await setUpBenchShop(must);
    if (ASSIGNED) {
      // A shop with a default assignee: every new client goes to them, with its staff pair.
      const staff = await must<{ id: number }>('staff-create', { name: 'Default Dee', username: 'dee', role: 'associate', password: PASSWORD });
      await must('settings-update', { defaultAssigneeId: staff.id });
    }

    const uploadId = await uploadFile(must, file);
    const inspection = await must<{ encoding: string; delimiter: string; mapping: (ImportField | null)[] }>('import-inspect', { uploadId });

    const startedAt = Date.now();
    const start = process.hrtime.bigint();
    const result = await must<{ rows: number; created: number; skipped: number; rejected: number; warnings: number }>('import-run', {
      uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter, mapping: inspection.mapping, dryRun: false,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.error(`import: ${JSON.stringify({ ...result, problems: undefined, sample: undefined })}`);
    console.error(`phases (ms after start): ${[...phases].map(([k, t]) => `${k} ${t - startedAt}`).join(', ')}`);
    // The job checkpoints its own write-ahead log as it commits: the first edit after it must not wait for that.
    const editStart = process.hrtime.bigint();
    await must('client-create', { firstName: 'First', lastName: 'After Import', email: 'first.after.import@example.com' });
    const editMs = Number(process.hrtime.bigint() - editStart) / 1e6;

    // Every import backs the book up first (online backup API, then checked). A small second
    // import onto the book just filled shows what that backup costs at this size.
    const small = join(dir, 'small.csv');
    writeFileSync(small, `First name,Last name,Email\n${Array.from({ length: 1000 }, (_, i) => `Small${i},Later,small.later.${i}@example.com`).join('\n')}\n`);
    const smallId = await uploadFile(must, small);
    const smallInspection = await must<{ encoding: string; delimiter: string; mapping: unknown[] }>('import-inspect', { uploadId: smallId });
    phases.clear();
    const smallStartedAt = Date.now();
    const smallStart = process.hrtime.bigint();
    await must('import-run', { uploadId: smallId, encoding: smallInspection.encoding, delimiter: smallInspection.delimiter, mapping: smallInspection.mapping, dryRun: false });
    const smallSeconds = Number(process.hrtime.bigint() - smallStart) / 1e9;
    const backupSeconds = (backupDone - (phases.get('backup') ?? smallStartedAt)) / 1000;
    console.error(`second import (1,000 rows): phases (ms after start): ${[...phases].map(([k, t]) => `${k} ${t - smallStartedAt}`).join(', ')}`);
    // Taken before the floor, which holds the whole parsed file in memory.
    const peakRss = peakRssMb();
    const anchor = hasSqlite3() ? anchorSeconds(file) : 0;
    const floor = await importFloor(file, inspection.mapping, workerFile, ASSIGNED);
    report({ bench: 'import', figure: `${ROWS} clients, full import${ASSIGNED ? ', to a default assignee' : ''}`, value: seconds, unit: 's', anchor: 'sqlite3 .import + INSERT OR IGNORE (unique lower(email)) + FTS5 rebuild', anchor_value: anchor });
    report({ bench: 'import', figure: 'rows per second', value: result.rows / seconds, unit: 'rows/s', anchor: 'sqlite3 shell rows/s', anchor_value: anchor ? ROWS / anchor : 0 });
    report({ bench: 'import', figure: `floor: the same rows parsed beforehand, prepared statements into a fresh book, every index, both search tables, triggers as the import runs them, one transaction (${floor.created} created)`, value: floor.seconds, unit: 's', anchor: 'sqlite3 shell anchor', anchor_value: anchor });
    report({ bench: 'import', figure: `${ROWS} clients, full import, against the floor (ratio ours/floor: our code; floor/shell: the schema)`, value: seconds, unit: 's', anchor: 'floor', anchor_value: floor.seconds });
    report({ bench: 'import', figure: 'first client added after the import (main process)', value: editMs, unit: 'ms', anchor: 'none', anchor_value: 0 });
    report({ bench: 'import', figure: `backup before an import, book of ${ROWS} clients (copy and check)`, value: backupSeconds, unit: 's', anchor: `whole import of 1,000 rows onto that book`, anchor_value: smallSeconds });
    report({ bench: 'import', figure: 'peak RSS (process, worker threads included)', value: peakRss, unit: 'MB', anchor: 'target', anchor_value: 400 });
  } finally {
    await app.close();
    if (process.env.KEEP_BOOK) console.error(`book kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
