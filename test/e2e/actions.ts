/** What a person does on the common screens, written once so the specs read as stories. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const ADMIN = { shop: 'Maison Verte', name: 'Ada Admin', username: 'ada', password: 'green tea 1234' };

/** The first-run screen: name the shop and create the first Admin, who ends up logged in. */
export async function setUpShop(page: Page, admin = ADMIN): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to Clientele' })).toBeVisible();
  await page.getByLabel('Shop name').fill(admin.shop);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create shop and log in' }).click();
  await expectLoggedInAs(page, admin.name);
}

/** The login screen: pick the person's name from the list, type the password, submit. */
export async function logIn(page: Page, person: { name: string; password: string }): Promise<void> {
  await page.getByRole('group', { name: 'Who is working?' }).getByRole('button', { name: person.name }).click();
  // The login form's own field: a locked screen kept behind it may hold another "Password" (hidden).
  await page.locator('form', { has: page.getByRole('button', { name: 'Log in' }) }).getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function expectLoggedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('banner').getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

export async function goTo(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section }).click();
  await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('group', { name: 'Who is working?' })).toBeVisible();
}

/** Settings page: add a location (a store) to the shop. */
export async function addLocation(page: Page, name: string): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByLabel('New location').fill(name);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByRole('list', { name: 'Locations' }).getByText(name, { exact: true })).toBeVisible();
}

/** Staff page: add a person on a role (a built-in role's name, or a custom role's), with their POS id and locations if given. */
export async function addStaff(
  page: Page,
  person: { name: string; username: string; password: string; role: string | RegExp; posId?: string; locations?: string[] },
): Promise<void> {
  await goTo(page, 'Staff');
  await page.getByRole('button', { name: 'Add staff' }).click();
  const form = page.getByRole('dialog', { name: 'Add staff' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(person.name);
  await form.getByRole('textbox', { name: 'Username' }).fill(person.username);
  await form.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: person.role, exact: true }).click();
  if (person.posId) await form.getByRole('textbox', { name: 'POS id' }).fill(person.posId);
  for (const location of person.locations ?? []) {
    await form.getByRole('combobox', { name: 'Locations' }).click();
    await page.getByRole('option', { name: location, exact: true }).click();
  }
  await form.getByLabel(/^Password/).fill(person.password);
  await form.getByLabel(/^Confirm password/).fill(person.password);
  await form.getByRole('button', { name: 'Save staff' }).click();
  await expect(form).toBeHidden();
}

/** Clients page: add a client by first and last name, with an email, a birthday and email consent if given. */
export async function addClient(
  page: Page,
  client: { first: string; last: string; email?: string; birthday?: string; consentEmail?: boolean },
): Promise<void> {
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(client.first);
  await form.getByLabel('Last name').fill(client.last);
  if (client.email) await form.getByLabel('Email', { exact: true }).fill(client.email);
  if (client.birthday) await form.getByLabel('Birthday').fill(client.birthday);
  if (client.consentEmail) await form.getByLabel('Agrees to email').check();
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
}

/** Clients page: open a client's profile from the list (from another profile too). */
export async function openClient(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Clients' }).click();
  const back = page.getByRole('button', { name: /Back to clients/ });
  if (await back.isVisible()) await back.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
  await page.getByRole('table', { name: 'Clients' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

export async function logOutAndIn(page: Page, person: { name: string; password: string }): Promise<void> {
  await logOut(page);
  await logIn(page, person);
  await expectLoggedInAs(page, person.name);
}

/** Clients page: opens the filter choices folded under "Filters" (a no-op when open). */
export async function openFilters(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: /^Filters( \(\d+\))?$/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.getByRole('group', { name: 'Filters' })).toBeVisible();
}
