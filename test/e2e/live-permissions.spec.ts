import { addStaff, expectLoggedInAs, goTo, logIn, openFilters, setUpShop } from './actions';
import { expect, test } from './fixtures';

const TESS = { name: 'Tess Trainee', username: 'tess', password: 'first week 123' };

test('a change to a logged-in person’s role reaches their screen at once: hidden fields lose their filters', async ({ page, host, browser }) => {
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
  await addStaff(page, { ...TESS, role: /^Trainee/ });

  // Tess works at another desk (her own window and session).
  const desk = await (await browser.newContext()).newPage();
  await desk.goto(host.url);
  await logIn(desk, TESS);
  await expectLoggedInAs(desk, TESS.name);
  await openFilters(desk);
  const filters = desk.getByRole('group', { name: 'Filters' });
  await expect(filters.getByLabel('Tags')).toHaveCount(1);
  await expect(filters.getByLabel('Birthday this month')).toBeVisible();

  await goTo(page, 'Roles & permissions');
  const matrix = page.getByRole('table', { name: 'Roles and permissions' });
  await matrix.getByRole('checkbox', { name: 'Hide Tags from Trainee' }).check();
  await matrix.getByRole('checkbox', { name: 'Hide Birthday and anniversary from Trainee' }).check();
  await matrix.getByRole('button', { name: 'Save Trainee' }).click();
  await expect(page.getByText('Trainee saved.')).toBeVisible();

  // No reload, no new login: the filters on hidden fields are gone from Tess's list.
  await expect(filters.getByLabel('Tags')).toHaveCount(0);
  await expect(filters.getByLabel('Birthday this month')).toHaveCount(0);
  await expect(filters.getByLabel('Email consent')).toBeVisible();
  await desk.context().close();
});
