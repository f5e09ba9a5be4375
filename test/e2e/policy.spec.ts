import { ADMIN, addClient, addStaff, expectLoggedInAs, goTo, logIn, logOut, setUpShop } from './actions';
import { expect, test } from './fixtures';

const TRAINEE = { name: 'Tess Trainee', username: 'tess', password: 'first week 123' };
const SAM = { name: 'Sam Seller', username: 'sam', password: 'sales floor 42' };
const CONTACT = 'Contact details (email, phone)';

test('a custom role with contact details hidden sees "Hidden for your role" and no admin screens', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);

  await goTo(page, 'Roles & permissions');
  await page.getByRole('button', { name: 'New role' }).click();
  const create = page.getByRole('dialog', { name: 'New role' });
  await create.getByLabel('Role name').fill('Trainee');
  await create.getByRole('combobox', { name: 'Based on' }).click();
  await page.getByRole('option', { name: 'Associate' }).click();
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(create).toBeHidden();

  const matrix = page.getByRole('table', { name: 'Roles and permissions' });
  await expect(matrix.getByRole('columnheader', { name: /Trainee/ })).toContainText('Based on Associate');
  // A custom role starts from its base role's ticks and holds exactly what is ticked; the Admin may give any.
  await expect(matrix.getByRole('checkbox', { name: 'Trainee may merge clients' })).toBeEnabled();
  await expect(matrix.getByRole('checkbox', { name: 'Trainee may merge clients' })).not.toBeChecked();
  await expect(matrix.getByRole('checkbox', { name: 'Trainee may add clients' })).toBeChecked();
  await matrix.getByRole('checkbox', { name: `Hide ${CONTACT} from Trainee` }).check();
  await matrix.getByRole('combobox', { name: 'Trainee visibility' }).click();
  await page.getByRole('option', { name: 'All clients' }).click();
  await matrix.getByRole('button', { name: 'Save Trainee' }).click();
  await expect(page.getByText('Trainee saved.')).toBeVisible();
  await expect(matrix.getByRole('button', { name: 'Save Trainee' })).toBeDisabled();

  await addClient(page, { first: 'Jane', last: 'Doe', email: 'jane.doe@example.com' });
  await addStaff(page, { ...TRAINEE, role: /^Trainee/ });
  const row = page.getByRole('table', { name: 'Staff' }).getByRole('row', { name: /Tess Trainee/ });
  await expect(row).toContainText('Trainee');

  await logOut(page);
  await logIn(page, TRAINEE);
  await expectLoggedInAs(page, TRAINEE.name);
  await expect(page.getByRole('banner')).toContainText('Trainee');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Clients' })).toBeVisible();
  for (const adminOnly of ['Staff', 'Roles & permissions', 'Audit log']) {
    await expect(nav.getByRole('button', { name: adminOnly })).toHaveCount(0);
  }

  const clients = page.getByRole('table', { name: 'Clients' });
  await clients.getByRole('button', { name: 'Jane Doe' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeVisible();
  const contact = page.getByRole('region', { name: 'Contact' });
  await expect(contact).toContainText('EmailHidden for your role');
  await expect(page.getByText('jane.doe@example.com')).toHaveCount(0);
});

test('an associate sees only their own clients until the shop opens all clients to all staff', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Alice', last: 'Admin' });
  await addStaff(page, { ...SAM, role: 'Associate' });

  await logOut(page);
  await logIn(page, SAM);
  await expectLoggedInAs(page, SAM.name);
  await addClient(page, { first: 'Bob', last: 'Own' });
  const clients = page.getByRole('table', { name: 'Clients' });
  await expect(clients.getByRole('button', { name: 'Bob Own' })).toBeVisible();
  await expect(clients.getByRole('button', { name: 'Alice Admin' })).toHaveCount(0);

  await logOut(page);
  await logIn(page, ADMIN);
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('switch', { name: 'All staff see all clients' }).check();
  await shop.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Shop settings saved.')).toBeVisible();

  await logOut(page);
  await logIn(page, SAM);
  await expectLoggedInAs(page, SAM.name);
  await expect(clients.getByRole('button', { name: 'Alice Admin' })).toBeVisible();
  await expect(clients.getByRole('button', { name: 'Bob Own' })).toBeVisible();
});
