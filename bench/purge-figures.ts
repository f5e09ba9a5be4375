/**
 * One erasure on the million-client book, through the router as the Admin: on a scratch
 * copy of the cached book (a purge changes it), so the cache stays as built. The first purge
 * is timed on a book marked as coming from before `secure_delete` was always on (the one-time
 * scrub), the next ones as every later purge. Anchor: a plain better-sqlite3 VACUUM of the
 * same file, which is what every purge used to cost.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createApp } from '../src-main/app';
import type { BenchBook } from './clients-db';
import { PASSWORD } from './clients-db';
import { DATA_DIR } from './csv-fixture';
import { percentile, report, timeMs } from './report';

export async function purgeFigures(book: BenchBook): Promise<void> {
  const dir = join(DATA_DIR, 'clientele-bench', `purge-scratch-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    for (const suffix of ['', '-wal']) {
      const from = join(book.dataDir, `clientele.db${suffix}`);
      if (existsSync(from)) copyFileSync(from, join(dir, `clientele.db${suffix}`));
    }
    const file = join(dir, 'clientele.db');
    const raw = new BetterSqlite3(file);
    // A book from before secure_delete was always on: its free pages may hold old values.
    raw.pragma('user_version = 0');
    raw.close();

    const app = await createApp({ dataDir: dir });
    const purges: number[] = [];
    try {
      const conn = app.router.connect(() => undefined);
      const login = await conn.call('session-login', { username: 'ada', password: PASSWORD });
      if (!login.ok) throw new Error(`login ada: ${login.error.message}`);
      const step = Math.floor(book.clients / 7);
      for (let i = 1; i <= 4; i++) {
        const id = i * step + 1;
        purges.push(
          await timeMs(async () => {
            const r = await conn.call('client-purge', { id, confirm: 'ERASE' });
            if (!r.ok) throw new Error(`client-purge ${id}: ${r.error.message}`);
          }),
        );
      }
      conn.close();
    } finally {
      await app.close();
    }

    const anchorDb = new BetterSqlite3(file);
    const vacuumMs = await timeMs(() => anchorDb.exec('VACUUM'));
    anchorDb.close();
    const anchor = 'better-sqlite3 VACUUM of the same book';
    report({ bench: 'clients', figure: 'purge one client, first on an older book', value: purges[0]!, unit: 'ms', anchor, anchor_value: vacuumMs });
    report({ bench: 'clients', figure: 'purge one client, later purges p50 (3)', value: percentile(purges.slice(1), 50), unit: 'ms', anchor, anchor_value: vacuumMs });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
