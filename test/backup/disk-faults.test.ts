/**
 * The disk's faults are not the book's: a full disk or a read-only folder is said as such
 * (with the space free), at start and on every failing save and job, and never sends
 * anyone to restore a backup. These tests mount a small tmpfs or a read-only bind mount,
 * which needs root; elsewhere they skip and say why.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, connect, setUpShop, startApp } from '../helpers/app';
import { fill, makeReadOnly, smallDisk } from '../helpers/fault-disk';
import { upload } from '../helpers/files';

const MB = 1024 * 1024;

async function shopOn(dataDir: string, clients = 20) {
  const app = await startApp({ dataDir });
  const admin = await setUpShop(app);
  for (let i = 0; i < clients; i++) await admin.ok('client-create', { firstName: `Client ${i}` });
  await app.close();
}

async function clientCount(dataDir: string): Promise<number> {
  const app = await startApp({ dataDir });
  const c = connect(app);
  await c.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
  const n = (await c.ok('client-list', { limit: 500 })).items.length;
  await app.close();
  return n;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('disk faults at start', () => {
  it('says the disk is full, with the space free, instead of taking the book for damaged', async (ctx) => {
    const disk = smallDisk(8 * MB);
    if ('skip' in disk) return ctx.skip(disk.skip);
    const dataDir = join(disk.dir, 'data');
    await shopOn(dataDir);
    const filler = fill(disk.dir);
    await expect(createApp({ dataDir })).rejects.toThrow(
      new RegExp(`^Clientele cannot open the book: the disk is full \\(0 MB free on the drive that holds ${escape(dataDir)}\\)\\. Fix that, then start Clientele again; the book was not changed\\.$`),
    );
    expect(existsSync(join(dataDir, 'damaged'))).toBe(false);
    rmSync(filler);
    expect(await clientCount(dataDir)).toBe(20);
  });

  it('says the folder is read-only, at start and to the command line, and suggests no restore', async (ctx) => {
    const disk = smallDisk(8 * MB);
    if ('skip' in disk) return ctx.skip(disk.skip);
    const dataDir = join(disk.dir, 'data');
    await shopOn(dataDir);
    const writable = makeReadOnly(dataDir);
    if ('skip' in writable) return ctx.skip(writable.skip);
    const message = `Clientele cannot open the book: the folder ${dataDir} is read-only. Fix that, then start Clientele again; the book was not changed.`;
    await expect(createApp({ dataDir })).rejects.toThrow(message);
    const err: string[] = [];
    const code = await runCli(['--data', dataDir, 'backup', '--user', 'ada'], {
      out: () => undefined, err: (l) => err.push(l), env: { CLIENTELE_PASSWORD: ADMIN.password }, askPassword: async () => null,
    });
    expect([code, err]).toEqual([1, [message]]);
    writable();
    expect(await clientCount(dataDir)).toBe(20);
  });
});

describe('a full disk while the app runs', () => {
  it('fails a save and an import saying the disk is full, and both work once there is space', async (ctx) => {
    const disk = smallDisk(8 * MB);
    if ('skip' in disk) return ctx.skip(disk.skip);
    const dataDir = join(disk.dir, 'data');
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    const rows = Array.from({ length: 2000 }, (_, i) => `Guest${i},Row,guest${i}@example.com,${'note '.repeat(40)}`).join('\n');
    const uploadId = await upload(admin, 'guests.csv', `First name,Last name,Email,Notes\n${rows}\n`);
    const inspection = await admin.ok('import-inspect', { uploadId });
    const filler = fill(disk.dir);

    const full = new RegExp(`^The disk is full \\(0 MB free on the drive that holds ${escape(dataDir)}\\): nothing was saved\\. Fix that, then try again; the book itself is fine\\.$`);
    let saved: Awaited<ReturnType<typeof admin.call>> = { ok: true, value: null };
    // The WAL may hold a few pages' room: saves go on until one needs more than there is.
    for (let i = 0; i < 50 && saved.ok; i++) saved = await admin.call('client-create', { firstName: `Client ${i}`, notes: 'n'.repeat(4000) });
    expect(saved).toMatchObject({ ok: false, error: { code: 'STORAGE', message: expect.stringMatching(full) } });
    const imported = await admin.call('import-run', {
      uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, dryRun: false,
    });
    // The import stops at the backup it takes first, which names the full folder.
    expect(imported).toMatchObject({
      ok: false,
      error: { code: 'STORAGE', message: `Clientele could not back up the book before the import, so it imported nothing. The backup folder ${join(dataDir, 'backups')} is full. Free some space or choose another folder.` },
    });

    rmSync(filler);
    expect(await admin.call('client-create', { firstName: 'After' })).toMatchObject({ ok: true });
    expect(await admin.call('import-run', { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, dryRun: false })).toMatchObject({
      ok: true,
      value: { created: 2000 },
    });
  });
});
