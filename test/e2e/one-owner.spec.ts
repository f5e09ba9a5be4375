import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, goTo, setUpShop } from './actions';
import { expect, test } from './fixtures';

const OUT = resolve(__dirname, '../../out/main');

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function addClient(page: Page, firstName: string, lastName: string): Promise<void> {
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(firstName);
  await form.getByLabel('Last name').fill(lastName);
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
}

test('with the app open, a restore or a second host from another process is refused, naming the app, which keeps its saves', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, 'Jane', 'Doe');
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Backups' });
  await section.getByRole('button', { name: 'Take a backup now' }).click();
  await expect(section.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Taken by hand/ })).toContainText('1 client');
  const backup = readdirSync(join(host.dataDir, 'backups')).find((f) => f.endsWith('-manual.db'))!;
  await goTo(page, 'Clients');
  await addClient(page, 'Larry', 'Late');

  const owner = new RegExp(
    `Clientele is open on this PC \\(the browser host at ${new URL(host.url).origin.replace(/[.]/g, '\\.')}, process \\d+\\); close it first, or use its Settings\\.`,
  );
  const restore = await run([join(OUT, 'cli.js'), '--data', host.dataDir, 'restore', backup, '--user', ADMIN.username], {
    CLIENTELE_PASSWORD: ADMIN.password,
  });
  expect(restore.code).toBe(1);
  expect(restore.stderr).toMatch(owner);
  expect(restore.stdout).not.toContain('Restored');

  const second = await run([join(OUT, 'host.js'), '--data', host.dataDir, '--port', '0']);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(owner);

  // The app's book was not replaced under it: the save made after the backup is there, and new saves keep working.
  await addClient(page, 'Mona', 'After');
  const clients = page.getByRole('table', { name: 'Clients' });
  for (const name of ['Jane Doe', 'Larry Late', 'Mona After']) await expect(clients.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});
