/** One date and number format on every screen: the shop's, from its country, changeable in Settings. */
import type { Page } from '@playwright/test';
import { addClient, addStaff, goTo, logOutAndIn, openClient, openFilters, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function chooseInSettings(page: Page, label: string, option: string | RegExp) {
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
  await shop.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Shop settings saved.')).toBeVisible();
  // Gone before the next save, so the next notice seen is that save's own.
  await expect(page.getByText('Shop settings saved.')).toBeHidden();
}

async function expectProfileReads(page: Page, birthday: string, spend: string) {
  await openClient(page, 'Greta Format');
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText(birthday);
  await expect(page.getByRole('region', { name: 'Looked after by' })).toContainText(spend);
  await expect(page.getByRole('table', { name: 'Activity' })).toContainText(spend);
}

test('dates and amounts read as the shop’s country writes them, or in the format chosen in Settings, for every role', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { name: 'Sam Seller', username: 'sam', password: 'sam password 123', role: 'Associate' });
  await addClient(page, { first: 'Greta', last: 'Format', birthday: '1985-04-03' });
  await openClient(page, 'Greta Format');
  await page.getByRole('button', { name: 'Add sale, booking or note' }).click();
  const activity = page.getByRole('dialog', { name: 'Add to activity' });
  await activity.getByLabel('Amount').fill('1234.5');
  await activity.getByRole('button', { name: 'Add' }).click();
  await expect(activity).toBeHidden();

  // A German shop: 03.04.1985 and 1.234,50, whatever the browser's own language.
  await chooseInSettings(page, 'Default country', 'Germany (DE)');
  await expectProfileReads(page, '03.04.1985', '1.234,50');

  // The date pickers show the German order too.
  await goTo(page, 'Clients');
  await openFilters(page);
  await page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Created' }).click();
  await page.getByRole('option', { name: 'Between dates…' }).click();
  await page.getByRole('button', { name: 'Created between' }).click();
  const days = page.locator('button[data-mantine-stop-propagation][aria-label]').filter({ hasNotText: /^$/ });
  await days.nth(10).click();
  await days.nth(12).click();
  await expect(page.getByRole('button', { name: 'Created between' })).toHaveText(/^\d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4}$/);

  // Chosen in Settings: British dates and numbers in the same German shop.
  await chooseInSettings(page, 'Date and number format', /^British English/);
  await expectProfileReads(page, '3 Apr 1985', '1,234.50');

  // An Associate sees the shop's format too (not their browser's), and cannot change Trash retention.
  await logOutAndIn(page, { name: 'Sam Seller', password: 'sam password 123' });
  await addClient(page, { first: 'Olaf', last: 'Own', birthday: '1990-12-24' });
  await openClient(page, 'Olaf Own');
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('24 Dec 1990');
  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Trash retention' })).toHaveCount(0);
});

test('an Admin turns on Trash retention in Settings', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Settings');
  const trash = page.getByRole('region', { name: 'Trash retention' });
  await expect(trash.getByLabel('After how many days in the Trash')).toBeDisabled();
  await trash.getByLabel('Erase clients kept in the Trash').check();
  await trash.getByLabel('After how many days in the Trash').fill('30');
  await trash.getByRole('button', { name: 'Save Trash retention' }).click();
  await expect(page.getByText('Clients in the Trash for more than 30 days will be erased.')).toBeVisible();
  await logOutAndIn(page, { name: 'Ada Admin', password: 'green tea 1234' });
  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Trash retention' }).getByLabel('After how many days in the Trash')).toHaveValue('30');
});
