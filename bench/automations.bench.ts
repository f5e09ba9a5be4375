/**
 * The daily life-event run over a million clients with 200,000 relationship links, beside
 * the anchor of plain SQL selecting the same day's due clients.
 *
 *   npm run bench -- automations [--rows 1000000] [--links 200000]
 *
 * Clients come from ../shared/data/gen.mjs (generated once under BENCH_DATA_DIR, else /tmp);
 * the bench database is built once there and reused while the schema is unchanged.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse';
import { createApp } from '../src-main/app';
import { migrations } from '../src-main/db/migrations';
import { DATA_DIR, generatedClients, ROWS as BENCH_ROWS } from './csv-fixture';
import { report } from './report';

const { values } = parseArgs({ options: { rows: { type: 'string', default: String(BENCH_ROWS) }, links: { type: 'string', default: '200000' } } });
const ROWS = Number(values.rows);
const LINKS = Number(values.links);
const DAYS = ['2027-01-15', '2027-02-28', '2027-05-01', '2027-08-20', '2027-11-30'];

async function buildDatabase(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const app = await createApp({ dataDir: dir });
  const admin = app.router.connect(() => undefined);
  await admin.call('setup-create', { shopName: 'Bench', name: 'Ada', username: 'ada', password: 'correct horse battery' });
  await app.close();
  const db = new BetterSqlite3(join(dir, 'clientele.db'));
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `INSERT INTO clients (first_name, last_name, phone, birthday, consent_sms, assigned_staff_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  let n = 0;
  db.exec('BEGIN');
  for await (const row of createReadStream(generatedClients(ROWS)).pipe(parse({ columns: true, relax_column_count: true }))) {
    const r = row as Record<string, string>;
    insert.run(r.first_name || 'Client', r.last_name ?? '', r.phone || null, r.birthday || null, n % 2, n % 3 === 0 ? null : 1, now, now);
    n++;
  }
  // Links between random pairs: half Spouse (symmetric), half Parent.
  const types = db.prepare("SELECT id, name FROM relationship_types WHERE name IN ('Spouse', 'Parent')").all() as { id: number; name: string }[];
  const link = db.prepare('INSERT OR IGNORE INTO relationships (from_client_id, to_client_id, type_id, created_at) VALUES (?, ?, ?, ?)');
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < LINKS; i++) {
    const a = 1 + Math.floor(rand() * n);
    const b = 1 + Math.floor(rand() * n);
    if (a !== b) link.run(Math.min(a, b), Math.max(a, b), types[i % 2]!.id, now);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
}

/** The cached book, named by a hash of the migrations' names: a path has a length limit. */
function bookDir(): string {
  const names = Object.keys(migrations);
  const key = createHash('sha256').update(names.join('+')).digest('hex').slice(0, 12);
  return join(DATA_DIR, `clientele-bench-automations-${ROWS}-${LINKS}-${names[names.length - 1]}-${key}`);
}

async function main(): Promise<void> {
  const dir = bookDir();
  if (!existsSync(join(dir, 'clientele.db'))) await buildDatabase(dir);
  const app = await createApp({ dataDir: dir, timeZone: 'UTC' });
  try {
    const admin = app.router.connect(() => undefined);
    await admin.call('session-login', { username: 'ada', password: 'correct horse battery' });
    await app.services.db.deleteFrom('outbox').execute();
    await app.services.db.deleteFrom('automation_rules').execute();
    await app.services.db.deleteFrom('scheduler_days').execute();
    const types = await app.services.relationships.listTypes();
    const typeId = (name: string) => types.find((t) => t.name === name)!.id;
    const rules = [
      { name: 'Birthday text', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'sms', template: 'Happy birthday {{recipient.first_name}}!' },
      { name: 'Spouse gift', event: 'birthday', daysBefore: 7, recipient: 'related', relationshipTypeId: typeId('Spouse'), relationshipSide: 'name', channel: 'call', template: 'Call {{recipient.first_name}} about {{client.first_name}}' },
      { name: 'Children', event: 'birthday', daysBefore: 3, recipient: 'related', relationshipTypeId: typeId('Parent'), relationshipSide: 'reverse', channel: 'call', template: 'Call {{recipient.first_name}}' },
    ] as const;
    for (const rule of rules) {
      const r = await admin.call('automation-create', rule);
      if (!r.ok) throw new Error(r.error.message);
    }

    const sqlite = new BetterSqlite3(app.databaseFile, { readonly: true });
    const due = sqlite.prepare("SELECT id FROM clients WHERE birthday IS NOT NULL AND deleted_at IS NULL AND substr(birthday, -5) IN (?)");
    const runTimes: number[] = [];
    const anchorTimes: number[] = [];
    let messages = 0;
    for (const day of DAYS) {
      let start = performance.now();
      for (const offset of [0, 7, 3]) {
        const d = new Date(`${day}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + offset);
        due.all(d.toISOString().slice(5, 10));
      }
      anchorTimes.push(performance.now() - start);
      start = performance.now();
      const result = await app.services.scheduler.runDay(day);
      runTimes.push(performance.now() - start);
      messages += result.created + result.skipped;
    }
    sqlite.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    report({
      bench: 'automations',
      figure: `daily run, ${ROWS} clients, ${LINKS} links, 3 rules (median of ${DAYS.length} days, ${Math.round(messages / DAYS.length)} messages a day)`,
      value: median(runTimes),
      unit: 'ms',
      anchor: 'plain SQL selecting the due clients of the 3 rules',
      anchor_value: median(anchorTimes),
    });
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
