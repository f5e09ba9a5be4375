import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, setUpShop, startApp, tempDir } from '../helpers/app';

async function book(): Promise<string> {
  const dataDir = tempDir();
  const app = await startApp({ dataDir });
  await setUpShop(app);
  await app.close();
  return dataDir;
}

function cli(dataDir: string, password: string = ADMIN.password) {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) =>
    runCli(['--data', dataDir, ...argv], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { CLIENTELE_PASSWORD: password },
      askPassword: async () => null,
    });
  return { run, out, err };
}

describe('command line: import and export', () => {
  it('dry-runs, imports with --json counts and rejected lines, then exports a campaign list', async () => {
    const dir = await book();
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'First Name,Email,Accepts Email Marketing\nAnn,ann@example.com,yes\n,nobody@example.com,no\nBob,bob@example.com,no\n');

    const dry = cli(dir);
    expect(await dry.run('import', 'clients', csv, '--user', 'ada', '--dry-run', '--json')).toBe(0);
    expect(JSON.parse(dry.out.at(-1)!)).toMatchObject({ ok: true, dryRun: true, created: 2, rejected: 1, rejectedRows: [{ line: 3, reason: 'First name is required' }] });

    const real = cli(dir);
    expect(await real.run('import', 'clients', csv, '--user', 'ada', '--errors', join(dir, 'errors.csv'))).toBe(0);
    expect(real.out.join('\n')).toMatch(/Import #\d+: 3 rows — 2 created, 0 updated, 0 skipped, 1 rejected/);
    expect(readFileSync(join(dir, 'errors.csv'), 'utf8')).toContain('3,,nobody@example.com,no,First Name: First name is required');

    const out = join(dir, 'campaign.csv');
    const exported = cli(dir);
    expect(await exported.run('export', 'clients', out, '--user', 'ada', '--preset', 'campaign-email', '--json')).toBe(0);
    expect(JSON.parse(exported.out.at(-1)!)).toMatchObject({ ok: true, rows: 1 });
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFFirst name,Last name,Email,Consent date,Consent source\r\nAnn,,ann@example.com,/);
  });

  it('exits non-zero with the reason on a wrong password or a bad option', async () => {
    const dir = await book();
    const denied = cli(dir, 'not the password');
    expect(await denied.run('export', 'clients', join(dir, 'x.csv'), '--user', 'ada')).toBe(1);
    expect(denied.err.at(-1)).toMatch(/do not match/);
    const bad = cli(dir);
    expect(await bad.run('export', 'clients', join(dir, 'x.csv'), '--user', 'ada', '--preset', 'nope')).toBe(2);
    expect(bad.err.at(-1)).toContain('--preset must be one of');
  });
});
