import { addClient, goTo, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('the Admin narrows the audit log to one client’s record', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Jane', last: 'Doe', email: 'jane.doe@example.com' });
  await addClient(page, { first: 'Bob', last: 'Stone' });

  await goTo(page, 'Audit log');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row', { name: /Added · / })).toHaveCount(2);

  await page.locator('input').and(page.getByLabel('Client')).fill('jane.doe');
  await page.getByRole('option', { name: 'Jane Doe' }).click();
  await expect(log.getByRole('row', { name: /Added/ })).toHaveCount(1);
  await expect(log).toContainText('jane.doe@example.com');
  await expect(log).not.toContainText('Stone');
});
