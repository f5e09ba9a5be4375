/** Duplicates staff recognise, where they work: a warning while adding, a merge from two selected rows, and from a profile. */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { goTo, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function add(page: Page, first: string, last: string, phone: string, save = true) {
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(first);
  await form.getByLabel('Last name').fill(last);
  await form.getByLabel('Phone', { exact: true }).fill(phone);
  if (!save) return form;
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
  return form;
}

test('adding a client who is already in the book warns with her name and phone, and opens her instead', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await add(page, 'Emma', 'Thompson', '07911 300400');
  const form = await add(page, 'emma', 'thompson', '07911-300-400', false);
  await expect(form.getByText('Looks like Emma Thompson, 07911 300400 (same name and phone)')).toBeVisible();
  await form.getByRole('button', { name: 'Open Emma Thompson' }).click();
  await expect(page.getByRole('dialog', { name: 'Add client' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Emma Thompson' })).toBeVisible();
  // Nothing was added: the list still holds one Emma.
  await goTo(page, 'Clients');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: /Emma Thompson/i })).toHaveCount(1);
});

test('two rows selected in the client list merge into one', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await add(page, 'Ana', 'Ruiz', '+1 415 555 0132');
  await add(page, 'Anita', 'Ruiz', '415 555 0199');
  await goTo(page, 'Clients');
  const table = page.getByRole('table', { name: 'Clients' });
  await table.getByRole('checkbox', { name: 'Select Ana Ruiz' }).check();
  await table.getByRole('checkbox', { name: 'Select Anita Ruiz' }).check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Merge…' }).click();
  await page.getByRole('dialog', { name: 'Merge two clients' }).getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText(/Merged into (Ana|Anita) Ruiz\./)).toBeVisible();
  await goTo(page, 'Clients');
  await expect(table.getByRole('button', { name: /Ruiz/ })).toHaveCount(1);
});

test('a profile merges with another client found by name', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await add(page, 'Lea', 'Roux', '+1 212 555 0101');
  await add(page, 'Léa', 'Roux-Martin', '+1 212 555 0102');
  await goTo(page, 'Clients');
  await page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: 'Lea Roux', exact: true }).click();
  await page.getByRole('button', { name: 'Merge with…' }).click();
  const pick = page.getByRole('dialog', { name: 'Merge Lea Roux with…' });
  await pick.getByRole('combobox', { name: 'The other client' }).fill('Roux-Martin');
  await page.getByRole('option', { name: /Léa Roux-Martin/ }).click();
  await pick.getByRole('button', { name: 'Compare and merge' }).click();
  await page.getByRole('dialog', { name: 'Merge two clients' }).getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText(/Merged into/)).toBeVisible();
  await goTo(page, 'Clients');
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('button', { name: /Roux/ })).toHaveCount(1);
});

test('the rows selected in the client list export as a Shopify file', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await add(page, 'Ana', 'Ruiz', '+1 415 555 0132');
  await add(page, 'Ben', 'Kim', '+1 415 555 0133');
  await add(page, 'Cy', 'Ng', '+1 415 555 0134');
  await goTo(page, 'Clients');
  const table = page.getByRole('table', { name: 'Clients' });
  await table.getByRole('checkbox', { name: 'Select Ana Ruiz' }).check();
  await table.getByRole('checkbox', { name: 'Select Cy Ng' }).check();
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export clients' });
  await expect(dialog.getByTestId('export-target')).toHaveText('The 2 selected clients');
  await dialog.getByRole('combobox', { name: 'Preset', exact: true }).click();
  await page.getByRole('option', { name: 'Shopify customers' }).click();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n/).filter(Boolean);
  expect(lines[0]).toMatch(/^First Name,Last Name,Email,Accepts Email Marketing,/);
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' '))).toEqual(['Ana Ruiz', 'Cy Ng']);
});
