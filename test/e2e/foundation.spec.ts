import { ADMIN, expectLoggedInAs, goTo, logIn, setUpShop } from './actions';
import { expect, test } from './fixtures';

const LOGIN_REFUSED = /do not match, or the account is locked/;

test('a client added on first run is still there after Clientele restarts', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await expect(page.getByRole('banner')).toContainText(ADMIN.shop);
  await expect(page.getByRole('banner')).toContainText('Admin');

  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill('Jane');
  await form.getByLabel('Last name').fill('Doe');
  await form.getByLabel('Email', { exact: true }).fill('jane.doe@example.com');
  await form.getByLabel('Phone', { exact: true }).fill('+1 212 555 0123');
  await form.getByLabel('Birthday').fill('1985-04-12');
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();

  const clients = page.getByRole('table', { name: 'Clients' });
  const row = clients.getByRole('row', { name: /Jane Doe/ });
  await expect(row).toContainText('jane.doe@example.com');
  await expect(row).toContainText(ADMIN.name); // assigned to whoever created it
  await expect(row).toContainText('Guest');

  await row.getByRole('button', { name: 'Jane Doe' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Jane Doe' })).toBeVisible();
  const lookedAfter = page.getByRole('region', { name: 'Looked after by' });
  await expect(lookedAfter).toContainText(`Assigned associate${ADMIN.name}`);
  await expect(lookedAfter).toContainText(`Created by${ADMIN.name}`);
  // A US shop (the first-run country, from the browser's language) writes dates as the US does.
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('Apr 12, 1985');
  await expect(page.getByRole('table', { name: 'Client history' })).toContainText(ADMIN.name);

  const url = await host.restart();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: ADMIN.shop })).toBeVisible();
  await logIn(page, ADMIN);
  await expectLoggedInAs(page, ADMIN.name);

  const again = page.getByRole('table', { name: 'Clients' }).getByRole('row', { name: /Jane Doe/ });
  await expect(again).toContainText('jane.doe@example.com');
  await expect(again).toContainText(ADMIN.name);
  await again.getByRole('button', { name: 'Jane Doe' }).click();
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('jane.doe@example.com');
});

test('five wrong passwords lock the account, so even the right one is refused', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await page.getByRole('button', { name: 'Log out' }).click();

  const password = page.getByLabel('Password', { exact: true });
  const refusal = page.getByRole('alert').filter({ hasText: 'Could not log in' });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await logIn(page, { name: ADMIN.name, password: `wrong guess ${attempt}` });
    // The screen empties the password field once the answer is in.
    await expect(password).toHaveValue('');
    await expect(refusal).toContainText(LOGIN_REFUSED);
  }

  await logIn(page, ADMIN);
  await expect(password).toHaveValue('');
  await expect(refusal).toContainText(LOGIN_REFUSED);
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
});

test('an associate added by the admin logs in without the Staff page', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);

  await goTo(page, 'Staff');
  await page.getByRole('button', { name: 'Add staff' }).click();
  const form = page.getByRole('dialog', { name: 'Add staff' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Sam Seller');
  await form.getByRole('textbox', { name: 'Username' }).fill('sam');
  await form.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Associate' }).click();
  await form.getByLabel(/^Password/).fill('sales floor 42');
  await form.getByLabel(/^Confirm password/).fill('sales floor 42');
  await form.getByRole('button', { name: 'Save staff' }).click();
  await expect(form).toBeHidden();
  const row = page.getByRole('table', { name: 'Staff' }).getByRole('row', { name: /Sam Seller/ });
  await expect(row).toContainText('sam');
  await expect(row).toContainText('Associate');

  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, { name: 'Sam Seller', password: 'sales floor 42' });
  await expectLoggedInAs(page, 'Sam Seller');
  await expect(page.getByRole('banner')).toContainText('Associate');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Clients' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Staff' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Audit log' })).toHaveCount(0);
});

test('the launch key leaves the address bar and the history once the page has traded it for a session token', async ({ page, host }) => {
  const key = new URLSearchParams(new URL(host.url).hash.slice(1)).get('key')!;
  await page.goto(host.url);
  await setUpShop(page);
  expect(page.url()).toBe(`${new URL(host.url).origin}/`);
  // Not kept in the page's storage either.
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  expect(await page.evaluate((k) => document.documentElement.outerHTML.includes(k), key)).toBe(false);
  // The session token is the page's own: the app keeps working on it.
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('dialog', { name: 'Add client' })).toBeVisible();
});
