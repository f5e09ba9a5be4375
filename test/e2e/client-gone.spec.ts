/** A client who is gone after a delete or a merge is not looked for again: no "not found" after a success. */
import type { Page } from '@playwright/test';
import { addClient, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

/** Every notification and alert shown since the page loaded, even one that closed again. */
async function recordNotices(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { noticesSeen: string[] }).noticesSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="alert"], .mantine-Notification-root')) {
        const text = el.textContent ?? '';
        if (text && !seen.includes(text)) seen.push(text);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

async function expectNoNotFound(page: Page) {
  await expect(page.getByText(/was not found/i)).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { noticesSeen: string[] }).noticesSeen);
  expect(seen.filter((t) => /not found/i.test(t))).toEqual([]);
}

test('deleting a client from their profile goes back to the list with only the Trash notice', async ({ page, host }) => {
  await recordNotices(page);
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Dora', last: 'Gone', email: 'dora@example.com' });
  await openClient(page, 'Dora Gone');
  // Her activity and history are on screen, as they are when a person deletes.
  await expect(page.getByRole('table', { name: 'Client history' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete Dora Gone?' }).getByRole('button', { name: 'Delete client' }).click();
  await expect(page.getByText('Dora Gone was moved to the Trash.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Clients' })).toBeVisible();
  await expectNoNotFound(page);
});

test('merging two clients opens the one that stays with only the merge notice', async ({ page, host }) => {
  await recordNotices(page);
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Clients');
  for (const [first, email] of [['Ana', 'ana@example.com'], ['Anita', 'anita@example.com']] as const) {
    await page.getByRole('button', { name: 'Add client' }).click();
    const form = page.getByRole('dialog', { name: 'Add client' });
    await form.getByLabel('First name').fill(first);
    await form.getByLabel('Last name').fill('Ruiz');
    await form.getByLabel('Email', { exact: true }).fill(email);
    await form.getByLabel('Phone', { exact: true }).fill('+1 415 555 0132');
    await form.getByRole('button', { name: 'Save client' }).click();
    await expect(form).toBeHidden();
  }
  await goTo(page, 'Duplicates');
  await page.getByRole('button', { name: 'Merge Ana Ruiz and Anita Ruiz' }).click();
  await page.getByRole('dialog', { name: 'Merge two clients' }).getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText('Merged into Ana Ruiz.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Ana Ruiz' })).toBeVisible();
  await expectNoNotFound(page);
});
