/** The client list at a shop's window size: one filter bar, a dozen rows, sorting by the headers, whole badges, bulk assign. */
import type { Page } from '@playwright/test';
import { addClient, addStaff, goTo, logOutAndIn, setUpShop } from './actions';
import { expect, test } from './fixtures';

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sam password 123' };

/** Thirty-one clients, imported as a shop would bring them in; one with a long name and email, which squeeze the other columns. */
async function importClients(page: Page) {
  const names = ['Amy', 'Bob', 'Zed', ...Array.from({ length: 27 }, (_, i) => `Client${String(i).padStart(2, '0')}`)];
  const file =
    `First name,Last name,Email\n${names.map((n) => `${n},Listed,${n.toLowerCase()}@example.com`).join('\n')}\n` +
    'Maximiliana Esperanza,Featherstonehaugh-Cholmondeley,maximiliana.esperanza.featherstonehaugh@example.com\n';
  await goTo(page, 'Import/Export');
  await page.locator('input[type=file]').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('31 created');
}

/** No badge on screen is cut short ("GUE…"). */
async function expectWholeBadges(page: Page) {
  await expect(page.locator('.mantine-Badge-label').first()).toBeVisible();
  const cut = await page.locator('.mantine-Badge-label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 0.5).map((l) => l.textContent));
  expect(cut).toEqual([]);
}

const header = (page: Page, name: string) => page.getByRole('table', { name: 'Clients' }).getByRole('columnheader', { name });
const firstRowName = (page: Page) => page.getByRole('table', { name: 'Clients' }).locator('tbody tr[data-index="0"] td').nth(1);

test('the list shows a dozen rows at 1400x900, folds its filters into one bar, sorts by its headers, keeps badges whole and assigns a selection', async ({ page, host }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { ...SAM, role: 'Associate' });
  await importClients(page);
  // One more by hand: the newest, and the only one assigned (to whoever added it).
  await addClient(page, { first: 'Hand', last: 'Aardvark' });
  const count = page.getByTestId('client-count');
  await expect(count).toHaveText('32 clients');
  await expectWholeBadges(page);

  // At least twelve whole rows in view, under the header, without scrolling.
  const table = page.getByRole('table', { name: 'Clients' });
  await expect(table.locator('tbody tr[data-index]').first()).toBeVisible();
  const whole = await table.evaluate((t) => {
    const box = t.parentElement!.getBoundingClientRect();
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...t.querySelectorAll('tbody tr[data-index]')].filter((r) => r.getBoundingClientRect().bottom <= bottom + 0.5).length;
  });
  expect(whole).toBeGreaterThanOrEqual(12);

  // One bar: "Filters", then "Filters (1)" with Clear all.
  await expect(page.getByRole('button', { name: 'Clear all' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Assigned' }).click();
  await page.getByRole('option', { name: 'Unassigned' }).click();
  await expect(count).toHaveText('31 clients');
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(count).toHaveText('32 clients');
  await expect(page.getByRole('button', { name: 'Filters', exact: true })).toBeVisible();

  // Sorting by a header, with the mouse and with the keyboard; aria-sort says which way.
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRowName(page)).toHaveText('Hand Aardvark');
  await header(page, 'Name').getByRole('button').click();
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRowName(page)).toHaveText('Zed Listed');
  await header(page, 'Created').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(header(page, 'Created')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'Name')).not.toHaveAttribute('aria-sort', /.+/);
  await expect(firstRowName(page)).toHaveText('Hand Aardvark');
  await page.keyboard.press('Space');
  await expect(header(page, 'Created')).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRowName(page)).toHaveText('Amy Listed');

  // Every column on: no badge is cut short.
  await page.getByRole('button', { name: 'Columns' }).click();
  for (const column of ['Last visit', 'Total spend', 'City', 'Tags']) {
    await page.getByRole('checkbox', { name: column }).click();
    await expect(page.getByRole('checkbox', { name: column })).toBeChecked();
  }
  await page.keyboard.press('Escape');
  await expectWholeBadges(page);

  // Bulk assign two picked clients to Sam.
  await header(page, 'Name').getByRole('button').click();
  await expect(firstRowName(page)).toHaveText('Hand Aardvark');
  await table.getByLabel('Select Amy Listed').check();
  await table.getByLabel('Select Bob Listed').check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Assign…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign 2 clients' });
  await dialog.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: 'Sam Seller' }).click();
  await dialog.getByRole('button', { name: 'Assign clients' }).click();
  await expect(page.getByText('2 clients assigned to Sam Seller.')).toBeVisible();
  await expect(table.getByRole('row', { name: /Amy Listed/ })).toContainText('Sam Seller');
  await expect(table.getByRole('row', { name: /Bob Listed/ })).toContainText('Sam Seller');

  // Sam, an Associate, sees his two and the Unassigned pool (not Ada's), and may not bulk assign.
  await logOutAndIn(page, SAM);
  await goTo(page, 'Clients');
  await expect(count).toHaveText('31 clients');
  await expect(table.getByRole('row', { name: /Amy Listed/ })).toContainText('Sam Seller');
  await table.getByLabel('Select Amy Listed').check();
  await expect(page.getByRole('group', { name: 'Bulk actions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Assign…' })).toHaveCount(0);
});
