import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/dispatch';
import { ADMIN, connect, setUpShop, startApp, tempDir } from '../helpers/app';

/** A book with two mapped associates and two clients who arrived without one (as an import brings them). */
async function book(): Promise<string> {
  const dataDir = tempDir();
  const app = await startApp({ dataDir });
  const admin = await setUpShop(app);
  await admin.ok('staff-create', { name: 'Associate A', username: 'asa', role: 'associate', posAssociateId: 'A', password: 'a long enough password' });
  await admin.ok('staff-create', { name: 'Associate B', username: 'asb', role: 'associate', posAssociateId: 'B', password: 'a long enough password' });
  for (const email of ['jane@example.com', 'joe@example.com']) await admin.ok('client-create', { firstName: email.split('@')[0]!, email });
  await app.services.db.updateTable('clients').set({ assigned_staff_id: null }).execute();
  await app.close();
  return dataDir;
}

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

async function primaries(dataDir: string) {
  const app = await startApp({ dataDir });
  const c = connect(app);
  await c.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
  const items = (await c.ok('client-list', {})).items;
  const out: Record<string, string | null> = {};
  for (const i of items) out[i.firstName] = (await c.ok('client-assignment', { clientId: i.id })).primary?.name ?? null;
  await app.close();
  return out;
}

const SALES = [
  'transaction_id,client_email,associate_pos_id,amount,sold_at',
  't1,jane@example.com,A,400.00,2024-01-05',
  't2,jane@example.com,A,1100.00,2024-02-05',
  't3,jane@example.com,B,1800.00,2023-06-01',
  't4,joe@example.com,Z9,50.00,2024-01-01',
  't5,nobody@example.com,A,10.00,2024-01-01',
  't6,joe@example.com,A,ten,2024-01-01',
].join('\n');

describe('command line: import sales', () => {
  it('dry-runs, then onboards with --json: assignments, unmapped ids and problem rows, written all-or-nothing', async () => {
    const dir = await book();
    const file = join(dir, 'sales.csv');
    writeFileSync(file, SALES);

    const dry = cli(dir);
    expect(await dry.run('import', 'sales', file, '--user', 'ada', '--onboarding', '--dry-run', '--json')).toBe(0);
    const preview = JSON.parse(dry.out.at(-1)!) as Record<string, unknown>;
    expect(preview).toMatchObject({ ok: true, dryRun: true, importId: null, mode: 'onboarding', rows: 6, imported: 4, problems: 2 });
    expect(preview.assigned).toEqual([{ staffId: expect.any(Number), name: 'Associate B', clients: 1 }]);
    expect(await primaries(dir)).toEqual({ jane: null, joe: null });

    const real = cli(dir);
    const errors = join(dir, 'problems.csv');
    expect(await real.run('import', 'sales', file, '--user', 'ada', '--onboarding', '--errors', errors, '--json')).toBe(0);
    const done = JSON.parse(real.out.at(-1)!) as Record<string, unknown>;
    expect(done).toMatchObject({
      ok: true, dryRun: false, importId: expect.any(Number), imported: 4, duplicates: 0, problems: 2,
      unmapped: [{ posAssociateId: 'Z9', clients: 1 }],
      problemRows: [
        { line: 6, reason: 'No client with email nobody@example.com' },
        { line: 7, reason: 'Amount "ten" is not a number' },
      ],
    });
    expect(readFileSync(errors, 'utf8')).toContain('nobody@example.com');
    expect(await primaries(dir)).toEqual({ jane: 'Associate B', joe: null });

    // The same file again, in the default (ongoing) mode and as text: nothing new.
    const again = cli(dir);
    expect(await again.run('import', 'sales', file, '--user', 'ada')).toBe(0);
    expect(again.out[0]).toMatch(/^Sales import #\d+ \(ongoing\): 6 rows — 0 imported, 4 already in the book, 2 problems\.$/);
  });

  it('adds a buyer the book does not have when the line names them, and says so', async () => {
    const dir = await book();
    const file = join(dir, 'week.csv');
    writeFileSync(file, 'transaction_id,customer_name,client_email,associate_pos_id,amount,sold_at\nw1,Nora New,nora@example.com,A,25.00,2024-03-01\n');
    const run = cli(dir);
    expect(await run.run('import', 'sales', file, '--user', 'ada')).toBe(0);
    expect(run.out.slice(0, 3)).toEqual([
      expect.stringMatching(/^Sales import #\d+ \(ongoing\): 1 rows — 1 imported, 0 already in the book, 0 problems\.$/),
      '1 clients the book did not have were added from the lines that name them.',
      '1 Unassigned clients assigned to the seller of their first new sale.',
    ]);
    expect(await primaries(dir)).toEqual({ jane: null, joe: null, Nora: 'Associate A' });
  });

  it('refuses options that belong to a client import, and a file without the columns it needs', async () => {
    const dir = await book();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'order,who\n1,2\n');
    const wrong = cli(dir);
    expect(await wrong.run('import', 'sales', bad, '--user', 'ada', '--on-duplicate', 'fill')).toBe(2);
    expect(wrong.err.at(-1)).toMatch(/^--on-duplicate is for `import clients`/);
    const missing = cli(dir);
    expect(await missing.run('import', 'sales', bad, '--user', 'ada')).toBe(1);
    expect(missing.err.at(-1)).toBe('file: No column for amount, date (found: order, who)');
  });
});
