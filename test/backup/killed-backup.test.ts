import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupName } from '../../src-main/backup/names';
import { connect, setUpShop, startApp, tempDir, ADMIN } from '../helpers/app';

/**
 * Another process backs up the live book one page per step, as the store does (online
 * backup into a .partial file in the backup folder), and says when it has started.
 */
const BACKUP_ONE_PAGE_AT_A_TIME = `
const Database = require('better-sqlite3');
const db = new Database(process.env.LIVE);
let told = false;
db.backup(process.env.DEST, { progress: () => { if (!told) { told = true; console.log('started'); } return 1; } });
setInterval(() => {}, 1000);
`;

describe('a backup process killed half-way', () => {
  it('leaves the live book intact and writable, and its partial file is cleared at the next start', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    const at = new Date().toISOString();
    await app.services.db
      .insertInto('clients')
      .values(Array.from({ length: 500 }, (_, i) => ({ first_name: `Client ${i}`, notes: 'n'.repeat(500), created_at: at, updated_at: at })))
      .execute();
    const folder = join(dataDir, 'backups');
    mkdirSync(folder, { recursive: true });
    const partial = join(folder, `${backupName(new Date(), 'manual')}.partial`);

    const child = spawn(process.execPath, ['-e', BACKUP_ONE_PAGE_AT_A_TIME], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, LIVE: app.databaseFile, DEST: partial },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((done, fail) => {
      child.once('exit', (code) => fail(new Error(`the backup process exited early (${code})`)));
      createInterface({ input: child.stdout }).on('line', (line) => line === 'started' && done());
    });
    // Written while the other process is mid-backup.
    await admin.ok('client-create', { firstName: 'During' });
    const killed = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await killed;
    expect(existsSync(partial)).toBe(true);

    // The running app is unaffected...
    await admin.ok('client-create', { firstName: 'After' });
    expect((await admin.ok('backup-take', {})).clients).toBe(502);
    await app.close();

    // ...and the book on disk is sound and whole.
    const raw = new BetterSqlite3(app.databaseFile, { readonly: true });
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok');
    expect((raw.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n).toBe(502);
    raw.close();

    const again = await startApp({ dataDir });
    expect(again.mode).toBe('open');
    expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const back = connect(again);
    await back.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    expect((await back.ok('backup-list', {})).backups).toHaveLength(1);
  });
});
