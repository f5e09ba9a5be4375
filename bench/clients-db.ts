/**
 * Builds (once) and caches the benchmark's client book: the generated clients CSV bulk
 * loaded with prepared statements in one transaction (the search triggers index as it goes),
 * staff to assign them to, and a sale for two clients in five so statuses, visits and spend
 * vary. Two locations: two clients in five are at home at the main store, the rest Uptown,
 * and each sale is at the client's home. The Manager works at the main store and sees about
 * 40% of the book (seen there or not). The Associate `sam` works there too: his own clients
 * are about 1% of the book, and three clients in a hundred are Unassigned, so his Unassigned
 * pool (those at the main store) is about 1.2% more. The cache is keyed by the migrations and
 * this loader's version; after a new migration, the newest cached book is copied and
 * migrated instead of rebuilt.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse';
import { createApp } from '../src-main/app';
import { migrations } from '../src-main/db/migrations';
import { normalisePhone } from '../src-main/domain/phone';
import { DATA_DIR } from './csv-fixture';

const LOADER_VERSION = 3;
/** The benchmarks run from the repository's root (bench/run.mjs). */
const MIGRATIONS_DIR = join(process.cwd(), 'src-main', 'db', 'migrations');
export const PASSWORD = 'correct horse battery';
/** Associates the clients are spread over; `sam` is the first, so his own scope is ~1% of the book. */
const ASSOCIATES = 100;

export interface BenchBook {
  dataDir: string;
  clients: number;
}

/** The cached book built under the first `count` migrations as they are today. */
function bookDir(rows: number, count: number): string {
  // Keyed by the migrations' source files, not just their names: an unshipped migration still
  // changes. (Not the bundled functions' text: bundling renames imports as other modules come.)
  const schema = Object.keys(migrations)
    .slice(0, count)
    .map((name) => `${name}:${readFileSync(join(MIGRATIONS_DIR, `${name}.ts`), 'utf8')}`);
  const key = createHash('sha256').update(JSON.stringify([schema, LOADER_VERSION, rows])).digest('hex').slice(0, 12);
  return join(DATA_DIR, 'clientele-bench', `clients-${rows}-${key}`);
}

