/**
 * What Clientele writes holds clients' personal data: on Linux and macOS its files are
 * readable by their owner only (0600) and its folders too (0700), new ones and old ones.
 */
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, setUpShop, startApp, tempDir } from '../helpers/app';
import { upload } from '../helpers/files';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under dir (its own mode first), as [path relative to dir, mode]. */
function modes(dir: string): [string, string][] {
  const out: [string, string][] = [['.', mode(dir)]];
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) out.push([entry, mode(join(dir, entry))]);
  return out;
}

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('creates the book, backups, staged files, damaged copies and exports readable by their owner only', async () => {
    process.umask(0o022);
    const dataDir = join(tempDir(), 'Clientele');
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ann', email: 'ann@example.com' });
    await admin.ok('backup-take', {});
    await upload(admin, 'later.csv', 'First name\nBob\n');
    const exported = await admin.ok('export-clients', { preset: 'clientele', mode: 'excel' });
    expect(exported.rows).toBe(1);
    const open = modes(dataDir);
    expect(open.filter(([, m]) => m !== '600' && m !== '700')).toEqual([]);
    expect(open.map(([p]) => p)).toEqual(expect.arrayContaining(['clientele.db', 'backups', 'staging', 'owner.json', 'clientele.lock']));
    await app.close();

    // A damaged book's copy, and a command-line export written where the person asked.
    const out = join(tempDir(), 'clients.csv');
    const code = await runCli(['--data', dataDir, 'export', 'clients', out, '--user', 'ada'], {
      out: () => undefined, err: () => undefined, env: { CLIENTELE_PASSWORD: ADMIN.password }, askPassword: async () => null,
    });
    expect(code).toBe(0);
    expect(mode(out)).toBe('600');
    writeFileSync(join(dataDir, 'clientele.db'), Buffer.alloc(8192, 7));
    const damaged = await startApp({ dataDir });
    expect(damaged.mode).toBe('recovery');
    expect(modes(join(dataDir, 'damaged')).filter(([, m]) => m !== '600' && m !== '700')).toEqual([]);
    expect(readdirSync(join(dataDir, 'damaged'))).toHaveLength(1);
  });

  it('narrows a data folder made before the rule at start', async () => {
    const dataDir = join(tempDir(), 'Clientele');
    const app = await startApp({ dataDir });
    const admin = await setUpShop(app);
    await admin.ok('backup-take', {});
    await app.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'clientele.db'), 0o644);
    chmodSync(join(dataDir, 'backups'), 0o775);
    for (const f of readdirSync(join(dataDir, 'backups'))) chmodSync(join(dataDir, 'backups', f), 0o644);
    const again = await startApp({ dataDir });
    expect(modes(dataDir).filter(([, m]) => m !== '600' && m !== '700')).toEqual([]);
    await again.close();
  });
});
