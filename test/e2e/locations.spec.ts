/**
 * Locations that match a shop: a client's home is where its creator works today (picked in
 * the header by someone with several locations), a sale is recorded where it happened, and
 * a Manager sees the clients at home or seen at their location. An Associate sees the
 * Unassigned clients of their location and claims one.
 */
import { addClient, addLocation, addStaff, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const MONA = { name: 'Mona Manager', username: 'mona', password: 'runs north 1234', role: 'Manager', locations: ['North'] };
const TOM = { name: 'Tom Twostores', username: 'tom', password: 'both stores 1234', role: 'Associate', locations: ['North', 'South'] };
const NINA = { name: 'Nina North', username: 'nina', password: 'sells north 1234', role: 'Associate', locations: ['North'] };

test('a North Manager sees the clients whose home is North or who visited North, and not a South-only client', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addLocation(page, 'North');
  await addLocation(page, 'South');
  await addStaff(page, MONA);
  await addStaff(page, TOM);

  // Tom works at both stores: North until he picks South in the header.
  await logOutAndIn(page, TOM);
  const workingAt = page.getByRole('banner').getByRole('combobox', { name: 'Working location' });
  await expect(workingAt).toHaveValue('North');
  await addClient(page, { first: 'Nora', last: 'Northhome' });
  await workingAt.click();
  await page.getByRole('option', { name: 'South', exact: true }).click();
  await expect(workingAt).toHaveValue('South');
  await addClient(page, { first: 'Sven', last: 'Southonly' });
  await addClient(page, { first: 'Vera', last: 'Visitor' });
  await openClient(page, 'Sven Southonly');
  await expect(page.getByText('Home location', { exact: true }).locator('..')).toContainText('South');

  // Vera lives at South but buys at North: the sale is recorded there, changed in the form.
  await openClient(page, 'Vera Visitor');
  await page.getByRole('button', { name: 'Add sale, booking or note' }).click();
  const form = page.getByRole('dialog', { name: 'Add to activity' });
  await expect(form.getByRole('combobox', { name: 'Location' })).toHaveValue('South');
  await form.getByRole('combobox', { name: 'Location' }).click();
  await page.getByRole('option', { name: 'North', exact: true }).click();
  await form.getByLabel('Amount').fill('120');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('table', { name: 'Activity' }).getByRole('row').nth(1)).toContainText('North');

  await logOutAndIn(page, MONA);
  await goTo(page, 'Clients');
  const list = page.getByRole('table', { name: 'Clients' });
  await expect(list.getByRole('button', { name: 'Nora Northhome' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Vera Visitor' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Sven Southonly' })).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('North');
});

test('an Associate sees an Unassigned client at home in their store and claims it', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addLocation(page, 'North');
  await addStaff(page, NINA);

  // Imported without an associate: Una's home is North (the file says so), Sol's the main store.
  await goTo(page, 'Import/Export');
  const file = ['First name,Last name,Location', 'Una,Pooled,North', 'Sol,Elsewhere,'].join('\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'walk-ins.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByRole('combobox', { name: 'Field for column Location' })).toHaveValue('Location');
  await page.getByRole('combobox', { name: 'New clients go to' }).click();
  await page.getByRole('option', { name: 'Leave Unassigned' }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('2 created');

  await logOutAndIn(page, NINA);
  await goTo(page, 'Clients');
  const list = page.getByRole('table', { name: 'Clients' });
  await expect(list.getByRole('button', { name: 'Una Pooled' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Sol Elsewhere' })).toHaveCount(0);

  await openClient(page, 'Una Pooled');
  const assigned = page.getByRole('region', { name: 'Assigned associate' });
  await expect(assigned).toContainText('Unassigned');
  await assigned.getByRole('button', { name: 'Edit assigned associate' }).click();
  await assigned.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: NINA.name, exact: true }).click();
  await assigned.getByRole('button', { name: 'Save' }).click();
  await expect(assigned).toContainText(NINA.name);
  await goTo(page, 'Clients');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row', { name: /Una Pooled/ })).toContainText(NINA.name);
});
