import { readFile } from 'node:fs/promises';
import { addClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('an Admin saves everything held about a client as a JSON file from the profile', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Jane', last: 'Doe', email: 'jane.doe@example.com' });
  await page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: 'Jane Doe' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^clientele-client-\d+-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await file.path(), 'utf8')) as unknown;
  expect(data).toMatchObject({ format: 'clientele-client-data', complete: true, client: { firstName: 'Jane', email: 'jane.doe@example.com' } });
  await expect(page.getByText(`Saved ${file.suggestedFilename()}.`)).toBeVisible();
});
