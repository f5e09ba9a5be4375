/**
 * Every screen passes axe-core's WCAG 2.0 and 2.1 A and AA rules, as the person sees it: with
 * data in it (clients, a duplicate pair, a deleted client, an import, staff), after its loaders
 * are gone; the audit log also in a small window, where it scrolls sideways. Each screen's
 * violations are listed with the elements they were found on.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addClient, addStaff, goTo, logIn, logOut, openClient, setUpShop, ADMIN } from './actions';
import { expect, test } from './fixtures';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, screen: string): Promise<void> {
  // A screen is judged once it has loaded: no loader left, no transition under way.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
  expect.soft(found, `axe violations on ${screen}`).toEqual([]);
}

test('every screen passes axe-core’s WCAG 2 A and AA rules', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'Welcome to Clientele' })).toBeVisible();
  await expectAccessible(page, 'first run');
  await page.getByRole('button', { name: /Restore from a backup/ }).click();
  await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
  await expectAccessible(page, 'recovery (restore from a backup)');
  await page.getByRole('button', { name: 'Set up a new shop instead' }).click();

  await setUpShop(page);
  await addStaff(page, { name: 'Sam Seller', username: 'sam', password: 'sales floor 42', role: 'Associate' });
  await expectAccessible(page, 'staff');
  await addClient(page, { first: 'Emma', last: 'Thompson', email: 'emma@example.com', consentEmail: true });
  await addClient(page, { first: 'Bob', last: 'Stone', email: 'bob@example.com' });
  await addClient(page, { first: 'Ana', last: 'Ruiz', birthday: '1990-02-03' });
  await addClient(page, { first: 'Ana', last: 'Ruiz', birthday: '1990-02-03' });
  await expectAccessible(page, 'client list');

  await openClient(page, 'Emma Thompson');
  await expect(page.getByRole('heading', { level: 2, name: 'Emma Thompson' })).toBeVisible();
  await expectAccessible(page, 'client profile');

  await openClient(page, 'Bob Stone');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete Bob Stone?' }).getByRole('button', { name: 'Delete client' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();

  await goTo(page, 'Today');
  await expectAccessible(page, 'today');
  await goTo(page, 'Campaigns');
  await expectAccessible(page, 'campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New campaign' })).toBeVisible();
  await expectAccessible(page, 'campaign composer');

  await goTo(page, 'Duplicates');
  await page.locator('label', { hasText: 'Same name and birthday' }).click();
  await expect(page.getByRole('table', { name: 'Likely duplicates' })).toBeVisible();
  await expectAccessible(page, 'duplicates');
  await goTo(page, 'Trash');
  await expect(page.getByRole('table', { name: 'Deleted clients' })).toBeVisible();
  await expectAccessible(page, 'trash');

  await goTo(page, 'Import/Export');
  await page.locator('input[type=file]').setInputFiles({ name: 'walk-ins.csv', mimeType: 'text/csv', buffer: Buffer.from('First Name,Last Name,Email\nGreta,Lind,greta@example.com\n') });
  await expect(page.getByRole('combobox', { name: /Field for column/ }).first()).toBeVisible();
  await expectAccessible(page, 'import (mapping)');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('1 created');
  await expectAccessible(page, 'import (result)');
  await page.getByRole('tab', { name: 'Export clients' }).click();
  await expectAccessible(page, 'export');
  await page.getByRole('tab', { name: 'Import history' }).click();
  await expect(page.getByRole('table', { name: 'Import history' })).toBeVisible();
  await expectAccessible(page, 'import history');

  // Every page the navigation offers an Admin, so a new page is checked without naming it here.
  const pages = await page.getByRole('navigation', { name: 'Main' }).getByRole('button').allInnerTexts();
  expect(pages.length).toBeGreaterThan(10);
  for (const name of pages) {
    await goTo(page, name.trim());
    await expectAccessible(page, name.trim());
  }

  await goTo(page, 'Audit log');
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectAccessible(page, 'audit log');
  // In a small window the log scrolls sideways: the keyboard must reach it to scroll it.
  await page.setViewportSize({ width: 800, height: 600 });
  await expectAccessible(page, 'audit log in an 800x600 window');
  await page.setViewportSize({ width: 1400, height: 900 });
  await logOut(page);
  await expectAccessible(page, 'login');
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

test('every page also passes in the dark colour scheme', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Clientele' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expectAccessible(page, 'first run (dark)');
  await setUpShop(page);
  await addClient(page, { first: 'Emma', last: 'Thompson', email: 'emma@example.com' });
  await openClient(page, 'Emma Thompson');
  await expectAccessible(page, 'client profile (dark)');
  const pages = await page.getByRole('navigation', { name: 'Main' }).getByRole('button').allInnerTexts();
  for (const name of pages) {
    await goTo(page, name.trim());
    await expectAccessible(page, `${name.trim()} (dark)`);
  }
});
