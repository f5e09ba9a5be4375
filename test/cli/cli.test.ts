import { openSync, closeSync, writeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { createBackupStore } from '../../src-main/backup/store';
import { ADMIN, connect, setUpShop, startApp, staffSession, tempDir } from '../helpers/app';
import { migrations } from '../../src-main/db/migrations';

function cli(dataDir: string, password: string | null = ADMIN.password) {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) =>
    runCli(['--data', dataDir, ...argv], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: password ? { CLIENTELE_PASSWORD: password } : {},
      askPassword: async () => null,
    });
  return { run, out, err };
}

async function shop(clients: string[]) {
  const dataDir = tempDir();
  const app = await startApp({ dataDir });
  const admin = await setUpShop(app);
  for (const firstName of clients) await admin.ok('client-create', { firstName });
  await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
  await app.close();
  return dataDir;
}

async function namesIn(dataDir: string) {
  const app = await startApp({ dataDir });
  const c = connect(app);
  await c.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
  const names = (await c.ok('client-list', {})).items.map((i) => i.firstName).sort();
  await app.close();
  return names;
}

describe('command line', () => {
  it('lists its commands on --help, and refuses an unknown one', async () => {
    const { run, out, err } = cli(tempDir());
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toMatch(/backup\s+Take a backup[\s\S]*restore\s+Replace the book[\s\S]*check\s+Check the book/);
    expect(await run('frobnicate')).toBe(2);
    expect(err.at(-1)).toMatch(/There is no command "frobnicate"/);
  });

  it('backup and restore go through the router as the logged-in staff member, so policy and audit apply', async () => {
    const dataDir = await shop(['Ana']);
    const admin = cli(dataDir);
    expect(await admin.run('backup', '--user', 'ada')).toBe(0);
    expect(admin.out.join('\n')).toMatch(/Backup taken: .*-manual\.db[\s\S]*1 clients, 2 staff/);

    const sam = cli(dataDir, 'a long enough password');
    expect(await sam.run('backup', '--user', 'sam')).toBe(1);
    expect(sam.err.at(-1)).toBe('Associates cannot manage backups.');
    const wrong = cli(dataDir, 'not it at all');
    expect(await wrong.run('backup', '--user', 'ada')).toBe(1);
    expect(wrong.err.at(-1)).toMatch(/do not match/);
    const noPassword = cli(dataDir, null);
    expect(await noPassword.run('backup', '--user', 'ada')).toBe(2);
    expect(noPassword.err.at(-1)).toMatch(/CLIENTELE_PASSWORD/);
  });

  it('restore puts the backup back and keeps the book as it was before', async () => {
    const dataDir = await shop(['Ana']);
    const admin = cli(dataDir);
    expect(await admin.run('backup', '--user', 'ada')).toBe(0);
    const file = admin.out[0]!.replace('Backup taken: ', '');
    // A client added after the backup is gone after the restore; the restore is audited.
    const app = await startApp({ dataDir });
    const c = connect(app);
    await c.ok('session-login', { username: 'ada', password: ADMIN.password });
    await c.ok('client-create', { firstName: 'After backup' });
    await app.close();
    expect(await namesIn(dataDir)).toEqual(['After backup', 'Ana']);
    const restore = cli(dataDir);
    expect(await restore.run('restore', file, '--user', 'ada')).toBe(0);
    expect(restore.out.join('\n')).toMatch(/Restored .*manual\.db\.[\s\S]*saved as .*pre-restore\.db/);
    expect(await namesIn(dataDir)).toEqual(['Ana']);
  });

  it('check reports a sound book and its backups, and a damaged one with exit code 1', async () => {
    const dataDir = await shop(Array.from({ length: 300 }, (_, i) => `C${i}`));
    expect(await cli(dataDir).run('backup', '--user', 'ada')).toBe(0);
    const ok = cli(dataDir);
    expect(await ok.run('check')).toBe(0);
    expect(ok.out[0]).toContain(`clientele.db: ok (300 clients, 2 staff, schema ${Object.keys(migrations).at(-1)})`);
    expect(ok.out[1]).toMatch(/Backups in .*backups: 1/);

    const live = join(dataDir, 'clientele.db');
    const fd = openSync(live, 'r+');
    const middle = Math.floor(statSync(live).size / 4096 / 2) * 4096;
    writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, middle);
    closeSync(fd);
    const bad = cli(dataDir);
    expect(await bad.run('check')).toBe(1);
    expect(bad.out[0]).toMatch(/PROBLEM: The file is damaged/);
  });

  it('restores a damaged book for an Admin of the backup, without a login to the damaged one', async () => {
    const dataDir = await shop(['Ana', 'Ben']);
    const taken = cli(dataDir);
    await taken.run('backup', '--user', 'ada');
    const file = taken.out[0]!.replace('Backup taken: ', '');
    const live = join(dataDir, 'clientele.db');
    const fd = openSync(live, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x55), 0, 100, 0);
    closeSync(fd);

    const refused = cli(dataDir);
    expect(await refused.run('backup', '--user', 'ada')).toBe(1);
    expect(refused.err.at(-1)).toMatch(/The book failed its checks/);
    const restore = cli(dataDir);
    expect(await restore.run('restore', file, '--user', 'ada')).toBe(0);
    expect(restore.out.join('\n')).toMatch(/The damaged book is kept at .*damaged/);
    expect(await namesIn(dataDir)).toEqual(['Ana', 'Ben']);
  });

  it('a new PC is back in business from a backup folder given by path', async () => {
    const old = await shop(['Ana']);
    const taken = cli(old);
    await taken.run('backup', '--user', 'ada');
    const file = taken.out[0]!.replace('Backup taken: ', '');
    const fresh = tempDir();
    const restore = cli(fresh);
    expect(await restore.run('restore', file, '--user', 'ada')).toBe(0);
    expect(await namesIn(fresh)).toEqual(['Ana']);
    // Someone else's password does not restore it, and the failed restore leaves the backup folder setting as it was.
    const otherDir = tempDir();
    const other = cli(otherDir, 'a long enough password');
    expect(await other.run('restore', file, '--user', 'sam')).toBe(1);
    expect(other.err.at(-1)).toMatch(/Only an Admin of that backup/);
    expect(createBackupStore({ dataDir: otherDir, now: () => new Date() }).settings()).toMatchObject({ usingDefaultFolder: true, folder: join(otherDir, 'backups') });
  });
});
