/**
 * Onboarding from a sales history, as a shop connecting its POS would do it: map a POS id
 * to a staff member, import the sales in onboarding mode after a dry run, read the report,
 * and see on the client why they now belong to that associate.
 */
import { ADMIN, addClient, addStaff, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

// Money is formatted in the person's locale; pin it so the amounts below read one way.
test.use({ locale: 'en-US' });

const SELLER = { name: 'Sam Seller', username: 'sam', password: 'sells a lot 1234', role: 'Associate', posId: 'A001' };

const SALES = [
  'transaction_id,client_email,associate_pos_id,amount,sold_at',
  'TX001,jane@example.com,A001,400.00,2024-01-05',
  'TX002,jane@example.com,A001,834.50,2024-02-05',
  'TX003,jane@example.com,A999,150.00,2024-03-05',
  'TX004,jane@example.com,A001,not a number,2024-04-05',
].join('\n');

test('a sales history in onboarding mode assigns a client to the associate with the greatest spend, and the profile says why', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, SELLER);
  await addClient(page, { first: 'Jane', last: 'Doe', email: 'jane@example.com' });

  // A client added in the app belongs to whoever added it; onboarding only assigns Unassigned clients.
  await openClient(page, 'Jane Doe');
  const assigned = page.getByRole('region', { name: 'Assigned associate' });
  await expect(assigned).toContainText(ADMIN.name);
  await assigned.getByRole('button', { name: 'Edit assigned associate' }).click();
  await assigned.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: 'Unassigned', exact: true }).click();
  await assigned.getByRole('button', { name: 'Save' }).click();
  await expect(assigned).toContainText('Unassigned');
  await expect(page.getByRole('table', { name: 'Assignment history' })).toContainText(`By hand, by ${ADMIN.name}`);

  await goTo(page, 'Assignment rules');
  const importer = page.getByRole('region', { name: 'Sales history import' });
  await expect(importer.getByRole('radio', { name: /^Onboarding/ })).toBeChecked();
  const file = importer.locator('input[type=file]');
  await expect(importer.getByLabel('Sales file (CSV)')).toBeVisible();
  await expect(importer.getByRole('button', { name: 'Dry run' })).toBeDisabled();
  await file.setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(SALES) });
  await expect(importer.getByRole('button', { name: 'Import' })).toBeDisabled();
  await importer.getByRole('button', { name: 'Dry run' }).click();

  const dryRun = importer.getByRole('region', { name: 'Dry run of history.csv' });
  await expect(dryRun).toContainText('Nothing saved');
  await expect(dryRun).toContainText('Would import3');
  await expect(dryRun.getByRole('table', { name: 'Problem rows' }).getByRole('row', { name: /^5 TX004/ })).toBeVisible();
  await expect(dryRun).toContainText('1 client would be assigned by greatest total spend');

  await importer.getByRole('button', { name: 'Import valid rows' }).click();
  const report = importer.getByRole('region', { name: 'Imported history.csv' });
  await expect(report).toContainText('Imported3');
  await expect(report).toContainText('Problems1');
  await expect(report.getByRole('table', { name: 'Clients assigned per associate' }).getByRole('row', { name: 'Sam Seller 1' })).toBeVisible();
  // Onboarding has run: the next sales file is ongoing.
  await expect(importer.getByRole('radio', { name: /^Ongoing/ })).toBeChecked();
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download problem rows' }).click();
  expect((await download).suggestedFilename()).toMatch(/^sales-import-\d+-problems\.csv$/);

  // Every POS id in the file is listed; A999 sold less to Jane and belongs to nobody yet.
  const posIds = page.getByRole('table', { name: 'POS associate ids' });
  await expect(posIds.getByRole('row', { name: /A001 Sam Seller 2 1,234\.50$/ })).toBeVisible();
  const a999 = posIds.getByRole('row').filter({ hasText: 'A999' });
  await expect(a999).toContainText('Not mapped');
  await expect(a999).toContainText('150.00');
  await expect(a999.getByRole('checkbox', { name: 'Select POS id A999' })).toBeVisible();

  await openClient(page, 'Jane Doe');
  await expect(page.getByRole('region', { name: 'Assigned associate' })).toContainText(SELLER.name);
  const history = page.getByRole('table', { name: 'Assignment history' });
  await expect(history.getByRole('row').nth(1)).toContainText('Onboarding: greatest total spend, POS id A001 with 1,234.50 in sales');
  await expect(history.getByRole('row').nth(1)).toContainText(SELLER.name);
});
