import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../src-main/db/application-id';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { startApp, tempDir } from '../helpers/app';

/** A book as an older Clientele left it: only the first migration, with a client in it. */
async function olderBook(dataDir: string) {
  const { db, close } = openDatabase(join(dataDir, 'clientele.db'));
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0001-initial');
  expect(error).toBeUndefined();
  const at = new Date().toISOString();
  await db.insertInto('clients').values({ first_name: 'Old', created_at: at, updated_at: at }).execute();
  await close();
}

describe('before every migration', () => {
  it('backs up a book that has data, then migrates it (0005 stamps the application id)', async () => {
    const dataDir = tempDir();
    await olderBook(dataDir);
    const app = await startApp({ dataDir });
    const files = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.db'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-pre-migration\.db$/);
    const backup = new BetterSqlite3(join(dataDir, 'backups', files[0]!), { readonly: true });
    expect(backup.prepare('SELECT name FROM kysely_migration').pluck().all()).toEqual(['0001-initial']);
    expect(backup.prepare('SELECT first_name FROM clients').pluck().all()).toEqual(['Old']);
    expect(backup.pragma('application_id', { simple: true })).toBe(0);
    backup.close();
    const live = app.services.db;
    expect((await live.selectFrom('kysely_migration' as never).selectAll().execute()).length).toBeGreaterThan(1);
    const raw = new BetterSqlite3(app.databaseFile, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    raw.close();
  });

  it('takes none for a brand-new book or one already up to date', async () => {
    const dataDir = tempDir();
    const first = await startApp({ dataDir });
    await first.close();
    await startApp({ dataDir });
    expect(readdirSync(dataDir)).not.toContain('backups');
  });

  it('falls back to the default folder when the chosen one is missing, ', async () => {
    const dataDir = tempDir();
    await olderBook(dataDir);
    writeFileSync(join(dataDir, 'backup-settings.json'), JSON.stringify({ folder: join(dataDir, 'unplugged'), keepDaily: 7, keepWeekly: 4 }));
    await startApp({ dataDir });
    expect(readdirSync(join(dataDir, 'backups')).some((f) => f.endsWith('-pre-migration.db'))).toBe(true);
  });
});
