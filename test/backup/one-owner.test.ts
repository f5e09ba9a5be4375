/**
 * One process owns a data folder: a second app, host or command on the same folder is
 * refused with a message naming the owner, and changes nothing; a crashed owner's lock is
 * gone with its process.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, setUpShop, startApp, tempDir } from '../helpers/app';
import { bundle } from '../helpers/build';

function cli(dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) =>
    runCli(['--data', dataDir, ...argv], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { CLIENTELE_PASSWORD: ADMIN.password },
      askPassword: async () => null,
    });
  return { run, out, err };
}

const HOST = 'the browser host at http://127.0.0.1:4321';

describe('one owner per data folder', () => {
  it('refuses a second app and every command that opens the book while the app is open, naming it; the app keeps its saves', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir, owner: { kind: 'app', what: HOST } });
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Before' });
    const backup = await admin.ok('backup-take', {});
    const refusal = `Clientele is open on this PC (${HOST}, process ${process.pid}); close it first, or use its Settings.`;

    await expect(createApp({ dataDir })).rejects.toThrow(refusal);
    for (const argv of [
      ['restore', backup.file, '--user', 'ada'],
      ['backup', '--user', 'ada'],
      ['export', 'clients', `${tempDir()}/out.csv`, '--user', 'ada'],
    ]) {
      const c = cli(dataDir);
      expect(await c.run(...argv), argv[0]).toBe(1);
      expect(c.err, argv[0]).toEqual([refusal]);
    }
    // Read-only, no login: the check still runs beside the app.
    const check = cli(dataDir);
    expect(await check.run('check')).toBe(0);

    // Saves after the refused restore stay: nothing replaced the book under the app.
    await admin.ok('client-create', { firstName: 'After' });
    expect((await admin.ok('client-list', {})).items.map((c) => c.firstName).sort()).toEqual(['After', 'Before']);
    expect(app.backups.list().filter((b) => b.reason === 'pre-restore')).toEqual([]);

    await app.close();
    const later = cli(dataDir);
    expect(await later.run('backup', '--user', 'ada')).toBe(0);
  });

  it('names a command that has the folder, and asks to wait for it', async () => {
    const dataDir = tempDir();
    const app = await startApp({ dataDir, owner: { kind: 'command', what: 'the command line: import' } });
    await expect(createApp({ dataDir })).rejects.toThrow(
      `A Clientele command is using this book on this PC (the command line: import, process ${process.pid}); wait for it to finish, then try again.`,
    );
    await app.close();
  });

  describe('across processes', () => {
    let child: { file: string; remove: () => void };
    beforeAll(async () => {
      child = await bundle('test/helpers/own-data-folder.ts', 'own-data-folder');
    }, 120_000);
    afterAll(() => child?.remove());

    it('is refused while another process owns the folder, and free as soon as that process is killed', async () => {
      const dataDir = tempDir();
      const owner = spawn(process.execPath, [child.file, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => owner.once('exit', resolve));
      await new Promise<void>((resolve) => createInterface({ input: owner.stdout }).on('line', (l) => l === 'owned' && resolve()));
      await expect(createApp({ dataDir })).rejects.toThrow(`Clientele is open on this PC (${HOST}, process ${owner.pid}); close it first, or use its Settings.`);
      owner.kill('SIGKILL');
      await exited;
      const app = await startApp({ dataDir });
      expect(app.mode).toBe('open');
    });
  });
});
