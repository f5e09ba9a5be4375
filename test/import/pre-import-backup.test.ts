/**
 * Every import backs the book up before its transaction, with the online backup API, as
 * the first phase of its own progress; with no backup there is no import.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, tempDir } from '../helpers/app';
import { importCsv, upload } from '../helpers/files';

const clients = (names: string[]) => `First name,Email\n${names.map((n) => `${n},${n.toLowerCase()}@example.com`).join('\n')}\n`;

describe('the backup before an import', () => {
  it('is taken before the import’s transaction, within its progress, and holds the book as it was', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, clients(['Ann', 'Bob']));
    admin.events.length = 0;

    await importCsv(admin, clients(['Cat', 'Dan', 'Eve']), { dryRun: true });
    expect(app.backups.list().filter((b) => b.reason === 'pre-import')).toHaveLength(1);
    admin.events.length = 0;
    const { result } = await importCsv(admin, clients(['Cat', 'Dan', 'Eve']));
    expect(result.created).toBe(3);

    const phases = admin.events.filter((e) => e.event === 'job-progress').map((e) => (e.payload as { phase: string }).phase);
    expect(phases[0]).toBe('backup');
    expect(phases.indexOf('import')).toBeGreaterThan(phases.lastIndexOf('backup'));
    const taken = app.backups.list().filter((b) => b.reason === 'pre-import');
    expect(taken.map((b) => b.clients)).toEqual([2, 0]);
    const backup = new BetterSqlite3(join(app.backups.folder(), taken[0]!.file), { readonly: true });
    expect(backup.prepare('SELECT first_name FROM clients ORDER BY id').pluck().all()).toEqual(['Ann', 'Bob']);
    backup.close();
    const audit = await admin.ok('audit-list', { entity: 'backup' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.take', after: { reason: 'pre-import', clients: 2 } });
  });

  it('is taken before a sales import too', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const uploadId = await upload(admin, 'sales.csv', 'transaction_id,client_email,amount,sold_at\nt1,nobody@example.org,12.00,2024-01-05\n');
    await admin.ok('sales-import', { uploadId, mode: 'ongoing' });
    expect(app.backups.list().map((b) => b.reason)).toEqual(['pre-import']);
  });

  it('refuses the import, changing nothing, when the backup cannot be taken', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const folder = tempDir();
    await admin.ok('backup-settings-update', { folder });
    rmSync(folder, { recursive: true });
    const uploadId = await upload(admin, 'clients.csv', clients(['Cat']));
    const inspection = await admin.ok('import-inspect', { uploadId });
    const run = await admin.call('import-run', { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, dryRun: false });
    expect(run).toMatchObject({ ok: false, error: { code: 'STORAGE', message: expect.stringMatching(/^Clientele could not back up the book before the import, so it imported nothing\. /) } });
    expect((await admin.ok('client-list', {})).items).toEqual([]);
  });
});
