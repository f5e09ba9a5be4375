/** Enter in a date field finishes the date, never submits a half-filled form. */
import { goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('Enter in a birthday field keeps the form open; Save saves the whole date', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill('Hazel');
  await form.getByLabel('Birthday').fill('1985-04');
  await form.getByLabel('Birthday').press('Enter');
  // Nothing was saved: the form is open, the list still empty.
  await expect(form).toBeVisible();
  await expect(page.getByTestId('client-count')).toHaveText('0 clients');
  await form.getByLabel('Last name').fill('Half');
  await form.getByLabel('Birthday').fill('1985-04-03');
  await form.getByLabel('Birthday').press('Enter');
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
  await openClient(page, 'Hazel Half');
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('Apr 3, 1985');

  // Editing: Enter in the anniversary field does not save a half-typed date either.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Hazel Half' });
  await edit.getByLabel('Anniversary').fill('2010-06');
  await edit.getByLabel('Anniversary').press('Enter');
  await expect(edit).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact' })).not.toContainText('2010');
});
