import type { Page } from '@playwright/test';
import { openFilters, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function addClient(page: Page, first: string, last: string) {
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(first);
  await form.getByLabel('Last name').fill(last);
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
}

test('filter the list by tag and by associate, with counts, and keep the tag filter as a segment', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, 'Vera', 'Vip');
  await addClient(page, 'Gus', 'Guest');
  const clients = page.getByRole('table', { name: 'Clients' });
  const count = page.getByTestId('client-count');
  await expect(count).toHaveText('2 clients');

  // Tag Vera from the list, then filter on the tag.
  await clients.getByLabel('Select Vera Vip').check();
  await page.getByRole('button', { name: 'Tag…', exact: true }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Tag the selected clients' });
  await tagDialog.getByLabel('Tag').fill('VIP');
  await tagDialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(tagDialog).toBeHidden();

  await openFilters(page);
  await page.locator('input').and(page.getByLabel('Tags')).click();
  await page.getByRole('option', { name: 'VIP' }).click();
  await page.keyboard.press('Escape');
  await expect(count).toHaveText('1 client');
  await expect(clients).toContainText('Vera Vip');
  await expect(clients).not.toContainText('Gus Guest');

  await page.getByRole('button', { name: 'Save as segment' }).click();
  const saveDialog = page.getByRole('dialog', { name: 'Save these filters as a segment' });
  await saveDialog.getByLabel('Segment name').fill('VIPs');
  await saveDialog.getByRole('button', { name: 'Save segment' }).click();
  await expect(saveDialog).toBeHidden();

  // Back to everyone, then the segment brings the tag filter back.
  await page.locator('input').and(page.getByLabel('Segment')).click();
  await page.getByRole('option', { name: 'Guests', exact: true }).click();
  await expect(count).toHaveText('2 clients');
  await page.locator('input').and(page.getByLabel('Segment')).click();
  await page.getByRole('option', { name: 'VIPs' }).click();
  await expect(count).toHaveText('1 client');
  await expect(clients).toContainText('Vera Vip');

  // Everyone created here is assigned to the person who created them.
  await page.locator('input').and(page.getByLabel('Segment')).click();
  await page.getByRole('option', { name: 'Guests', exact: true }).click();
  await openFilters(page);
  await page.locator('input').and(page.getByLabel('Assigned')).click();
  await page.getByRole('option', { name: 'Unassigned' }).click();
  await expect(page.getByText('No clients match')).toBeVisible();
  await page.locator('input').and(page.getByLabel('Assigned')).click();
  await page.getByRole('option', { name: 'Ada Admin' }).click();
  await expect(count).toHaveText('2 clients');
});
