/**
 * The client book at a million clients, through the router as a logged-in person whose
 * visibility scope applies: search as you type over 1,000 varied queries, the first page
 * under each sort, and filter counts. Anchors from the same run: an FTS5 trigram query and
 * a phone-suffix index query and a phone-digit trigram query (the middle of a number) in
 * plain better-sqlite3, the first page and a count too. The
 * Associate (own scope, ~1% of the book, and the Unassigned pool of his location, ~1.2%)
 * and the Manager (one location, ~40%) are printed against the Admin's same figure: the
 * ratio is the scope's cost.
 *
 *   npm run bench -- clients [--csv FILE] [--rows 1000000] [--only list|duplicates|purge]
 *
 * Without --csv, the clients file is generated once by ../shared/data/gen.mjs (BENCH_ROWS
 * or --rows clients, under BENCH_DATA_DIR, else /tmp).
 *
 * Then the Duplicates page's whole scan, each reason paged to its end through the router as
 * the Admin and the Manager, beside a plain SQL self-join on the E.164 phone (every pair at
 * once, no scope, no paging); and one erasure (purge) on a scratch copy of the book
 * (bench/purge-figures.ts).
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createApp } from '../src-main/app';
import { benchBook, PASSWORD, type BenchBook } from './clients-db';
import { generatedClients, ROWS as BENCH_ROWS } from './csv-fixture';
import { purgeFigures } from './purge-figures';
import { percentile, report, timeMs } from './report';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', String(BENCH_ROWS)));
const PAGE = 50;

/** Deterministic queries: same book, same queries, run after run. */
function makeRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'prefix' | 'two words' | 'substring' | 'phone suffix' | 'phone middle' | 'email' | 'miss';
interface Sample { first_name: string; last_name: string; email: string | null; phone: string | null }

