/**
 * What data safety costs on a real-sized book, loaded from a clients CSV (by default the
 * generator's, ../shared/data/gen.mjs, at BENCH_ROWS clients, generated once):
 * - a backup as the app takes it (online backup, switch to one self-contained file,
 *   quick_check + foreign_key_check of the copy, sidecar, retention), against a plain
 *   file copy of the same book, which is what it replaces;
 * - the check at every start (quick_check + foreign_key_check + counts, read-only), against
 *   opening the book and counting its clients;
 * - the full integrity check the app runs in the background after start (integrity_check,
 *   which also compares every index with its table), once, against the check at start.
 * Usage: npm run bench -- backup [--clients FILE]
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { inspectBook } from '../src-main/backup/book-file';
import { createApp } from '../src-main/app';
import { runIntegrityCheck } from '../src-main/jobs/integrity-job';
import { generatedClients } from './csv-fixture';
import { report, timeMs } from './report';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clients: { type: 'string' } } });
  const rows = parse<Record<string, string>>(readFileSync(values.clients ?? generatedClients()), { columns: true, skip_empty_lines: true });
  const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-'));
  // The app's own background check is timed below, on its own.
  const app = await createApp({ dataDir: dir, dailyBackups: false, integrityCheck: false });
  try {
    const conn = app.router.connect(() => undefined);
    const setup = await conn.call('setup-create', { shopName: 'Bench', name: 'Ada', username: 'ada', password: 'correct horse battery' });
    if (!setup.ok) throw new Error(setup.error.message);
    const sqlite = new BetterSqlite3(app.databaseFile);
    const insert = sqlite.prepare(
      'INSERT INTO clients (first_name, last_name, email, phone, birthday, city, postal_code, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const seen = new Set<string>();
    sqlite.transaction(() => {
      for (const r of rows) {
        // The generator repeats ~1% of emails in another case; the book keeps emails unique.
        const email = r.email && !seen.has(r.email.toLowerCase()) ? r.email : null;
        if (email) seen.add(email.toLowerCase());
        const at = r.created_at || new Date().toISOString();
        insert.run(r.first_name || 'Unnamed', r.last_name ?? '', email, r.phone || null, /^\d{4}-\d{2}-\d{2}$/.test(r.birthday ?? '') ? r.birthday : null, r.city || null, (r.postal_code || '').slice(0, 20) || null, (r.notes || '').slice(0, 10_000) || null, at, at);
      }
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    const size = statSync(app.databaseFile).size;
    const label = `${rows.length} clients, ${(size / 1024 / 1024).toFixed(1)} MB`;

    const backup: number[] = [];
    const copy: number[] = [];
    const check: number[] = [];
    const count: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      backup.push(await timeMs(() => app.services.backups.take('manual')));
      copy.push(await timeMs(() => copyFileSync(app.databaseFile, join(dir, `copy-${i}.db`))));
      check.push(await timeMs(() => {
        const r = inspectBook(app.databaseFile, { foreignKeys: true });
        if (!r.ok) throw new Error(r.problem);
      }));
      count.push(await timeMs(() => {
        const db = new BetterSqlite3(app.databaseFile, { readonly: true });
        db.prepare('SELECT count(*) FROM clients').get();
        db.close();
      }));
    }
    report({ bench: 'backup', figure: `backup taken and verified (${label}), median of ${RUNS}`, value: median(backup), unit: 'ms', anchor: 'plain file copy of the same book', anchor_value: median(copy) });
    report({ bench: 'backup', figure: `integrity check at start (${label}), median of ${RUNS}`, value: median(check), unit: 'ms', anchor: 'open the book and count its clients', anchor_value: median(count) });
    const fullStart = process.hrtime.bigint();
    const full = await runIntegrityCheck({ databaseFile: app.databaseFile, workerFile: null });
    const fullMs = Number(process.hrtime.bigint() - fullStart) / 1e6;
    if (!full.ok) throw new Error(full.problem);
    report({ bench: 'backup', figure: `full integrity check in the background after start (${label}), once`, value: fullMs, unit: 'ms', anchor: 'integrity check at start (median)', anchor_value: median(check) });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
