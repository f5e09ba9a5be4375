/** The smaller data-folder faults: an empty book, a killed backup's leftovers, a book from a newer version. */
import { existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { connect, setUpShop, startApp, tempDir } from '../helpers/app';

describe('small data-folder faults', () => {
  it('never takes an empty (0-byte) book for a new shop without a word: it is kept aside, and with backups the app asks for a restore', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    await admin.ok('backup-take', {});
    await app.close();
    truncateSync(join(dataDir, 'clientele.db'), 0);

    const again = await startApp({ dataDir });
    expect(again.mode).toBe('recovery');
    expect(again.recovery?.problem).toMatch(/^The book is an empty file \(0 bytes\): something cut it short\. It is kept at .*-empty\.db\. Restore a backup\.$/);
    expect(readdirSync(join(dataDir, 'damaged')).filter((f) => f.endsWith('-empty.db'))).toHaveLength(1);
  });

  it('starts a new book over an empty file when there is no backup at all, keeping the file aside', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'clientele.db'), '');
    const app = await startApp({ dataDir });
    expect((await connect(app).ok('app-info', {})).setupNeeded).toBe(true);
    expect(readdirSync(join(dataDir, 'damaged')).filter((f) => f.endsWith('-empty.db'))).toHaveLength(1);
  });

  it('clears what a killed backup left in the backup folder, its journal included', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    await setUpShop(app);
    await app.close();
    const left = ['clientele-2026-01-01T00-00-00.000Z-manual.db.partial', 'clientele-2026-01-01T00-00-00.000Z-manual.db.partial-journal'];
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    for (const f of left) writeFileSync(join(dataDir, 'backups', f), 'x');
    await (await startApp({ dataDir })).close();
    expect(left.map((f) => existsSync(join(dataDir, 'backups', f)))).toEqual([false, false]);
  });

  it('says plainly that a book was made by a newer version', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    await setUpShop(app);
    await app.close();
    const db = new BetterSqlite3(join(dataDir, 'clientele.db'));
    db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')").run();
    db.close();
    await expect(createApp({ dataDir })).rejects.toThrow(/^This book was made by a newer version of Clientele/);
  });
});
