/** Shared by the import and export benchmarks: the generated file, a book, the real worker, the sqlite3 anchor. */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_CHUNK_BYTES } from '../src-preload/csv';
import { createApp, type App } from '../src-main/app';

export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
// bench/run.mjs runs the bundle from the repository root.
const ROOT = process.cwd();
/** Where generated files and cached books are kept between runs: BENCH_DATA_DIR, else /tmp. */
export const DATA_DIR = process.env.BENCH_DATA_DIR ?? '/tmp';
/** The data generator, in the shared folder beside the repository. */
const GENERATOR = join(ROOT, '..', 'shared', 'data', 'gen.mjs');

/** `node ../shared/data/gen.mjs --rows N --clients DATA_DIR/clients_N.csv --no-sales`, generated once and reused. */
export function generatedClients(rows = ROWS): string {
  const file = join(DATA_DIR, `clients_${rows}.csv`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, [GENERATOR, '--rows', String(rows), '--clients', file, '--no-sales'], { stdio: 'inherit' });
  }
  return file;
}

/**
 * A clients file and the sales file that goes with it, from one run of the generator: its
 * sales draw from the same random stream as its clients, so a clients file generated without
 * sales holds other people. Generated once and reused (the onboarding and sales benchmarks).
 */
export function generatedClientsAndSales(rows = ROWS): { clients: string; sales: string } {
  const clients = join(DATA_DIR, `clients_${rows}_b.csv`);
  const sales = join(DATA_DIR, `sales_${rows}.csv`);
  if (!existsSync(sales) || !existsSync(clients)) {
    execFileSync(process.execPath, [GENERATOR, '--rows', String(rows), '--clients', clients, '--sales', sales], { stdio: 'inherit' });
  }
  return { clients, sales };
}

/**
 * The jobs worker, built as the app builds it, so the benchmark measures the real thread
 * layout. Built in a child process so the bundler's memory does not count in our peak RSS.
 */
export function buildWorker(): string {
  const outDir = join(ROOT, 'out', 'bench');
  const script = `import { build } from 'vite';
await build({ root: ${JSON.stringify(ROOT)}, logLevel: 'warn', configFile: false, build: {
  ssr: ${JSON.stringify(join(ROOT, 'src-main/jobs/worker.ts'))}, outDir: ${JSON.stringify(outDir)}, emptyOutDir: false,
  target: 'node20', rolldownOptions: { output: { format: 'cjs', entryFileNames: 'jobs-worker.js' } } } });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'inherit' });
  return join(outDir, 'jobs-worker.js');
}

export type Must = <T>(channel: string, payload: unknown) => Promise<T>;

/** Calls a channel on a router connection, throwing its error message when it fails. */
export function caller(conn: ReturnType<App['router']['connect']>): Must {
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await conn.call(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
}

export const PASSWORD = 'correct horse battery';

/** The shop every CSV benchmark runs in: set up, its Admin logged in on this connection. */
export const setUpBenchShop = (must: Must) =>
  must('setup-create', { shopName: 'Bench', defaultCountry: 'GB', name: 'Ada', username: 'ada', password: PASSWORD });

/** Uploads and imports a clients file with the mapping the inspection proposes (the untimed set-up of later benchmarks). */
export async function importClientsFile(must: Must, file: string): Promise<{ created: number }> {
  const uploadId = await uploadFile(must, file);
  const inspection = await must<{ encoding: string; delimiter: string; mapping: unknown[] }>('import-inspect', { uploadId });
  return must('import-run', { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter, mapping: inspection.mapping, dryRun: false });
}

/** Streams a file into the app through file-upload, one chunk at a time. */
export async function uploadFile(must: Must, file: string): Promise<string> {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(FILE_CHUNK_BYTES);
  let uploadId: string | null = null;
  try {
    for (let offset = 0; offset < size || uploadId === null; ) {
      const n = readSync(fd, buffer, 0, FILE_CHUNK_BYTES, offset);
      const info: { fileId: string } = await must('file-upload', {
        uploadId, name: 'clients.csv', offset, data: buffer.subarray(0, n).toString('base64'), last: offset + n >= size,
      });
      uploadId = info.fileId;
      offset += n;
    }
  } finally {
    closeSync(fd);
  }
  return uploadId;
}

export async function freshBook(workerFile: string): Promise<{ app: App; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-'));
  // The day's backup and life-event run start a minute in: not inside the timed import or export.
  const app = await createApp({ dataDir: dir, workerFile, dailyBackups: false, lifeEvents: false });
  return { app, dir };
}

export function hasSqlite3(): boolean {
  const r = spawnSync('sqlite3', ['-version']);
  if (r.status === 0) return true;
  console.error('sqlite3 command-line shell not found (apt-get install -y sqlite3): the anchor is skipped.');
  return false;
}

export function peakRssMb(): number {
  // maxRSS covers the whole process, worker threads included (kilobytes on Linux).
  return process.resourceUsage().maxRSS / 1024;
}
