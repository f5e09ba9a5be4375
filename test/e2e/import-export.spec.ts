import { readFile } from 'node:fs/promises';
import { goTo, setUpShop } from './actions';
import { expect, test } from './fixtures';

// "Vorname" is not a header we recognise: the person maps it by hand. Lines 3 and 5 are bad.
const FILE = [
  'Vorname,Last Name,Email,Phone',
  'Greta,Lind,greta@example.com,+46 8 123 456 78',
  'Hans,Berg,hans-at-example.com,',
  'Ingrid,Dahl,ingrid@example.com,',
  ',Nobody,nobody@example.com,',
  'Jonas,Ek,jonas@example.com,',
].join('\n');

test('import a file with a mapping fix and two bad rows, download the error report, undo', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Import/Export');

  await page.locator('input[type=file]').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
  const firstNameField = page.getByRole('combobox', { name: 'Field for column Vorname' });
  await expect(firstNameField).toHaveValue('Ignore this column');
  await firstNameField.click();
  await page.getByRole('option', { name: 'First name', exact: true }).click();
  await expect(firstNameField).toHaveValue('First name');

  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('table', { name: 'Preview' }).getByRole('cell', { name: '+46812345678' })).toBeVisible();

  await page.getByRole('button', { name: 'Dry run' }).click();
  const dry = page.getByRole('region', { name: 'Dry run result' });
  await expect(dry).toContainText('5 rows: 3 to create, 0 to update, 0 skipped as duplicates, 2 rejected');
  await expect(dry.getByRole('table', { name: 'Rows with problems' })).toContainText('Email is not a valid address');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const done = page.getByRole('region', { name: 'Import result' });
  await expect(done).toContainText('3 created');

  const downloading = page.waitForEvent('download');
  await done.getByRole('button', { name: 'Download error report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('contacts-rejected-rows.csv');
  const report = await readFile(await download.path(), 'utf8');
  expect(report.split('\n')).toEqual([
    'Line,Vorname,Last Name,Email,Phone,Reason',
    '3,Hans,Berg,hans-at-example.com,,Email: Email is not a valid address',
    '5,,Nobody,nobody@example.com,,Vorname: First name is required',
    '',
  ]);

  await goTo(page, 'Clients');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: 'Ingrid Dahl' })).toBeVisible();
  await goTo(page, 'Import/Export');
  await page.getByRole('tab', { name: 'Import history' }).click();
  await page.getByRole('table', { name: 'Import history' }).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('3 clients removed, 0 restored.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Import history' })).toContainText('Undone');
  await goTo(page, 'Clients');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: 'Ingrid Dahl' })).toHaveCount(0);
});

test('the import guesses the date order from the file, shows how the first dates read, and keeps a client whose birthday cannot be read', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Import/Export');
  const csv = ['First Name,Last Name,Birthday', 'Ann,Lee,03/04/1985', 'Bob,Kim,13/04/1990', 'Cy,Ng,someday'].join('\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'dates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('combobox', { name: 'Dates are written', exact: true })).toHaveValue('Day/month/year (31/12/2024)');
  await expect(page.getByText('Guessed: "13/04/1990" on line 3 can only be day first')).toBeVisible();
  await expect(page.getByRole('list', { name: 'How the first dates read' })).toContainText(/Line 2, Birthday: “03\/04\/1985” reads as (3 April 1985|April 3, 1985)/);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('table', { name: 'Preview' }).getByRole('cell', { name: '1985-04-03' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Preview' })).toContainText('Warning: Birthday "someday" in column "Birthday" is not a date written day/month/year');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/3 created/)).toBeVisible();
});
