import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, connect, setUpShop, staffSession, startApp, tempDir } from '../helpers/app';

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

  it('lists each line skipped as a duplicate and of which client, in --json and in words', async () => {
    const dir = await book();
    const csv = join(dir, 'again.csv');
    writeFileSync(csv, 'First Name,Last Name,Email\nAnn,Lee,ann@example.com\nAnn,Lee,ANN@example.com\n');
    expect(await cli(dir).run('import', 'clients', csv, '--user', 'ada')).toBe(0);
    const json = cli(dir);
    expect(await json.run('import', 'clients', csv, '--user', 'ada', '--dry-run', '--json')).toBe(0);
    expect(JSON.parse(json.out.at(-1)!)).toMatchObject({
      skipped: 2,
      skippedRows: [
        { line: 2, reason: 'Already in the book: Ann Lee (same email)', duplicateOf: { clientId: 1, name: 'Ann Lee' } },
        { line: 3, reason: 'Already in the book: Ann Lee (same email)', duplicateOf: { clientId: 1, name: 'Ann Lee' } },
      ],
    });
    const words = cli(dir);
    expect(await words.run('import', 'clients', csv, '--user', 'ada', '--dry-run')).toBe(0);
    expect(words.out).toContain('  line 2 skipped: Already in the book: Ann Lee (same email)');
  });

  it('says when a header appears twice, since only one of those columns can be mapped', async () => {
    const dir = await book();
    const csv = join(dir, 'twice.csv');
    writeFileSync(csv, 'First Name,Email,email\nAnn,ann@example.com,other@example.com\n');
    const plain = cli(dir);
    expect(await plain.run('import', 'clients', csv, '--user', 'ada', '--dry-run')).toBe(0);
    expect(plain.out).toContain('Warning: "email" appears more than once; only one column of each name can be mapped (the other is ignored).');
    const json = cli(dir);
    expect(await json.run('import', 'clients', csv, '--user', 'ada', '--dry-run', '--json')).toBe(0);
    expect(JSON.parse(json.out.at(-1)!)).toMatchObject({ ok: true, duplicateHeaders: ['email'] });
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

  it("exports a saved segment by name: the person's own private ones and shared ones, never someone else's private one", async () => {
    const dir = tempDir();
    const app = await startApp({ dataDir: dir });
    const ada = await setUpShop(app);
    const mo = await staffSession(app, ada, { name: 'Mo Manager', username: 'mo', role: 'manager' });
    await ada.ok('segment-save', { name: 'Email OK', filters: { consentEmail: true } });
    await mo.ok('segment-save', { name: 'Mo private', filters: { consentSms: true } });
    await mo.ok('segment-save', { name: 'Everyone new', shared: true, filters: { created: { kind: 'new' } } });
    await app.close();
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'First Name,Email,Accepts Email Marketing\nAnn,ann@example.com,yes\nBob,bob@example.com,no\nCy,cy@example.com,yes\n');
    expect(await cli(dir).run('import', 'clients', csv, '--user', 'ada')).toBe(0);

    const own = cli(dir);
    const out = join(dir, 'email-ok.csv');
    expect(await own.run('export', 'clients', out, '--user', 'ada', '--segment', 'email ok', '--columns', 'firstName,email', '--plain', '--json')).toBe(0);
    expect(JSON.parse(own.out.at(-1)!)).toMatchObject({ ok: true, rows: 2 });
    expect(readFileSync(out, 'utf8')).toBe('First name,Email\nAnn,ann@example.com\nCy,cy@example.com\n');

    const shared = cli(dir);
    expect(await shared.run('export', 'clients', join(dir, 'new.csv'), '--user', 'ada', '--segment', 'Everyone new', '--json')).toBe(0);
    expect(JSON.parse(shared.out.at(-1)!)).toMatchObject({ ok: true, rows: 3 });

    const builtIn = cli(dir);
    expect(await builtIn.run('export', 'clients', join(dir, 'sms.csv'), '--user', 'ada', '--segment', 'Agreed to SMS', '--json')).toBe(0);
    expect(JSON.parse(builtIn.out.at(-1)!)).toMatchObject({ ok: true, rows: 0 });

    const private_ = cli(dir);
    expect(await private_.run('export', 'clients', join(dir, 'x.csv'), '--user', 'ada', '--segment', 'Mo private')).toBe(2);
    expect(private_.err.at(-1)).toContain('no segment named "Mo private" that you can use');

    const check = await startApp({ dataDir: dir });
    const admin = connect(check);
    await admin.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    const audit = await admin.ok('audit-list', { action: 'client.export', limit: 10 });
    expect(audit.items.map((e) => (e.after as { filter: { segment: { name: string } | null } }).filter.segment?.name)).toEqual(
      expect.arrayContaining(['Email OK', 'Everyone new', 'Agreed to SMS']),
    );
  });
});

