/**
 * An associate leaves: a Manager hands all their clients to two colleagues, split evenly,
 * after reading the preview; each client's history says it was a bulk reassignment and by whom.
 */
import { addClient, addStaff, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const LEO = { name: 'Leo Leaving', username: 'leo', password: 'leaving soon 1234', role: 'Associate' };
const XENA = { name: 'Xena Xu', username: 'xena', password: 'stays here 1234', role: 'Associate' };
const YURI = { name: 'Yuri Yates', username: 'yuri', password: 'stays here 5678', role: 'Associate' };
const MONA = { name: 'Mona Manager', username: 'mona', password: 'manages it 1234', role: 'Manager' };

test('a Manager moves every client of a leaving associate, split across two colleagues, after a preview', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  for (const person of [LEO, XENA, YURI, MONA]) await addStaff(page, person);
  // A Manager sees clients at their locations; this shop opens every client to every role.
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('switch', { name: 'All staff see all clients' }).check();
  await shop.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Shop settings saved.')).toBeVisible();

  // Leo's clients: a client added in the app belongs to whoever added it.
  await logOutAndIn(page, LEO);
  for (const [first, last] of [['Ann', 'One'], ['Ben', 'Two'], ['Cal', 'Three']]) await addClient(page, { first: first!, last: last! });

  await logOutAndIn(page, MONA);
  await goTo(page, 'Assignment rules');
  const bulk = page.getByRole('region', { name: 'Bulk reassignment' });
  await bulk.getByRole('combobox', { name: 'Move all clients of' }).click();
  await page.getByRole('option', { name: `${LEO.name} — 3 clients` }).click();
  await bulk.getByRole('combobox', { name: 'To', exact: true }).click();
  await page.getByRole('option', { name: XENA.name }).click();
  await page.getByRole('option', { name: YURI.name }).click();
  await page.keyboard.press('Escape');
  await bulk.getByRole('button', { name: 'Preview' }).click();
  const preview = bulk.getByRole('region', { name: 'Reassignment preview' });
  await expect(preview).toContainText('3 clients would move:');
  await expect(preview.getByRole('listitem')).toHaveText([`${XENA.name}: 2 clients`, `${YURI.name}: 1 client`]);

  await bulk.getByRole('button', { name: 'Apply' }).click();
  const confirm = page.getByRole('dialog', { name: 'Reassign clients' });
  await expect(confirm).toContainText('Move 3 clients as previewed?');
  await confirm.getByRole('button', { name: 'Move clients' }).click();
  await expect(page.getByText('Moved 3 clients.')).toBeVisible();

  // In turn, oldest first: Ann and Cal to Xena, Ben to Yuri.
  for (const [client, to] of [['Ann One', XENA.name], ['Ben Two', YURI.name], ['Cal Three', XENA.name]] as const) {
    await openClient(page, client);
    await expect(page.getByRole('region', { name: 'Assigned associate' })).toContainText(to);
    const latest = page.getByRole('table', { name: 'Assignment history' }).getByRole('row').nth(1);
    await expect(latest).toContainText(`Bulk reassignment by ${MONA.name}`);
    await expect(latest).toContainText(LEO.name);
  }
});
