/** A client's history and the audit log, written for people: labels, names, Yes/No, money; no JSON, no column names. */
import type { Locator } from '@playwright/test';
import { addClient, addStaff, goTo, openClient, setUpShop, ADMIN } from './actions';
import { expect, test } from './fixtures';

async function expectNoMachineText(table: Locator) {
  const text = await table.innerText();
  expect(text).not.toMatch(/[{}"]|_id\b|_at\b|consent_email|Cents|client\.\w/);
}

test('the history says what changed in words, with names and the shop’s money, and nothing runs off the edge', async ({ page, host }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { name: 'Sam Seller', username: 'sam', password: 'sam password 123', role: 'Associate' });
  await addClient(page, { first: 'Emma', last: 'Thompson', email: 'emma@example.com' });
  await openClient(page, 'Emma Thompson');

  // Email consent given, a sale, and Sam as her associate.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Emma Thompson' });
  await edit.getByLabel('Agrees to email').check();
  await edit.getByRole('button', { name: /^Save/ }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('button', { name: 'Add sale, booking or note' }).click();
  const activity = page.getByRole('dialog', { name: 'Add to activity' });
  await activity.getByLabel('Amount').fill('1234.5');
  await activity.getByRole('button', { name: 'Add' }).click();
  await expect(activity).toBeHidden();
  const assigned = page.getByRole('region', { name: 'Assigned associate' });
  await assigned.getByRole('button', { name: 'Edit assigned associate' }).click();
  await assigned.getByRole('combobox', { name: 'Assign to' }).click();
  await page.getByRole('option', { name: 'Sam Seller' }).click();
  await assigned.getByRole('button', { name: 'Save' }).click();
  await expect(assigned).toContainText('Sam Seller');

  const history = page.getByRole('table', { name: 'Client history' });
  await expect(history.getByRole('row', { name: /Changed/ })).toContainText('Email consent: No → Yes');
  await expect(history.getByRole('row', { name: /Sale recorded/ })).toContainText('Amount: 1,234.50');
  await expect(history.getByRole('row', { name: /Assigned associate changed/ })).toContainText(`Assigned associate: ${ADMIN.name} → Sam Seller`);
  await expect(history.getByRole('row', { name: /Added/ })).toContainText('Email: emma@example.com');
  await expectNoMachineText(history);
  // Every cell fits: the table is no wider than its place on the page.
  const fits = await history.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1);
  expect(fits).toBe(true);

  // The audit log names the client each row is about, and the staff member by name.
  await goTo(page, 'Audit log');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row', { name: /Assigned associate changed · Emma Thompson/ })).toContainText(ADMIN.name);
  await expect(log.getByRole('row', { name: /Staff member added · Sam Seller/ })).toBeVisible();
  await expectNoMachineText(log);
});