export async function benchBook(csv: string, rows: number): Promise<BenchBook> {
  const all = Object.keys(migrations).length;
  const dataDir = bookDir(rows, all);
  if (existsSync(join(dataDir, 'ready'))) return { dataDir, clients: rows };
  // A book built before the newest migrations is copied and migrated by the app, the way a
  // shop's own book meets a new version: minutes instead of a rebuild's half hour.
  for (let count = all - 1; count > 0; count--) {
    const older = bookDir(rows, count);
    if (!existsSync(join(older, 'ready'))) continue;
    const started = Date.now();
    console.error(`migrating a copy of ${older} into ${dataDir} ...`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    for (const file of ['clientele.db', 'clientele.db-wal']) if (existsSync(join(older, file))) copyFileSync(join(older, file), join(dataDir, file));
    const app = await createApp({ dataDir });
    await app.close();
    const clients = Number(readFileSync(join(older, 'ready'), 'utf8').trim()) || rows;
    writeFileSync(join(dataDir, 'ready'), `${clients}\n`);
    console.error(`migrated in ${Math.round((Date.now() - started) / 1000)} s`);
    return { dataDir, clients };
  }
  if (!existsSync(csv)) throw new Error(`${csv} is missing: node ../shared/data/gen.mjs --rows ${rows} --clients ${csv} --no-sales`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  console.error(`building the bench book in ${dataDir} ...`);

  const app = await createApp({ dataDir });
  const conn = app.router.connect(() => undefined);
  const must = async (channel: string, payload: unknown) => {
    const r = await conn.call(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as { id: number };
  };
  await must('setup-create', { shopName: 'Bench', defaultCountry: 'US', name: 'Ada', username: 'ada', password: PASSWORD });
  const mia = await must('staff-create', { name: 'Mia Manager', username: 'mia', role: 'manager', password: PASSWORD });
  const sam = await must('staff-create', { name: 'Sam Seller', username: 'sam', role: 'associate', password: PASSWORD });
  conn.close();
  await app.close();

  const db = new BetterSqlite3(join(dataDir, 'clientele.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const now = new Date().toISOString();
  const hash = (db.prepare('SELECT password_hash FROM staff WHERE id = ?').get(sam.id) as { password_hash: string }).password_hash;
  const main = (db.prepare('SELECT id FROM locations WHERE is_default = 1').get() as { id: number }).id;
  const uptown = Number(db.prepare("INSERT INTO locations (name, is_default, created_at) VALUES ('Uptown', 0, ?)").run(now).lastInsertRowid);
  for (const staffId of [mia.id, sam.id]) db.prepare('INSERT INTO staff_locations (staff_id, location_id) VALUES (?, ?)').run(staffId, main);
  const addStaff = db.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES (?, ?, 'associate', ?, ?, ?)");
  const associates = [sam.id];
  for (let i = 1; i < ASSOCIATES; i++) associates.push(Number(addStaff.run(`Associate ${i}`, `assoc${i}`, hash, now, now).lastInsertRowid));

  const insert = db.prepare(`INSERT INTO clients (first_name, last_name, email, phone, phone_e164, birthday, city, postal_code, notes,
    assigned_staff_id, created_at, updated_at, consent_email, consent_sms, home_location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const sale = db.prepare(`INSERT INTO interactions (client_id, kind, staff_id, location_id, amount_cents, occurred_at, created_at)
    VALUES (?, 'sale', ?, ?, ?, ?, ?)`);
  const seenEmails = new Set<string>();
  const clip = (s: string | undefined, max: number) => (s ? s.slice(0, max) : null);
  let n = 0;
  db.exec('BEGIN');
  const parser = createReadStream(csv).pipe(parse({ columns: true, relax_column_count: true }));
  for await (const r of parser as AsyncIterable<Record<string, string>>) {
    // The generator repeats ~1% of emails in another case; the book keeps emails unique.
    let email = clip(r.email, 254);
    if (email) {
      const k = email.toLowerCase();
      if (seenEmails.has(k)) email = null;
      else seenEmails.add(k);
    }
    const phone = clip(r.phone, 40);
    const created = new Date(r.created_at || now).toISOString();
    const staff = associates[n % ASSOCIATES]!;
    // Three in a hundred Unassigned (imported, their seller unmapped); the pool of their home's staff.
    const assigned = n % 100 >= 97 ? null : staff;
    const home = n % 5 === 0 || n % 5 === 3 ? main : uptown;
    const id = Number(
      insert.run(
        clip(r.first_name, 80) || 'Unknown',
        clip(r.last_name, 80) ?? '',
        email,
        phone,
        phone ? normalisePhone(phone, 'US').e164 : null,
        /^\d{4}-\d{2}-\d{2}$/.test(r.birthday ?? '') ? r.birthday : null,
        clip(r.city, 100),
        clip(r.postal_code, 20),
        clip(r.notes, 10000),
        assigned,
        created,
        created,
        n % 3 === 0 ? 1 : 0,
        n % 4 === 0 ? 1 : 0,
        home,
      ).lastInsertRowid,
    );
    if (n % 5 < 2) {
      const soldAt = new Date(Date.parse(created) + (n % 900) * 86_400_000).toISOString();
      // One sale in eight by a colleague: clients someone worked with but does not look after.
      const seller = n % 20 === 5 ? associates[Math.floor(n / 20) % ASSOCIATES]! : staff;
      sale.run(id, seller, home, ((n * 7919) % 50_000) + 500, soldAt, soldAt);
    }
    n++;
    if (n % 100_000 === 0) console.error(`  ${n} clients (${Math.round((Date.now() - started) / 1000)} s)`);
    if (n >= rows) break;
  }
  db.exec('COMMIT');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(dataDir, 'ready'), `${n}\n`);
  console.error(`built ${n} clients in ${Math.round((Date.now() - started) / 1000)} s`);
  return { dataDir, clients: n };
}