function makeQueries(raw: BetterSqlite3.Database, clients: number): { kind: Kind; q: string }[] {
  const rnd = makeRandom(42);
  const pick = raw.prepare('SELECT first_name, last_name, email, phone FROM clients WHERE id = ?');
  const sample = (): Sample => pick.get(1 + Math.floor(rnd() * clients)) as Sample;
  const slice = (s: string, len: number) => {
    const chars = [...s];
    if (chars.length <= len) return s;
    const at = Math.floor(rnd() * (chars.length - len + 1));
    return chars.slice(at, at + len).join('');
  };
  const out: { kind: Kind; q: string }[] = [];
  const add = (kind: Kind, count: number, make: () => string | null) => {
    for (let made = 0; made < count; ) {
      const q = make();
      if (q && q.trim()) {
        out.push({ kind, q });
        made++;
      }
    }
  };
  add('prefix', 200, () => { const c = sample(); return [...c.first_name].slice(0, 2 + Math.floor(rnd() * 3)).join(''); });
  add('two words', 150, () => { const c = sample(); return c.last_name ? `${c.first_name} ${[...c.last_name].slice(0, 2 + Math.floor(rnd() * 2)).join('')}` : null; });
  add('substring', 200, () => { const c = sample(); const src = rnd() < 0.5 ? c.last_name : (c.email?.split('@')[0] ?? ''); return [...src].length >= 4 ? slice(src, 3 + Math.floor(rnd() * 2)) : null; });
  add('phone suffix', 200, () => { const c = sample(); const d = c.phone?.replace(/\D/g, '') ?? ''; return d.length >= 7 ? d.slice(-4) : null; });
  // Four digits from inside the number, never its last four: found only by the digit trigrams (0024).
  add('phone middle', 200, () => { const c = sample(); const d = c.phone?.replace(/\D/g, '') ?? ''; if (d.length < 9) return null; const at = 1 + Math.floor(rnd() * (d.length - 8)); return d.slice(at, at + 4); });
  add('email', 150, () => sample().email);
  add('miss', 100, () => `qx${Math.floor(rnd() * 1e6).toString(36)}zq`);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function main(): Promise<void> {
  const book = await benchBook(arg('csv', '') || generatedClients(ROWS), ROWS);
  const only = arg('only', '');
  if (only === '' || only === 'list') await searchListCount(book);
  if (only === '' || only === 'duplicates') await duplicateScan(book);
  if (only === '' || only === 'purge') await purgeFigures(book);
}

async function searchListCount(book: BenchBook): Promise<void> {
  // No daily backup or life-event run a minute in: a copy of the gigabyte book, or a pass
  // over a million birthdays, in the middle of the timings would be measured as search.
  const app = await createApp({ dataDir: book.dataDir, dailyBackups: false, lifeEvents: false });
  const raw = new BetterSqlite3(join(book.dataDir, 'clientele.db'), { readonly: true });
  try {
    const login = async (username: string) => {
      const conn = app.router.connect(() => undefined);
      const r = await conn.call('session-login', { username, password: PASSWORD });
      if (!r.ok) throw new Error(`login ${username}: ${r.error.message}`);
      return async (channel: string, payload: unknown) => {
        const res = await conn.call(channel, payload);
        if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
        return res.value as { items?: unknown[] };
      };
    };
    // The Admin first: each scoped figure is printed with the Admin's same figure as its anchor,
    // so the ratio is what the scope costs.
    const people = { admin: await login('ada'), associate: await login('sam'), manager: await login('mia') };
    const adminFigure = new Map<string, number>();
    /** A figure as measured by `who`: the Admin's against the plain anchor, a scoped one against the Admin's. */
    const reportAs = (who: string, figure: string, value: number, anchor: string, anchorValue: number) => {
      const name = figure.replace('{who}', who);
      if (who === 'admin') {
        adminFigure.set(figure, value);
        report({ bench: 'clients', figure: name, value, unit: 'ms', anchor, anchor_value: anchorValue });
      } else {
        report({ bench: 'clients', figure: name, value, unit: 'ms', anchor: figure.replace('{who}', 'admin'), anchor_value: adminFigure.get(figure) ?? 0 });
      }
    };
    const queries = makeQueries(raw, book.clients);

    // Anchors: what the two hardest search sources cost with nothing around them.
    const trigram = raw.prepare('SELECT rowid FROM clients_trgm WHERE clients_trgm MATCH ? LIMIT 51');
    const suffix = raw.prepare("SELECT id FROM clients WHERE phone_rev >= ? AND phone_rev < ? || ':' LIMIT 51");
    const digits = raw.prepare('SELECT rowid FROM clients_phone_trgm WHERE clients_phone_trgm MATCH ? ORDER BY rowid LIMIT 51');
    const trigramMs: number[] = [];
    const suffixMs: number[] = [];
    const middleMs: number[] = [];
    for (const { kind, q } of queries) {
      if (kind === 'substring') trigramMs.push(await timeMs(() => trigram.all(`"${q.replace(/"/g, '""')}"`)));
      if (kind === 'phone suffix') {
        const rev = [...q].reverse().join('');
        suffixMs.push(await timeMs(() => suffix.all(rev, rev)));
      }
      if (kind === 'phone middle') middleMs.push(await timeMs(() => digits.all(`"${[...q].reverse().join('')}"`)));
    }
    const anchor = { name: 'better-sqlite3 FTS5 trigram MATCH LIMIT 51', p50: percentile(trigramMs, 50), p99: percentile(trigramMs, 99) };
    const phoneAnchor = { name: 'better-sqlite3 phone_rev index range LIMIT 51', p50: percentile(suffixMs, 50), p99: percentile(suffixMs, 99) };
    const middleAnchor = { name: 'better-sqlite3 phone-digit trigram MATCH LIMIT 51', p50: percentile(middleMs, 50), p99: percentile(middleMs, 99) };
    for (const p of [50, 99] as const) {
      report({ bench: 'clients', figure: `anchor phone-suffix index query p${p}`, value: p === 50 ? phoneAnchor.p50 : phoneAnchor.p99, unit: 'ms', anchor: anchor.name, anchor_value: p === 50 ? anchor.p50 : anchor.p99 });
      report({ bench: 'clients', figure: `anchor phone-digit trigram query p${p}`, value: p === 50 ? middleAnchor.p50 : middleAnchor.p99, unit: 'ms', anchor: anchor.name, anchor_value: p === 50 ? anchor.p50 : anchor.p99 });
    }

    // The roles take turns on each query (and on each sample below), so every ratio compares
    // calls made under the same machine state rather than runs a minute apart.
    const roles = Object.entries(people);
    for (const { q } of queries.slice(0, 50)) for (const [, callAs] of roles) await callAs('client-list', { query: q, limit: PAGE }); // warm the page cache
    const all = new Map(roles.map(([who]) => [who, [] as number[]]));
    const byKind = new Map(roles.map(([who]) => [who, new Map<Kind, number[]>()]));
    for (const { kind, q } of queries) {
      for (const [who, callAs] of roles) {
        const ms = await timeMs(() => callAs('client-list', { query: q, limit: PAGE }));
        all.get(who)!.push(ms);
        const kinds = byKind.get(who)!;
        kinds.set(kind, [...(kinds.get(kind) ?? []), ms]);
      }
    }
    for (const [who] of roles) {
      for (const p of [50, 99]) {
        reportAs(who, `search as {who} p${p} (${queries.length} queries)`, percentile(all.get(who)!, p), `${anchor.name} p${p}`, p === 50 ? anchor.p50 : anchor.p99);
      }
      for (const [kind, samples] of byKind.get(who)!) {
        const a = kind === 'phone suffix' ? phoneAnchor : kind === 'phone middle' ? middleAnchor : anchor;
        reportAs(who, `search as {who} p99 ${kind} (${samples.length})`, percentile(samples, 99), `${a.name} p99`, a.p99);
      }
    }

    const pageAnchorStmt = raw.prepare('SELECT * FROM clients WHERE deleted_at IS NULL ORDER BY last_name, first_name, id LIMIT 51');
    const pageAnchor: number[] = [];
    for (let i = 0; i < 20; i++) pageAnchor.push(await timeMs(() => pageAnchorStmt.all()));
    const sorts = [
      { by: 'name', dir: 'asc' }, { by: 'name', dir: 'desc' }, { by: 'created', dir: 'desc' }, { by: 'created', dir: 'asc' },
      { by: 'lastVisit', dir: 'desc' }, { by: 'totalSpend', dir: 'desc' }, { by: 'totalSpend', dir: 'asc' },
    ];
    for (const sort of sorts) {
      const samples = new Map(roles.map(([who]) => [who, [] as number[]]));
      for (let i = 0; i < 20; i++) for (const [who, callAs] of roles) samples.get(who)!.push(await timeMs(() => callAs('client-list', { sort, limit: PAGE })));
      for (const [who] of roles) {
        reportAs(who, `first page as {who} by ${sort.by} ${sort.dir} p50`, percentile(samples.get(who)!, 50), 'better-sqlite3 first page by name p50', percentile(pageAnchor, 50));
      }
    }

    const countAnchorStmt = raw.prepare('SELECT count(*) FROM clients');
    const countAnchor: number[] = [];
    for (let i = 0; i < 5; i++) countAnchor.push(await timeMs(() => countAnchorStmt.get()));
    const filters: Record<string, unknown> = {
      all: {},
      existing: { status: 'existing' },
      guest: { status: 'guest' },
      'new (30 days)': { created: { kind: 'new' } },
      'old (30 days)': { created: { kind: 'old' } },
      'lapsed 180 days': { lapsedDays: 180 },
      'birthday this month': { birthdayThisMonth: true },
      'email consent': { consentEmail: true },
      unassigned: { assigned: 'unassigned' },
      'existing + email consent': { status: 'existing', consentEmail: true },
    };
    for (const [label, f] of Object.entries(filters)) {
      const samples = new Map(roles.map(([who]) => [who, [] as number[]]));
      for (let i = 0; i < 5; i++) for (const [who, callAs] of roles) samples.get(who)!.push(await timeMs(() => callAs('client-count', { filters: f })));
      for (const [who] of roles) {
        reportAs(who, `count as {who}: ${label} p50`, percentile(samples.get(who)!, 50), 'better-sqlite3 SELECT count(*) FROM clients p50', percentile(countAnchor, 50));
      }
    }
  } finally {
    raw.close();
    await app.close();
  }
}

async function duplicateScan(book: BenchBook): Promise<void> {
  const app = await createApp({ dataDir: book.dataDir, dailyBackups: false, lifeEvents: false });
  const raw = new BetterSqlite3(join(book.dataDir, 'clientele.db'), { readonly: true });
  try {
    const selfJoin = raw.prepare(`SELECT a.id, b.id FROM clients a JOIN clients b ON b.phone_e164 = a.phone_e164 AND b.id > a.id
      WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.phone_e164 IS NOT NULL`);
    let anchorPairs = 0;
    const anchorMs = await timeMs(() => (anchorPairs = selfJoin.raw().all().length));
    for (const username of ['ada', 'mia']) {
      const conn = app.router.connect(() => undefined);
      const login = await conn.call('session-login', { username, password: PASSWORD });
      if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
      for (const reason of ['phone', 'name-phone', 'name-birthday', 'name-email']) {
        let pairs = 0;
        const ms = await timeMs(async () => {
          let cursor: string | null = null;
          do {
            const r = await conn.call('client-duplicates', { reason, cursor, limit: 200 });
            if (!r.ok) throw new Error(`client-duplicates: ${r.error.message}`);
            const page = r.value as { items: unknown[]; nextCursor: string | null };
            pairs += page.items.length;
            cursor = page.nextCursor;
          } while (cursor);
        });
        report({
          bench: 'clients',
          figure: `duplicate scan as ${username === 'ada' ? 'admin' : 'manager'}: ${reason}, every page (${pairs} pairs)`,
          value: ms,
          unit: 'ms',
          anchor: `better-sqlite3 self-join on E.164 phone (${anchorPairs} pairs)`,
          anchor_value: anchorMs,
        });
      }
      conn.close();
    }
  } finally {
    raw.close();
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
