import type { Page } from '@playwright/test';
import { goTo, openFilters, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function addClient(page: Page, c: { first: string; last: string; email: string; phone: string }) {
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('First name').fill(c.first);
  await form.getByLabel('Last name').fill(c.last);
  await form.getByLabel('Email', { exact: true }).fill(c.email);
  await form.getByLabel('Phone', { exact: true }).fill(c.phone);
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
}

test('find by part of a phone, filter Existing, merge two duplicates, delete and restore from the Trash', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Ana', last: 'Ruiz', email: 'ana.ruiz@example.com', phone: '(415) 555-0132' });
  await addClient(page, { first: 'Anita', last: 'Ruiz', email: 'anita@example.com', phone: '+1 415 555 0132' });
  await addClient(page, { first: 'Bob', last: 'Stone', email: 'bob@example.com', phone: '212.555.0199' });

  const clients = page.getByRole('table', { name: 'Clients' });
  const search = page.getByLabel('Search clients');
  await search.fill('0132');
  await expect(clients.getByRole('row', { name: /Ruiz/ })).toHaveCount(2);
  await expect(clients).not.toContainText('Bob Stone');
  await search.fill('555-0199');
  await expect(clients.getByRole('row', { name: /Bob Stone/ })).toBeVisible();
  await expect(clients).not.toContainText('Ruiz');
  await search.fill('');

  // A sale by hand makes Bob an Existing client.
  await clients.getByRole('button', { name: 'Bob Stone' }).click();
  await page.getByRole('button', { name: 'Add sale, booking or note' }).click();
  const activity = page.getByRole('dialog', { name: 'Add to activity' });
  await activity.getByLabel('Amount').fill('49.90');
  await activity.getByRole('button', { name: 'Add' }).click();
  await expect(activity).toBeHidden();
  await expect(page.getByRole('table', { name: 'Activity' })).toContainText('Sale');
  await expect(page.getByRole('heading', { level: 2, name: 'Bob Stone' }).locator('..')).toContainText('Existing');
  await page.getByRole('button', { name: '← Back to clients' }).click();

  await openFilters(page);
  await page.locator('input').and(page.getByLabel('Status')).click();
  await page.getByRole('option', { name: 'Existing' }).click();
  await expect(clients.getByRole('row')).toHaveCount(2); // header + Bob
  await expect(clients).toContainText('Bob Stone');
  await expect(page.getByTestId('client-count')).toHaveText('1 client');
  await page.locator('input').and(page.getByLabel('Status')).click();
  await page.getByRole('option', { name: 'Any' }).click();
  await expect(page.getByTestId('client-count')).toHaveText('3 clients');

  // The two Ruiz share a phone: merge them, keeping Ana's record with Anita's first name.
  await goTo(page, 'Duplicates');
  await page.getByRole('button', { name: 'Merge Ana Ruiz and Anita Ruiz' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge two clients' });
  await merge.getByRole('radio', { name: 'First name: take Anita' }).check();
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Anita Ruiz' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact' })).toContainText('ana.ruiz@example.com');
  await page.getByRole('button', { name: '← Back to clients' }).click();
  await search.fill('ruiz');
  await expect(clients.getByRole('row', { name: /Ruiz/ })).toHaveCount(1);
  await search.fill('');

  // Delete Bob; he leaves the list; restore him from the Trash.
  await clients.getByRole('button', { name: 'Bob Stone' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete Bob Stone?' }).getByRole('button', { name: 'Delete client' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
  await expect(clients).not.toContainText('Bob Stone');
  await goTo(page, 'Trash');
  await page.getByRole('button', { name: 'Restore Bob Stone' }).click();
  await expect(page.getByRole('table', { name: 'Deleted clients' })).toBeHidden();
  await goTo(page, 'Clients');
  await expect(clients.getByRole('row', { name: /Bob Stone/ })).toBeVisible();

  // Ctrl+K from anywhere opens a client by typing.
  await goTo(page, 'Trash');
  await page.keyboard.press('Control+k');
  await page.getByLabel('Find a client').fill('anit');
  await expect(page.getByRole('option', { name: /Anita Ruiz/ })).toBeVisible();
  await page.getByLabel('Find a client').press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Anita Ruiz' })).toBeVisible();
});
