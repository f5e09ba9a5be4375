#!/usr/bin/env node
// `npm run bench:smoke`: every benchmark under bench/ at a tiny size (BENCH_ROWS=2000), each
// checked only for finishing and printing its JSON figures, so a benchmark that no longer
// runs fails CI. The figures at this size mean nothing. Generated files and cached books go
// to a temp folder that is removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = '2000';
/** Each benchmark's own size knobs, beside BENCH_ROWS. */
const ARGS = { automations: ['--links', '400'], email: ['--runs', '1'], appointments: ['--calls', '20'] };
const ENV = { sales: { SALES_LINES: '2000' } };
const TIMEOUT_MS = 5 * 60_000;

const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''))
  .sort();
// `npm run bench:smoke -- NAME...` runs only those.
const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`bench:smoke: no benchmark named ${unknown.join(', ')} (there are: ${available.join(', ')})`);
  process.exit(2);
}
const names = asked.length ? asked : available;

const isFigure = (name, f) =>
  f !== null &&
  typeof f === 'object' &&
  f.bench === name &&
  typeof f.figure === 'string' &&
  typeof f.unit === 'string' &&
  Number.isFinite(f.value) &&
  Number.isFinite(f.anchor_value);

function parse(line) {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'clientele-bench-smoke-'));
const failures = [];
const started = performance.now();
try {
  for (const name of names) {
    const t = performance.now();
    console.error(`bench:smoke ${name} ...`);
    const run = spawnSync(process.execPath, [join(root, 'bench', 'run.mjs'), name, ...(ARGS[name] ?? [])], {
      cwd: root,
      env: { ...process.env, BENCH_ROWS: ROWS, BENCH_DATA_DIR: dataDir, ...ENV[name] },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(run.stdout ?? '');
    const figures = (run.stdout ?? '').split('\n').map(parse).filter((f) => isFigure(name, f));
    const problem = run.error
      ? run.error.message
      : run.status !== 0
        ? `exited with ${run.status ?? run.signal}`
        : figures.length === 0
          ? 'printed no JSON figure'
          : null;
    const seconds = ((performance.now() - t) / 1000).toFixed(1);
    if (problem) failures.push(`${name}: ${problem}`);
    console.error(`bench:smoke ${name}: ${problem ?? `${figures.length} figures`} (${seconds} s)`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.error(`bench:smoke: ${names.length} benchmarks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) {
  console.error(`bench:smoke failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
