/**
 * A sale recorded by hand for a colleague, on a client nobody looks after yet: the client
 * goes to that colleague as an imported sale would send them. Then the sale is corrected
 * and removed from the profile's activity, each with a reason, and the spend and status
 * follow.
 */
import { addStaff, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sells a lot 1234', role: 'Associate' };

test('a sale recorded by hand assigns an Unassigned client to its seller, and is corrected and removed with a reason', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, SAM);
  await goTo(page, 'Import/Export');
  await page.locator('input[type=file]').first().setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from('First name,Last name\nNell,North\n') });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('1 created');

  await openClient(page, 'Nell North');
  const lookedAfter = page.getByRole('region', { name: 'Assigned associate' });
  await expect(lookedAfter).toContainText('Unassigned');
  await page.getByRole('button', { name: 'Add sale, booking or note' }).click();
  const form = page.getByRole('dialog', { name: 'Add to activity' });
  await form.getByLabel('Amount').fill('125');
  await form.getByLabel('When').fill('2026-02-14T15:30');
  await form.getByRole('combobox', { name: 'With' }).click();
  await page.getByRole('option', { name: 'Sam Seller', exact: true }).click();
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();

  await expect(lookedAfter).toContainText(SAM.name);
  await expect(page.getByRole('table', { name: 'Assignment history' }).getByRole('row').nth(1)).toContainText('Sam Seller');
  const activity = page.getByRole('table', { name: 'Activity' });
  await expect(activity.getByRole('row').nth(1)).toContainText('Sam Seller');
  await expect(activity.getByRole('row').nth(1)).toContainText('125.00');

  await activity.getByRole('button', { name: /^Correct the sale of .*2026/ }).click();
  const correct = page.getByRole('dialog', { name: /^Correct the sale of/ });
  await correct.getByLabel('Amount').fill('110');
  await correct.getByRole('button', { name: 'Save correction' }).click();
  await expect(correct.getByText('Say why it is being corrected')).toBeVisible();
  await correct.getByLabel('Reason for the correction').fill('Keyed 125 instead of 110');
  await correct.getByRole('button', { name: 'Save correction' }).click();
  await expect(correct).toBeHidden();
  await expect(activity.getByRole('row').nth(1)).toContainText('110.00');
  await expect(page.getByText('Total spend')).toBeVisible();
  await expect(page.locator('body')).toContainText('110.00');

  await activity.getByRole('button', { name: /^Remove the sale of .*2026/ }).click();
  const remove = page.getByRole('dialog', { name: /^Remove the sale of/ });
  await remove.getByLabel('Reason for removing it').fill('Recorded on the wrong client');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText('No activity yet')).toBeVisible();
  await expect(page.getByText('Guest', { exact: true }).first()).toBeVisible();
});
