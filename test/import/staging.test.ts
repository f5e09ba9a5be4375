/**
 * Staged files (uploads, error reports, exports) belong to the process that owns the data
 * folder: a committed import is reported from what was committed whatever happens to its
 * files afterwards, an upload whose file changes on disk is refused rather than reported
 * complete, and nothing is left in staging/ once the job is done or the app is closed.
 */
import { existsSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { FILE_CHUNK_BYTES } from '../../src-preload/csv';
import { ADMIN, connect, setUpShop, startApp, tempDir } from '../helpers/app';
import { upload } from '../helpers/files';

const staged = (dataDir: string) => (existsSync(join(dataDir, 'staging')) ? readdirSync(join(dataDir, 'staging')) : []);
const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `Guest${from + i},Row,guest${from + i}@example.com`).join('\n');

describe('staging', () => {
  it('reports a committed import as committed even when its error report and upload vanish after the rows are written', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    await setUpShop(app);
    let gone = false;
    // A renderer whose first progress event comes after rows were written: the files go then.
    const connection = app.router.connect((event, payload) => {
      if (event !== 'job-progress' || (payload as { phase: string }).phase !== 'import' || gone) return;
      gone = true;
      for (const f of staged(dataDir)) rmSync(join(dataDir, 'staging', f));
    });
    expect(await connection.call('session-login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    const admin = { ok: async (channel: string, input: unknown) => {
      const r = await connection.call(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as never;
    } };
    const uploadId = await upload(admin as never, 'guests.csv', `First name,Last name,Email\n${rows(500)}\n,No first name,x@example.com\n`);
    const inspection: { encoding: string; delimiter: string; mapping: unknown[] } = await admin.ok('import-inspect', { uploadId });
    const result = await connection.call('import-run', {
      uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter, mapping: inspection.mapping,
      dateOrder: 'ymd', onDuplicate: 'skip', assign: { kind: 'unassigned' }, tags: [], dryRun: false,
    });
    expect(gone).toBe(true);
    expect(result).toMatchObject({ ok: true, value: { created: 500, rejected: 1, errorReportId: null } });
    expect(app.services.sqlite.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(500);
  });

  it('refuses the next chunk of an upload whose file changed on disk, instead of reporting it complete', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    const chunk = Buffer.alloc(FILE_CHUNK_BYTES, 'a').toString('base64');
    const first = await admin.ok('file-upload', { uploadId: null, name: 'big.csv', offset: 0, data: chunk, last: false });
    truncateSync(join(dataDir, 'staging', first.fileId), 0);
    const next = await admin.call('file-upload', { uploadId: first.fileId, name: 'big.csv', offset: FILE_CHUNK_BYTES, data: chunk, last: true });
    expect(next).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The upload was lost on the way (its file changed on disk). Upload the file again.' } });
    expect(staged(dataDir)).toEqual([]);
  });

  it('removes an import’s upload once it is committed, keeps it after a dry run, and leaves nothing when the app closes', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    const uploadId = await upload(admin, 'guests.csv', `First name,Last name,Email\n${rows(3)}\n`);
    const inspection = await admin.ok('import-inspect', { uploadId });
    const settings = { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping };
    await admin.ok('import-run', { ...settings, dryRun: true });
    expect(staged(dataDir)).toEqual([uploadId]);
    await admin.ok('import-run', { ...settings, dryRun: false });
    expect(staged(dataDir)).toEqual([]);
    await admin.ok('file-upload', { uploadId: null, name: 'left.csv', offset: 0, data: Buffer.from('x').toString('base64'), last: true });
    expect(staged(dataDir)).toHaveLength(1);
    await app.close();
    expect(staged(dataDir)).toEqual([]);
  });

  it('a command-line import leaves no copy of the file in staging/', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    await setUpShop(app);
    await app.close();
    const csv = join(tempDir(), 'in.csv');
    writeFileSync(csv, `First name,Last name,Email\n${rows(3)}\n,Nobody,n@example.com\n`);
    for (const dry of [true, false]) {
      const code = await runCli(['--data', dataDir, 'import', 'clients', csv, '--user', 'ada', ...(dry ? ['--dry-run'] : [])], {
        out: () => undefined, err: () => undefined, env: { CLIENTELE_PASSWORD: ADMIN.password }, askPassword: async () => null,
      });
      expect(code).toBe(0);
      expect(staged(dataDir)).toEqual([]);
    }
    const again = await startApp({ dataDir });
    const c = connect(again);
    await c.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    expect((await c.ok('client-list', {})).items).toHaveLength(3);
  });
});
