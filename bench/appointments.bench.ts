/**
 * The appointment book at a busy location: 50 staff, about a million appointments over two
 * years at one location (BENCH_ROWS or --rows appointments; 27 a day per staff member, 20
 * minutes apart from 08:00 local), in America/New_York so the weeks cross DST changes.
 * Through the router as the Admin: a week view by staff member and by location
 * (`appointment-range`, 7 days) and the overlap check (`appointment-check`), each beside the
 * same index query in plain better-sqlite3 (prepared; for the views, the same rows with their
 * clients' fields).
 *
 *   npm run bench -- appointments [--rows 1000000] [--calls 300]
 *
 * The book is built once under BENCH_DATA_DIR (else /tmp) and reused while the migrations
 * and this loader are unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { createApp } from '../src-main/app';
import { migrations } from '../src-main/db/migrations';
import { dayBounds } from '../src-main/domain/shop-time';
import { addDays } from '../src-main/domain/calendar';
import { DATA_DIR, ROWS as BENCH_ROWS } from './csv-fixture';
import { percentile, report, timeMs } from './report';

const { values } = parseArgs({ options: { rows: { type: 'string', default: String(BENCH_ROWS) }, calls: { type: 'string', default: '300' } } });
const ROWS = Number(values.rows);
const CALLS = Number(values.calls);
const STAFF = 50;
const PER_DAY = 27;
const DAYS = Math.max(1, Math.ceil(ROWS / (STAFF * PER_DAY)));
const FIRST_DAY = '2025-01-06';
const TZ = 'America/New_York';
const PASSWORD = 'correct horse battery';
const LOADER_VERSION = 1;
const MIGRATIONS_DIR = join(process.cwd(), 'src-main', 'db', 'migrations');

function bookDir(): string {
  const schema = Object.keys(migrations).map((name) => `${name}:${readFileSync(join(MIGRATIONS_DIR, `${name}.ts`), 'utf8')}`);
  const key = createHash('sha256').update(JSON.stringify([schema, LOADER_VERSION, ROWS])).digest('hex').slice(0, 12);
  return join(DATA_DIR, 'clientele-bench', `appointments-${ROWS}-${key}`);
}

let seed = 11;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

async function build(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  console.error(`building the appointments book in ${dir} ...`);
  const app = await createApp({ dataDir: dir, timeZone: TZ });
  const conn = app.router.connect(() => undefined);
  const r = await conn.call('setup-create', { shopName: 'Bench', defaultCountry: 'US', name: 'Ada', username: 'ada', password: PASSWORD });
  if (!r.ok) throw new Error(r.error.message);
  conn.close();
  await app.close();

  const db = new BetterSqlite3(join(dir, 'clientele.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const now = new Date().toISOString();
  const location = (db.prepare('SELECT id FROM locations WHERE is_default = 1').get() as { id: number }).id;
  const hash = (db.prepare('SELECT password_hash FROM staff WHERE id = 1').get() as { password_hash: string }).password_hash;
  db.exec('BEGIN');
  db.prepare("UPDATE shop_settings SET time_zone = ?").run(TZ);
  const addStaff = db.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', ?, ?, ?)");
  const staff: number[] = [];
  for (let i = 0; i < STAFF; i++) staff.push(Number(addStaff.run(`Stylist ${i + 1}`, `stylist${i + 1}`, hash, now, now).lastInsertRowid));
  const service = Number(db.prepare("INSERT INTO services (name, default_duration_minutes, created_at, updated_at) VALUES ('Fitting', 20, ?, ?)").run(now, now).lastInsertRowid);
  const clients = Math.max(100, Math.min(50_000, Math.round(ROWS / 20)));
  const addClient = db.prepare('INSERT INTO clients (first_name, last_name, email, phone, assigned_staff_id, home_location_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const clientIds: number[] = [];
  for (let i = 0; i < clients; i++) {
    clientIds.push(Number(addClient.run(`Client${i}`, `Bench${i % 997}`, `client${i}@example.com`, `+1 415 555 ${String(i % 10000).padStart(4, '0')}`, staff[i % STAFF]!, location, now, now).lastInsertRowid));
  }
  const add = db.prepare(`INSERT INTO appointments (client_id, staff_id, location_id, service_id, start_at, duration_minutes, end_at, notes, booked_through, status, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const channels = ['in_store', 'phone', 'online', 'walk_in'] as const;
  let n = 0;
  outer: for (let d = 0; d < DAYS; d++) {
    const date = addDays(FIRST_DAY, d);
    const dayStart = Date.parse(dayBounds(date, TZ).startAt);
    // 08:00 local is 8 hours after the local midnight except on a spring-forward or fall-back
    // morning, where it is an hour off: fine for a load.
    for (const s of staff) {
      for (let k = 0; k < PER_DAY; k++) {
        const start = new Date(dayStart + (8 * 60 + k * 20) * 60_000).toISOString();
        const minutes = rand() < 0.8 ? 20 : 15;
        const status = d < DAYS / 2 ? (rand() < 0.85 ? 'completed' : rand() < 0.5 ? 'no_show' : 'cancelled') : rand() < 0.95 ? 'booked' : 'cancelled';
        const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
        add.run(clientIds[Math.floor(rand() * clients)]!, s, location, service, start, minutes, end, n % 4 === 0 ? 'Bring the jacket' : null, channels[n % 4]!, status, 1, now, now);
        if (++n >= ROWS) break outer;
      }
    }
    if (d % 60 === 0) console.error(`  ${n} appointments (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(dir, 'ready'), `${n}\n`);
  console.error(`built ${n} appointments in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function main(): Promise<void> {
  const dir = bookDir();
  if (!existsSync(join(dir, 'ready'))) await build(dir);
  const count = Number(readFileSync(join(dir, 'ready'), 'utf8').trim());
  const app = await createApp({ dataDir: dir, timeZone: TZ, lifeEvents: false, dailyBackups: false, sendMail: false });
  try {
    const conn = app.router.connect(() => undefined);
    const must = async (channel: string, payload: unknown) => {
      const r = await conn.call(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    await must('session-login', { username: 'ada', password: PASSWORD });
    const raw = new BetterSqlite3(app.databaseFile, { readonly: true });
    const staffIds = (raw.prepare("SELECT id FROM staff WHERE username LIKE 'stylist%' ORDER BY id").all() as { id: number }[]).map((s) => s.id);
    const location = (raw.prepare('SELECT id FROM locations WHERE is_default = 1').get() as { id: number }).id;
    // The rows the view reads: each appointment with its client's shown fields (names of staff, locations and services are small tables read whole).
    const view = `SELECT a.*, c.first_name, c.last_name, c.email, c.phone, c.first_visit_at
      FROM appointments a JOIN clients c ON c.id = a.client_id
      WHERE c.deleted_at IS NULL AND a.start_at > ? AND a.start_at < ? AND a.end_at > ? AND a.status != 'cancelled'`;
    const byStaff = raw.prepare(`${view} AND a.staff_id = ? ORDER BY a.start_at, a.end_at, a.status, a.id`);
    const byLocation = raw.prepare(`${view} AND a.location_id = ? ORDER BY a.start_at, a.id`);
    const overlap = raw.prepare(
      "SELECT id, start_at, end_at FROM appointments WHERE staff_id = ? AND start_at > ? AND start_at < ? AND end_at > ? AND status NOT IN ('cancelled', 'no_show') ORDER BY start_at LIMIT 20",
    );
    const weeks = Math.max(1, Math.floor(DAYS / 7));
    const weekStart = () => addDays(FIRST_DAY, 7 * Math.floor(rand() * weeks));
    const earliest = (at: string) => new Date(Date.parse(at) - 720 * 60_000).toISOString();

    const figures: { name: string; ours: number[]; anchor: number[]; rows: number[] }[] = [];
    for (const kind of ['staff', 'location'] as const) {
      const ours: number[] = [];
      const anchor: number[] = [];
      const rows: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const from = weekStart();
        const staffId = staffIds[Math.floor(rand() * staffIds.length)]!;
        const by = kind === 'staff' ? { staffId } : { locationId: location };
        let got = 0;
        ours.push(await timeMs(async () => (got = ((await must('appointment-range', { by, from, days: 7 })) as { items: unknown[] }).items.length)));
        rows.push(got);
        const fromAt = dayBounds(from, TZ).startAt;
        const toAt = dayBounds(addDays(from, 6), TZ).endAt;
        anchor.push(await timeMs(() => (kind === 'staff' ? byStaff.all(earliest(fromAt), toAt, fromAt, staffId) : byLocation.all(earliest(fromAt), toAt, fromAt, location))));
      }
      figures.push({ name: `week view by ${kind}`, ours, anchor, rows });
    }
    const ours: number[] = [];
    const anchor: number[] = [];
    const checks = CALLS * 5;
    for (let i = 0; i < checks; i++) {
      const staffId = staffIds[Math.floor(rand() * staffIds.length)]!;
      const day = addDays(FIRST_DAY, Math.floor(rand() * DAYS));
      const startAt = new Date(Date.parse(dayBounds(day, TZ).startAt) + (8 * 60 + Math.floor(rand() * 27) * 20 + 10) * 60_000).toISOString();
      const endAt = new Date(Date.parse(startAt) + 30 * 60_000).toISOString();
      ours.push(await timeMs(() => must('appointment-check', { staffId, locationId: location, startAt, durationMinutes: 30 })));
      anchor.push(await timeMs(() => overlap.all(staffId, earliest(startAt), endAt, startAt)));
    }
    figures.push({ name: 'overlap check', ours, anchor, rows: [] });
    raw.close();

    for (const f of figures) {
      const rowsNote = f.rows.length ? `, ${Math.round(f.rows.reduce((a, b) => a + b, 0) / f.rows.length)} appointments a week on average` : '';
      for (const p of [50, 99]) {
        report({
          bench: 'appointments',
          figure: `${f.name} p${p} through the router (${count} appointments, ${STAFF} staff, ${f.ours.length} calls${rowsNote})`,
          value: percentile(f.ours, p),
          unit: 'ms',
          anchor: `the same index query in better-sqlite3 p${p}`,
          anchor_value: percentile(f.anchor, p),
        });
      }
    }
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
