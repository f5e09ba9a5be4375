import type { Page } from '@playwright/test';
import { ADMIN, addClient, addStaff, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sales floor 42', role: 'Associate' };

/** From the open profile: "Add relationship", find the other client, say what they are to this one. */
async function link(page: Page, otherName: string, word: string): Promise<void> {
  await page.getByRole('region', { name: 'Relationships' }).getByRole('button', { name: 'Add relationship' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add relationship' });
  await dialog.getByLabel('Find a client').fill(otherName.split(' ')[0]!);
  await dialog.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: new RegExp(otherName) }).click();
  await expect(dialog).toContainText(`with ${otherName}`);
  await dialog.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: word, exact: true }).click();
  await dialog.getByRole('button', { name: 'Save relationship' }).click();
  await expect(dialog).toBeHidden();
}

/** A local calendar date, as the shop's day runs on local dates. */
function localDate(d: Date): { month: string; day: string; iso: string } {
  const month = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return { month, day, iso: `${d.getFullYear()}-${month}-${day}` };
}

test('a relationship type reads the right way round on both profiles', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);

  await goTo(page, 'Relationships');
  await page.getByRole('button', { name: 'Add relationship type' }).click();
  const form = page.getByRole('dialog', { name: 'Add relationship type' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Godparent');
  await form.getByRole('textbox', { name: 'Reverse name' }).fill('Godchild');
  await form.getByRole('button', { name: 'Create type' }).click();
  await expect(form).toBeHidden();
  const types = page.getByRole('table', { name: 'Relationship types' });
  await expect(types.getByRole('row', { name: /Godparent/ })).toContainText('Godchild');

  await addClient(page, { first: 'Lea', last: 'Petit' });
  await addClient(page, { first: 'Marc', last: 'Roux' });

  // Marc is Lea's godparent, said from Lea's profile.
  await openClient(page, 'Lea Petit');
  await link(page, 'Marc Roux', 'Godparent');
  const onLea = page.getByRole('region', { name: 'Relationships' });
  await expect(onLea.getByRole('listitem')).toHaveText(/Marc Roux — Godparent/);

  await onLea.getByRole('button', { name: 'Marc Roux', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Marc Roux' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Relationships' }).getByRole('listitem')).toHaveText(/Lea Petit — Godchild/);

  await goTo(page, 'Relationships');
  await expect(types.getByRole('row', { name: /Godparent/ })).toContainText('1');
});

test('a birthday rule reaches the spouse’s associate in their Today list', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, SAM);

  // Tom is Sam's client, and agrees to email.
  await logOutAndIn(page, SAM);
  await addClient(page, { first: 'Tom', last: 'Martin', email: 'tom@example.com', consentEmail: true });

  const birthday = localDate(new Date(Date.now() + 7 * 24 * 60 * 60 * 1000));
  await logOutAndIn(page, ADMIN);
  // 1988 was a leap year, so even a 29 February birthday is a real date.
  await addClient(page, { first: 'Jane', last: 'Martin', birthday: `1988-${birthday.month}-${birthday.day}` });
  await openClient(page, 'Jane Martin');
  await link(page, 'Tom Martin', 'Spouse');
  await expect(page.getByRole('region', { name: 'Relationships' }).getByRole('listitem')).toHaveText(/Tom Martin — Spouse/);

  await goTo(page, 'Relationships');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByRole('dialog', { name: 'Add automation rule' });
  await rule.getByLabel('Rule name').fill('Surprise gift');
  await rule.getByRole('textbox', { name: 'Days before' }).fill('7');
  await rule.getByRole('combobox', { name: 'Recipient' }).click();
  await page.getByRole('option', { name: 'Their Spouse' }).click();
  await rule.getByLabel('Template').fill('Hi {{recipient.first_name}}, {{client.first_name}}’s birthday is in {{days}} days');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule).toBeHidden();
  const row = page.getByRole('table', { name: 'Automations' }).getByRole('row', { name: /Surprise gift/ });
  await expect(row).toContainText('Birthday');
  await expect(row).toContainText('7 days before');
  await expect(row).toContainText('their Spouse');
  await expect(row).toContainText('Email');

  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished' })).toHaveText(/1 message created, 0 messages skipped/);

  // The message is Sam's to send, not the Admin's.
  await goTo(page, 'Today');
  await expect(page.getByText('Nothing to do today')).toBeVisible();
  await page.getByText('Everyone', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Everyone' })).toBeChecked();
  await expect(page.getByRole('article', { name: 'Email for Tom Martin' })).toContainText('for Sam Seller');

  await logOutAndIn(page, SAM);
  await goTo(page, 'Today');
  const message = page.getByRole('article', { name: 'Email for Tom Martin' });
  await expect(message).toContainText('Hi Tom, Jane’s birthday is in 7 days');
  await expect(message).toContainText('tom@example.com');
  await expect(message).toContainText(`Jane Martin's birthday on ${birthday.iso} (in 7 days); Tom Martin is the Spouse of Jane Martin`);

  await message.getByRole('button', { name: 'Mark sent' }).click();
  await expect(page.getByText('Nothing to do today')).toBeVisible();
  await page.getByRole('switch', { name: 'Show handled and skipped' }).check();
  await expect(page.getByRole('article', { name: 'Email for Tom Martin' })).toContainText('Sent');
});
