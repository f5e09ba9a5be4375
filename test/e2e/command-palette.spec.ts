/** The command palette: shown in the header, opened by Ctrl+K too, driven by the arrow keys. */
import { addClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test('Find… in the header and Ctrl+K open the palette; the arrow keys choose a client or a page', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Ana', last: 'Ruiz' });
  await addClient(page, { first: 'Anita', last: 'Ruiz' });

  await page.getByRole('banner').getByRole('button', { name: /Find…/ }).click();
  const palette = page.getByRole('dialog', { name: 'Go to a client or a page' });
  const input = palette.getByRole('combobox', { name: 'Find a client' });
  await input.fill('ruiz');
  const options = palette.getByRole('option');
  await expect(options).toHaveText([/Ana Ruiz/, /Anita Ruiz/]);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await input.press('ArrowDown'); // wraps to the first
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowUp'); // and back to the last
  await input.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Anita Ruiz' })).toBeVisible();

  // Ctrl+K from anywhere; pages are there too.
  await page.keyboard.press('Control+k');
  await input.fill('sett');
  await expect(palette.getByRole('option', { name: 'Go to Settings' })).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});
