/** The template editor shows the message for a real pair of clients, the relationship read from the recipient's side. */
import type { Page } from '@playwright/test';
import { addClient, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

async function link(page: Page, otherName: string, word: string): Promise<void> {
  await page.getByRole('region', { name: 'Relationships' }).getByRole('button', { name: 'Add relationship' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add relationship' });
  await dialog.getByLabel('Find a client').fill(otherName.split(' ')[0]!);
  await dialog.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: new RegExp(otherName) }).click();
  await dialog.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: word, exact: true }).click();
  await dialog.getByRole('button', { name: 'Save relationship' }).click();
  await expect(dialog).toBeHidden();
}

test('writing a rule for a child’s parents previews “your child Olivia” for Olivia’s mother', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Maya', last: 'Stone' });
  await addClient(page, { first: 'Olivia', last: 'Stone', birthday: '2015-03-14' });
  await openClient(page, 'Olivia Stone');
  await link(page, 'Maya Stone', 'Parent');

  await goTo(page, 'Relationships');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByRole('dialog', { name: 'Add automation rule' });
  await rule.getByLabel('Rule name').fill('Tell the parents');
  await rule.getByRole('combobox', { name: 'Recipient' }).click();
  await page.getByRole('option', { name: 'Their Parent' }).click();
  await rule.getByLabel('Template').fill('Hi {{recipient.first_name}}, your {{relationship}} {{client.first_name}} has a birthday in {{days}} days.');
  const preview = rule.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Preview: to Maya Stone, about Olivia Stone');
  await expect(preview).toContainText('Hi Maya, your child Olivia has a birthday in 7 days.');
  // A placeholder being typed is explained beside the template, not as an error notice.
  await rule.getByLabel('Template').fill('Hi {{recipient.nick}}');
  await expect(preview).toContainText('Unknown placeholder {{recipient.nick}}');
  await expect(page.getByText('That did not work')).toHaveCount(0);
});
