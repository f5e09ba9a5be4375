import { existsSync, openSync, readFileSync, readdirSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, tempDir, ADMIN } from '../helpers/app';

const PAGE = 4096;

/** A shop with enough clients to fill many pages, one backup, then closed. */
async function shopWithBackup() {
  const dataDir = tempDir();
  const app = await startApp({ dataDir });
  const admin = await setUpShop(app);
  const at = new Date().toISOString();
  await app.services.db
    .insertInto('clients')
    .values(Array.from({ length: 400 }, (_, i) => ({ first_name: `Client ${i}`, notes: 'n'.repeat(400), created_at: at, updated_at: at })))
    .execute();
  const backup = await admin.ok('backup-take', {});
  await app.close();
  return { dataDir, backup, file: join(dataDir, 'clientele.db') };
}

/** Overwrites some pages in the middle of the file with noise, as a failing disk would. */
function corruptMiddle(file: string): void {
  const pages = Math.floor(statSync(file).size / PAGE);
  const fd = openSync(file, 'r+');
  try {
    for (let p = Math.floor(pages / 2) - 2; p < Math.floor(pages / 2) + 2; p++) writeSync(fd, randomBytes(PAGE), 0, PAGE, p * PAGE);
  } finally {
    closeSync(fd);
  }
}

describe('integrity at start and recovery mode', () => {
  it('detects pages overwritten in the middle of the book, keeps a copy for support, and never opens it', async () => {
    const { dataDir, backup, file } = await shopWithBackup();
    corruptMiddle(file);
    const damagedBytes = readFileSync(file);

    const app = await startApp({ dataDir });
    expect(app.mode).toBe('recovery');
    const screen = connect(app);
    const info = await screen.ok('app-info', {});
    expect(info.recovery?.problem).toMatch(/damaged/);
    expect(info.recovery?.backupFolder).toBe(join(dataDir, 'backups'));
    expect(readFileSync(info.recovery!.damagedCopy!)).toEqual(damagedBytes);
    // Nothing else answers: not a login, not a list.
    expect(await screen.call('session-login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: /recovery mode/ } });
    expect(await screen.call('client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    const offered = await screen.ok('recovery-list', {});
    expect(offered.folder).toBe(join(dataDir, 'backups'));
    expect(offered.backups[0]).toMatchObject({ file: backup.file, clients: 400, problem: null });
  });

  it('keeps one copy per distinct damaged file however often it starts, and says how much space the copies use', async () => {
    const { dataDir, file } = await shopWithBackup();
    corruptMiddle(file);
    const copies = () => readdirSync(join(dataDir, 'damaged')).filter((f) => f.endsWith('.db'));
    const used = () => readdirSync(join(dataDir, 'damaged')).reduce((sum, f) => sum + statSync(join(dataDir, 'damaged', f)).size, 0);
    let first: string | null = null;
    for (let start = 0; start < 3; start++) {
      const app = await startApp({ dataDir });
      expect(app.recovery?.damagedCopies).toEqual({ count: 1, bytes: used() });
      first ??= app.recovery!.damagedCopy;
      expect(app.recovery!.damagedCopy).toBe(first);
      await app.close();
    }
    expect(copies()).toHaveLength(1);
    // Damaged again, differently: a second distinct file, a second copy.
    corruptMiddle(file);
    const app = await startApp({ dataDir });
    expect(copies()).toHaveLength(2);
    expect(app.recovery?.damagedCopies).toEqual({ count: 2, bytes: used() });
    expect(used()).toBeGreaterThanOrEqual(2 * statSync(file).size);
  });

  it('restores the newest good backup for an Admin of that backup, then opens normally', async () => {
    const { dataDir, backup, file } = await shopWithBackup();
    corruptMiddle(file);
    const app = await startApp({ dataDir });
    const screen = connect(app);
    expect(await screen.call('recovery-restore', { file: backup.file, username: ADMIN.username, password: 'not the password' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: /Only an Admin of that backup/ },
    });
    expect(app.mode).toBe('recovery');
    expect(await screen.ok('recovery-restore', { file: backup.file, username: ADMIN.username, password: ADMIN.password })).toBeNull();
    expect(app.mode).toBe('open');
    expect((await screen.ok('app-info', {})).recovery).toBeNull();
    await screen.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    const page = await screen.ok('client-list', { limit: 500 });
    expect(page.items).toHaveLength(400);
    const audit = await screen.ok('audit-list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.restore', actorName: ADMIN.name, after: { file: backup.file, safetyCopy: null } });
    // The restored book is sound by the same checks as at start.
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('limits wrong passwords on the recovery screen, since the lockout counters are in the damaged book', async () => {
    const { dataDir, backup, file } = await shopWithBackup();
    corruptMiddle(file);
    const app = await startApp({ dataDir });
    const screen = connect(app);
    for (let i = 0; i < 5; i++) {
      expect(await screen.call('recovery-restore', { file: backup.file, username: ADMIN.username, password: `wrong ${i}` })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await screen.call('recovery-restore', { file: backup.file, username: ADMIN.username, password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: /Too many wrong passwords/ },
    });
    expect(app.mode).toBe('recovery');
  });

  it('a broken reference (foreign_key_check) also sends the book to recovery', async () => {
    const { dataDir, file } = await shopWithBackup();
    const raw = new BetterSqlite3(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('UPDATE clients SET assigned_staff_id = 999 WHERE id = 1').run();
    raw.close();
    const app = await startApp({ dataDir });
    expect(app.recovery?.problem).toMatch(/point at rows that do not exist \(in clients\)/);
  });

  it('a book with no backup still starts in recovery mode, saying there is nothing to restore', async () => {
    const dataDir = tempDir();
    const first = await startApp({ dataDir });
    await setUpShop(first);
    await first.close();
    const file = join(dataDir, 'clientele.db');
    // The header itself: SQLite no longer recognises the file.
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(100), 0, 100, 0);
    closeSync(fd);
    const app = await startApp({ dataDir });
    const screen = connect(app);
    expect((await screen.ok('app-info', {})).recovery?.problem).toMatch(/not a database file|damaged/);
    expect((await screen.ok('recovery-list', {})).backups).toEqual([]);
    expect(existsSync(join(dataDir, 'damaged'))).toBe(true);
    expect(readdirSync(join(dataDir, 'damaged'))).toHaveLength(1);
  });
});
