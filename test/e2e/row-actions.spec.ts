import type { Locator, Page } from '@playwright/test';
import { addClient, addStaff, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every button in every row of the table names its row: a screen reader's list of buttons reads
 * "Edit Sam Seller", never a column of "Edit". The row is named by the text of its `column`th cell.
 */
async function expectRowActionsNamed(table: Locator, column = 0): Promise<void> {
  const rows = table.locator('tbody tr:not([aria-hidden])');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  let buttons = 0;
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const name = (await row.locator('td').nth(column).innerText()).trim();
    expect(name, `row ${i + 1} of ${await table.getAttribute('aria-label')} has a name`).not.toBe('');
    const all = await row.getByRole('button').count();
    await expect(row.getByRole('button', { name: new RegExp(escape(name)) }), `every button in the row of ${name}`).toHaveCount(all);
    buttons += all;
  }
  expect(buttons, 'the table has row actions to check').toBeGreaterThan(0);
}

async function importFile(page: Page, name: string, csv: string): Promise<void> {
  await goTo(page, 'Import/Export');
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('1 created');
}

test('row action buttons say which row they act on: clients, staff, relationship types, trash, import history', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { name: 'Sam Seller', username: 'sam', password: 'sales floor 42', role: 'Associate' });
  await addClient(page, { first: 'Emma', last: 'Thompson' });
  await addClient(page, { first: 'Bob', last: 'Stone' });

  await goTo(page, 'Clients');
  // The first column holds the selection box, the second the name.
  await expectRowActionsNamed(page.getByRole('table', { name: 'Clients' }), 1);

  await goTo(page, 'Staff');
  const staff = page.getByRole('table', { name: 'Staff' });
  await expectRowActionsNamed(staff);
  await expect(staff.getByRole('button', { name: 'Edit Sam Seller', exact: true })).toBeVisible();
  await expect(staff.getByRole('button', { name: 'Delete Sam Seller', exact: true })).toBeVisible();

  await goTo(page, 'Relationships');
  await expectRowActionsNamed(page.getByRole('table', { name: 'Relationship types' }));

  await openClient(page, 'Bob Stone');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete Bob Stone?' }).getByRole('button', { name: 'Delete client' }).click();
  await goTo(page, 'Trash');
  await expectRowActionsNamed(page.getByRole('table', { name: 'Deleted clients' }));

  await importFile(page, 'walk-ins.csv', 'First Name,Last Name\nGreta,Lind\n');
  await page.getByRole('tab', { name: 'Import history' }).click();
  // The file's name is the third column.
  await expectRowActionsNamed(page.getByRole('table', { name: 'Import history' }), 2);
});
