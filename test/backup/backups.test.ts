import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inspectBook } from '../../src-main/backup/book-file';
import { connect, setUpShop, startApp, staffSession, tempDir, testClock, ADMIN } from '../helpers/app';

const clientCount = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('an Admin takes a backup: a verified, self-contained file listed with date, size, client count and reason', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ana' });
    await admin.ok('client-create', { firstName: 'Ben' });

    const taken = await admin.ok('backup-take', {});
    expect(taken).toMatchObject({ reason: 'manual', clients: 2, staff: 1, problem: null, takenAt: '2026-03-01T09:00:00.000Z' });
    const path = join(app.backups.folder(), taken.file);
    expect(taken.sizeBytes).toBeGreaterThan(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = inspectBook(path, { foreignKeys: true });
    expect(check).toMatchObject({ ok: true, facts: { clients: 2 } });
    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(raw.pragma('application_id', { simple: true })).toBe(0x434c4e54);
    raw.close();

    const overview = await admin.ok('backup-list', {});
    expect(overview.backups).toEqual([taken]);
    expect(overview.settings).toMatchObject({ usingDefaultFolder: true, keepDaily: 7, keepWeekly: 4, folder: join(app.dataDir, 'backups') });
    const audit = await admin.ok('audit-list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.take', after: { file: taken.file, reason: 'manual' } });
  });

  it('only Admins manage or restore backups', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const manager = await staffSession(app, admin, { name: 'Mo Manager', username: 'mo', role: 'manager' });
    expect(await manager.call('backup-take', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Managers cannot manage backups.' } });
    expect(await manager.call('backup-restore', { file: 'x.db' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin.call('backup-restore', { file: '../clientele.db' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file' }] } } });
  });

  it('a backup taken while another connection writes reopens with integrity ok and consistent counts', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    // Enough rows that the backup needs many steps, so the writes land in the middle of it.
    const seed = app.services.db;
    const at = new Date().toISOString();
    for (let i = 0; i < 20; i++) {
      await seed.insertInto('clients').values(Array.from({ length: 100 }, (_, j) => ({ first_name: `Seed${i}-${j}`, notes: 'x'.repeat(300), created_at: at, updated_at: at }))).execute();
    }
    const writer = new BetterSqlite3(app.databaseFile);
    writer.pragma('busy_timeout = 5000');
    // Each write adds a client and a tag in one transaction: a consistent copy has as many of one as of the other.
    const write = writer.transaction((i: number) => {
      writer.prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)').run(`Writer ${i}`, at, at);
      writer.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run(`tag-${i}`, at);
    });
    let written = 0;
    let writing = true;
    const writes = (async () => {
      while (writing && written < 300) {
        write(written++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const taken = await admin.ok('backup-take', {});
    writing = false;
    await writes;
    writer.close();
    expect(written).toBeGreaterThan(0);

    const file = join(app.backups.folder(), taken.file);
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const writerClients = (copy.prepare("SELECT count(*) AS n FROM clients WHERE first_name LIKE 'Writer %'").get() as { n: number }).n;
    const tags = (copy.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n;
    copy.close();
    expect(writerClients).toBe(tags);
    expect(taken.clients).toBe(2000 + writerClients);
    expect(clientCount(file)).toBe(taken.clients);
  });

  it('restore round trip: the book returns to the backup, the current book is backed up first, and the restore can be undone', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Kept' });
    const backup = await admin.ok('backup-take', {});
    clock.advanceMinutes(10);
    await admin.ok('client-create', { firstName: 'Later' });

    const inspected = await admin.ok('backup-inspect', { file: backup.file });
    expect(inspected).toMatchObject({ clients: 1, problem: null });
    expect(await admin.ok('backup-restore', { file: backup.file })).toBeNull();
    expect(admin.events).toContainEqual({ event: 'session-ended', payload: { reason: 'restored' } });
    expect(await admin.call('client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    await admin.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    const names = (await admin.ok('client-list', {})).items.map((c) => c.firstName);
    expect(names).toEqual(['Kept']);
    const { backups } = await admin.ok('backup-list', {});
    const safety = backups.find((b) => b.reason === 'pre-restore');
    expect(safety).toMatchObject({ clients: 2 });
    const audit = await admin.ok('audit-list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.restore', after: { file: backup.file, safetyCopy: safety!.file, by: { username: 'ada' } } });

    // Undo: restore the copy taken just before.
    await admin.ok('backup-restore', { file: safety!.file });
    await admin.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    expect((await admin.ok('client-list', {})).items.map((c) => c.firstName).sort()).toEqual(['Kept', 'Later']);
  });

  it('refuses a file that is not a Clientele database, or is from a newer version, or is damaged, and leaves the book alone', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Stays' });
    const good = await admin.ok('backup-take', {});
    const folder = app.backups.folder();

    const foreign = new BetterSqlite3(join(folder, 'other-app.db'));
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    const stamped = new BetterSqlite3(join(folder, 'stamped.db'));
    stamped.pragma('application_id = 42');
    stamped.exec('CREATE TABLE x (y)');
    stamped.close();
    const newer = new BetterSqlite3(join(folder, 'newer.db'));
    await new BetterSqlite3(join(folder, good.file), { readonly: true }).backup(join(folder, 'newer.db'));
    newer.close();
    const future = new BetterSqlite3(join(folder, 'newer.db'));
    future.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-the-future', new Date().toISOString());
    future.close();
    writeFileSync(join(folder, 'text.db'), 'this is not a database at all, just some text '.repeat(200));

    const refusals = {
      'other-app.db': /not a Clientele database: it has no Clientele tables/,
      'stamped.db': /not a Clientele database: it belongs to another program/,
      'newer.db': /newer version of Clientele .*9999-from-the-future.*Update Clientele first/,
      'text.db': /not a database file/,
    };
    const { backups } = await admin.ok('backup-list', {});
    for (const [file, reason] of Object.entries(refusals)) {
      expect(backups.find((b) => b.file === file)?.problem, file).toMatch(reason);
      const result = await admin.call('backup-restore', { file });
      expect(result.ok, file).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.message).toMatch(reason);
      }
    }
    expect(await admin.call('backup-restore', { file: 'missing.db' })).toMatchObject({ ok: false, error: { code: 'STORAGE', message: /no backup named missing.db/ } });
    // Nothing happened to the book or the session.
    expect((await admin.ok('client-list', {})).items.map((c) => c.firstName)).toEqual(['Stays']);
    expect(readdirSync(app.dataDir).filter((f) => f.includes('.restoring'))).toEqual([]);
  });

  it('while a restore runs, other calls and a second restore are refused as unavailable, not half-served', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const other = await staffSession(app, admin, { name: 'Second Admin', username: 'second', role: 'admin' });
    await admin.ok('client-create', { firstName: 'Kept' });
    const backup = await admin.ok('backup-take', {});
    const [first, second] = await Promise.all([
      admin.call('backup-restore', { file: backup.file }),
      (async () => {
        // Starts once the first restore has begun staging its copy.
        await new Promise((r) => setImmediate(r));
        return other.call('backup-restore', { file: backup.file });
      })(),
    ]);
    expect(first).toEqual({ ok: true, value: null });
    expect(second).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(app.mode).toBe('open');
  });

  it('a restore interrupted before the swap leaves the book intact, and its leftovers are cleared at the next start', async () => {
    const dataDir = tempDir();
    const first = await startApp({ dataDir });
    const admin = await setUpShop(first);
    await admin.ok('client-create', { firstName: 'Safe' });
    const backup = await admin.ok('backup-take', {});
    await first.close();
    // What a restore killed half-way leaves: a partly written staged copy beside the book.
    writeFileSync(join(dataDir, `clientele.db.restoring-123-456`), Buffer.alloc(8192, 7));
    const again = await startApp({ dataDir });
    expect(again.mode).toBe('open');
    expect(readdirSync(dataDir).filter((f) => f.includes('.restoring'))).toEqual([]);
    const admin2 = connect(again);
    await admin2.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    expect((await admin2.ok('client-list', {})).items.map((c) => c.firstName)).toEqual(['Safe']);
    expect((await admin2.ok('backup-list', {})).backups.map((b) => b.file)).toEqual([backup.file]);
  });
});

describe('backup folder and retention', () => {
  it('keeps exactly the configured number of daily and weekly backups', async () => {
    const clock = testClock('2026-01-01T09:00:00.000Z');
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    await admin.ok('settings-update', { idleLockMinutes: 0 }); // a month passes on this clock
    await admin.ok('backup-settings-update', { keepDaily: 3, keepWeekly: 2 });
    const manual = await admin.ok('backup-take', {});
    for (let day = 0; day < 30; day++) {
      expect(await app.takeDailyBackup()).not.toBeNull();
      // Not due again the same day.
      expect(await app.takeDailyBackup()).toBeNull();
      clock.advanceMinutes(24 * 60);
    }
    const { backups } = await admin.ok('backup-list', {});
    const daily = backups.filter((b) => b.reason === 'daily').map((b) => b.takenAt.slice(0, 10));
    // The three newest days, then the newest backup of each of the two weeks before them
    // (weeks start on Monday: 26 Jan and 19 Jan 2026).
    expect(daily).toEqual(['2026-01-30', '2026-01-29', '2026-01-28', '2026-01-27', '2026-01-25']);
    expect(backups.filter((b) => b.reason === 'manual').map((b) => b.file)).toEqual([manual.file]);
    expect(readdirSync(app.backups.folder()).filter((f) => f.endsWith('.json'))).toHaveLength(6);
  });

  it('a daily backup taken while an import holds the book is kept and counted as taken, not reported as failed', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ana' });
    // Another connection holds the write lock, as an import's one transaction does.
    const writer = new BetterSqlite3(app.databaseFile);
    try {
      writer.exec('BEGIN IMMEDIATE');
      const taken = await app.takeDailyBackup();
      expect(taken).toMatchObject({ reason: 'daily', clients: 1 });
      expect(inspectBook(join(app.backups.folder(), taken!.file), { foreignKeys: true })).toMatchObject({ ok: true });
      writer.exec('ROLLBACK');
    } finally {
      writer.close();
    }
    expect(await app.takeDailyBackup()).toBeNull();
  }, 30_000);

  it('takes no daily backup before the shop is set up', async () => {
    const app = await startApp();
    expect(await app.takeDailyBackup()).toBeNull();
    expect(existsSync(app.backups.folder()) ? readdirSync(app.backups.folder()) : []).toEqual([]);
  });

  it('refuses a backup folder that does not exist or is a file, naming the field', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const missing = join(tempDir(), 'usb-stick');
    expect(await admin.call('backup-settings-update', { folder: missing })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'folder', message: expect.stringMatching(/does not exist/) }] } },
    });
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    expect(await admin.call('backup-settings-update', { folder: file })).toMatchObject({ ok: false, error: { message: /is not a folder/ } });
    expect(await admin.call('backup-settings-update', { keepDaily: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'keepDaily' }] } } });
  });

  it('a backup folder that went missing gives a clear error and a notification to Admins, and the app keeps working', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const usb = tempDir();
    const settings = await admin.ok('backup-settings-update', { folder: usb });
    expect(settings).toMatchObject({ folder: usb, usingDefaultFolder: false });
    expect((await admin.ok('backup-take', {})).file).toMatch(/manual\.db$/);
    expect(readdirSync(usb).some((f) => f.endsWith('-manual.db'))).toBe(true);

    rmSync(usb, { recursive: true, force: true }); // the stick was pulled out
    const failed = await admin.call('backup-take', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE', message: `The backup folder ${usb} does not exist. Is the drive connected? Choose another folder in Settings.` } });
    await expect(app.takeDailyBackup()).rejects.toThrow(/does not exist/);
    const notices = admin.events.filter((e) => e.event === 'backup-failed');
    expect(notices).toHaveLength(2);
    expect((await admin.ok('backup-list', {})).lastError?.message).toMatch(/does not exist/);
    const audit = await admin.ok('audit-list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.failed' });

    expect((await admin.ok('client-create', { firstName: 'Still works' })).firstName).toBe('Still works');
    // Back to the default folder: backups work again and the error clears.
    await admin.ok('backup-settings-update', { folder: null });
    await admin.ok('backup-take', {});
    expect((await admin.ok('backup-list', {})).lastError).toBeNull();
  });
});
