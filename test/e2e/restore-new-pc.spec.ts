/** A new PC's first run: the restore link reads whole, and a backup file is restored from that screen, no command line. */
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, addClient, expectLoggedInAs, goTo, logIn, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('the first-run screen restores a backup file chosen from anywhere', async ({ page, host }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  // The old PC: a shop with a client and a backup, kept aside as the file a person would carry.
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Carried', last: 'Over' });
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Backups' });
  await section.getByRole('button', { name: 'Take a backup now' }).click();
  await expect(section.getByRole('table', { name: 'Backups' }).getByRole('row', { name: /Taken by hand/ })).toContainText('1 client');
  const backups = join(host.dataDir, 'backups');
  const name = readdirSync(backups).find((f) => f.endsWith('-manual.db'))!;
  const carried = join(host.dataDir, '..', `${name}`);
  copyFileSync(join(backups, name), carried);

  // The new PC: an empty data folder.
  const url = await host.restart(() => {
    for (const f of readdirSync(host.dataDir)) rmSync(join(host.dataDir, f), { recursive: true, force: true });
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Welcome to Clientele' })).toBeVisible();
  const link = page.getByRole('button', { name: 'Moving from another PC? Restore from a backup' });
  // Whole, not cut at the card's edge, even in a narrow window.
  await page.setViewportSize({ width: 400, height: 768 });
  const words = page.getByText('Moving from another PC? Restore from a backup', { exact: true });
  expect(await words.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5 && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
  await page.setViewportSize({ width: 1024, height: 768 });
  await link.click();
  await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();

  await page.locator('input[type=file]').setInputFiles(carried);
  const form = page.getByRole('form', { name: 'Restore the chosen backup' });
  await expect(form).toContainText('1 client');
  await form.getByLabel('Admin username').fill(ADMIN.username);
  await form.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await form.getByRole('button', { name: 'Restore this backup' }).click();
  await logIn(page, ADMIN);
  await expectLoggedInAs(page, ADMIN.name);
  await expect(page.getByRole('table', { name: 'Clients' })).toContainText('Carried Over');
});
