import { ADMIN, addClient, addStaff, expectLoggedInAs, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sales floor 42' };
const KAI = { name: 'Kai Seller', username: 'kai', password: 'sales floor 43' };
const CLEO = { name: 'Cleo Clerk', username: 'cleo', password: 'back office 42' };

test('an Associate hands their client to a colleague when the shop allows it, and is told the client left their list', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('switch', { name: 'Primary staff may hand a client to a colleague' }).check();
  await shop.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Shop settings saved.')).toBeVisible();
  await addStaff(page, { ...SAM, role: 'Associate' });
  await addStaff(page, { ...KAI, role: 'Associate' });

  await logOutAndIn(page, SAM);
  await addClient(page, { first: 'Hana', last: 'Hand' });
  await openClient(page, 'Hana Hand');
  const assigned = page.getByRole('region', { name: 'Assigned associate' });
  await assigned.getByRole('button', { name: 'Edit assigned associate' }).click();
  await assigned.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: 'Kai Seller' }).click();
  await assigned.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Handed over to Kai Seller. This client is no longer in your list.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: 'Hana Hand' })).toHaveCount(0);
  await expect(page.getByText('That client was not found')).toHaveCount(0);

  await logOutAndIn(page, KAI);
  await openClient(page, 'Hana Hand');
  await expect(page.getByRole('region', { name: 'Assigned associate' })).toContainText('Kai Seller');
});

test('a role that hides contact details imports a file without its emails and cannot learn or change one', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Nia', last: 'North', email: 'nia@example.com' });

  await goTo(page, 'Roles & permissions');
  await page.getByRole('button', { name: 'New role' }).click();
  const create = page.getByRole('dialog', { name: 'New role' });
  await create.getByLabel('Role name').fill('Clerk');
  await create.getByRole('combobox', { name: 'Based on' }).click();
  await page.getByRole('option', { name: 'Manager' }).click();
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(create).toBeHidden();
  const matrix = page.getByRole('table', { name: 'Roles and permissions' });
  await matrix.getByRole('checkbox', { name: 'Hide Contact details (email, phone) from Clerk' }).check();
  await matrix.getByRole('combobox', { name: 'Clerk visibility' }).click();
  await page.getByRole('option', { name: 'All clients' }).click();
  await matrix.getByRole('button', { name: 'Save Clerk' }).click();
  await expect(page.getByText('Clerk saved.')).toBeVisible();
  await addStaff(page, { ...CLEO, role: /^Clerk/ });

  await logOutAndIn(page, CLEO);
  await expectLoggedInAs(page, CLEO.name);
  await goTo(page, 'Import/Export');
  const file = 'First name,Last name,Email\nNia,North,guess@example.com\nOla,Olsen,ola@example.com\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const emailField = page.getByRole('combobox', { name: 'Field for column Email' });
  // Never suggested, and not offered: the role may not import what it may not see.
  await expect(emailField).toHaveValue('Ignore this column');
  await emailField.click();
  await expect(page.getByRole('option', { name: 'Email', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const done = page.getByRole('region', { name: 'Import result' });
  // Both rows are new clients: without the email column nothing matches, so the answer reveals nothing about emails.
  await expect(done).toContainText('2 created');
  await expect(page.getByText('nia@example.com')).toHaveCount(0);

  await openClient(page, 'Ola Olsen');
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('EmailHidden for your role');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: /Edit Ola Olsen/ });
  await expect(edit.getByLabel('Email', { exact: true })).toHaveCount(0);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  // The Admin sees that the import wrote no email.
  await logOutAndIn(page, ADMIN);
  await openClient(page, 'Ola Olsen');
  await expect(page.getByRole('region', { name: 'Contact' })).not.toContainText('ola@example.com');
});
