/** Locking the screen and logging back in returns to the same screen with what was typed; someone else starts afresh. */
import { ADMIN, addStaff, expectLoggedInAs, goTo, logIn, logOut, setUpShop } from './actions';
import { expect, test } from './fixtures';

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sam password 123' };

test('Lock, then the same person’s password: the same screen, the unsaved input still there', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { ...SAM, role: 'Associate' });
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByLabel('Shop name').fill('Maison Bleue (not saved)');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByText('Locked. Enter your password to continue.')).toBeVisible();
  // Nothing of the locked screen shows or can be reached while locked.
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  // The password field is ready for the person who locked it.
  await page.locator('form', { has: page.getByRole('button', { name: 'Log in' }) }).getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();

  await expectLoggedInAs(page, ADMIN.name);
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Shop' }).getByLabel('Shop name')).toHaveValue('Maison Bleue (not saved)');

  // Locked again, and Sam logs in instead: his own fresh screen, nothing of Ada's.
  await page.getByRole('button', { name: 'Lock' }).click();
  await logIn(page, SAM);
  await expectLoggedInAs(page, SAM.name);
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
  await expect(page.getByText('Maison Bleue (not saved)')).toHaveCount(0);
  await expect(page.locator('input[value="Maison Bleue (not saved)"]')).toHaveCount(0);

  // Logging out keeps nothing: Ada comes back to the start.
  await logOut(page);
  await logIn(page, ADMIN);
  await expectLoggedInAs(page, ADMIN.name);
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
});
