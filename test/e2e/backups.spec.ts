import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expectLoggedInAs, goTo, logIn, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function addClient(page: Page, firstName: string, lastName: string): Promise<void> {
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(firstName);
  await form.getByLabel('Last name').fill(lastName);
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
}

async function takeBackup(page: Page, clients: string): Promise<void> {
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Backups' });
  await section.getByRole('button', { name: 'Take a backup now' }).click();
  await expect(section.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Taken by hand/ })).toContainText(clients);
}

test('an Admin takes a backup in Settings, restores it, and the book is as it was', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, 'Jane', 'Doe');
  await takeBackup(page, '1 client');

  // Added after the backup: the restore takes it away.
  await goTo(page, 'Clients');
  await addClient(page, 'Larry', 'Late');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row', { name: /Larry Late/ })).toBeVisible();

  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Backups' });
  await section.getByRole('row', { name: /Taken by hand/ }).getByRole('button', { name: /Restore/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(dialog.getByRole('list', { name: 'What the backup holds' })).toContainText('1 client, 1 staff');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();

  await expect(page.getByText(/The book was restored from the backup of/)).toBeVisible();
  await logIn(page, ADMIN);
  await expectLoggedInAs(page, ADMIN.name);
  const clients = page.getByRole('table', { name: 'Clients' });
  await expect(clients.getByRole('row', { name: /Jane Doe/ })).toBeVisible();
  await expect(clients.getByRole('row', { name: /Larry Late/ })).toHaveCount(0);

  // The book as it was before the restore was kept, so the restore can be undone.
  await goTo(page, 'Settings');
  await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Before a restore/ })).toContainText('2 clients');
});

test('a damaged book is not opened: the recovery screen offers the last backup to an Admin of it', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  for (let i = 0; i < 3; i++) await addClient(page, `Client${i}`, 'Kept');
  await takeBackup(page, '3 clients');

  const url = await host.restart(() => {
    const file = join(host.dataDir, 'clientele.db');
    const fd = openSync(file, 'r+');
    // The first page: SQLite no longer recognises the file at all.
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThan(0);
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'The book needs to be restored' })).toBeVisible();
  await expect(page.getByText(/A copy of the damaged book is kept for support/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Backups to restore' }).getByRole('row', { name: /Taken by hand/ })).toContainText('3 clients');

  const form = page.getByRole('form', { name: 'Restore the chosen backup' });
  await form.getByLabel('Admin username').fill(ADMIN.username);
  await form.getByLabel('Password', { exact: true }).fill('wrong password');
  await form.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(form.getByText(/Only an Admin of that backup can restore it/)).toBeVisible();
  await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await form.getByRole('button', { name: 'Restore this backup' }).click();

  await expect(page.getByText(/Restored the backup of/)).toBeVisible();
  await logIn(page, ADMIN);
  await expectLoggedInAs(page, ADMIN.name);
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row', { name: /Kept/ })).toHaveCount(3);
});
