import type { Page } from '@playwright/test';
import { goTo, setUpShop } from './actions';
import { expect, test } from './fixtures';

/** The channels the page sends over the browser host's socket, in order. */
function recordCalls(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      const match = /"channel":"([a-z-]+)"/.exec(String(frame.payload));
      if (match?.[1]) sent.push(match[1]);
    }),
  );
  return sent;
}

test('forms check what is typed with the contract’s own rules and words before anything is sent', async ({ page, host }) => {
  const sent = recordCalls(page);
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'Welcome to Clientele' })).toBeVisible();
  await page.getByLabel('Shop name').fill('Maison Verte');
  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('Username').fill('ada admin');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('shorter');
  await page.getByRole('button', { name: 'Create shop and log in' }).click();
  await expect(page.getByText('Username may use letters, digits, dot, dash and underscore')).toBeVisible();
  await expect(page.getByText('Password must be at least 10 characters')).toBeVisible();
  await expect(page.getByText('Passwords do not match')).toBeVisible();
  expect(sent).not.toContain('setup-create');

  await setUpShop(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).click();
  const form = page.getByRole('dialog', { name: 'Add client' });
  await form.getByLabel('Email', { exact: true }).fill('hans-at-example.com');
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form.getByText('First name is required')).toBeVisible();
  await expect(form.getByText('Email is not a valid address')).toBeVisible();
  expect(sent).not.toContain('client-create');

  await form.getByLabel('First name').fill('Hans');
  await form.getByLabel('Email', { exact: true }).fill('hans@example.com');
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(form).toBeHidden();
  expect(sent).toContain('client-create');

  // Settings: a cleared number is no number; the contract says what it takes.
  await goTo(page, 'Settings');
  await page.getByRole('textbox', { name: 'Idle lock (minutes)' }).fill('');
  await page.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Enter a number of minutes from 0 to 480 (0 turns the lock off)')).toBeVisible();
  await page.getByRole('textbox', { name: 'Daily backups to keep' }).fill('');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByText('Keep a whole number of daily backups from 1 to 90')).toBeVisible();
  expect(sent).not.toContain('settings-update');
  expect(sent).not.toContain('backup-settings-update');
});
