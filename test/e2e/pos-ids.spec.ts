/**
 * A shop whose associates sell under several POS ids: after onboarding with only the first
 * ids mapped, the Admin maps the rest in bulk (ticking the unmapped ids, and from a pasted
 * list, where a wrong line is said and nothing is mapped), previews the onboarding re-run
 * to see who moves, applies it, and the client's history says why they moved.
 */
import { addStaff, goTo, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sells a lot 1234', role: 'Associate', posId: 'S1' };
const JANE = { name: 'Jane Seller', username: 'jane', password: 'sells a lot 5678', role: 'Associate', posId: 'J1' };

const CLIENTS = ['First name,Last name,Email', 'Nell,North,nell@example.com', 'Ola,Other,ola@example.com'].join('\n');
// Sam sold to Nell under S1 and a second till's S2: 1,200 in all, against Jane's 1,000. Ola bought only at S3.
const SALES = [
  'transaction_id,client_email,associate_pos_id,amount,sold_at',
  'N1,nell@example.com,S1,600.00,2024-01-05',
  'N2,nell@example.com,S2,600.00,2024-02-05',
  'N3,nell@example.com,J1,1000.00,2024-03-05',
  'O1,ola@example.com,S3,80.00,2024-01-09',
].join('\n');

test('several POS ids mapped in bulk, then onboarding re-run after a preview of who moves', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, SAM);
  await addStaff(page, JANE);

  // The clients arrive by import: Unassigned, for onboarding to decide.
  await goTo(page, 'Import/Export');
  await page.locator('input[type=file]').first().setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(CLIENTS) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText('2 created');

  await goTo(page, 'Assignment rules');
  const importer = page.getByRole('region', { name: 'Sales history import' });
  await importer.locator('input[type=file]').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(SALES) });
  await importer.getByRole('button', { name: 'Dry run' }).click();
  await importer.getByRole('button', { name: 'Import', exact: true }).click();
  const report = importer.getByRole('region', { name: 'Imported history.csv' });
  await expect(report.getByRole('table', { name: 'Clients assigned per associate' }).getByRole('row', { name: 'Jane Seller 1' })).toBeVisible();

  // S2 and S3 are not mapped: tick both and give them to Sam, who keeps S1.
  const posIds = page.getByRole('table', { name: 'POS associate ids' });
  await expect(posIds.getByRole('row').filter({ hasText: 'S2' })).toContainText('Not mapped');
  await posIds.getByRole('checkbox', { name: 'Select POS id S2' }).check();
  await posIds.getByRole('checkbox', { name: 'Select POS id S3' }).check();
  await page.getByRole('combobox', { name: 'Map the selected POS ids to' }).click();
  await page.getByRole('option', { name: /^Sam Seller/ }).click();
  await page.getByRole('button', { name: 'Map 2 selected POS ids' }).click();
  for (const id of ['S1', 'S2', 'S3']) await expect(posIds.getByRole('row').filter({ hasText: id })).toContainText('Sam Seller');
  await expect(posIds.getByRole('checkbox', { name: 'Select every unmapped POS id' })).toBeDisabled();

  // A pasted list with a wrong line maps nothing and says which line and why.
  await page.getByRole('textbox', { name: 'Map from a list' }).fill('pos_id,username\nJ2,jane\nX9,nobody\nS1,jane');
  await page.getByRole('button', { name: 'Map the list' }).click();
  const lines = page.getByRole('table', { name: 'Mapping lines' });
  await expect(page.getByRole('region', { name: 'Mapping from the list' })).toContainText('2 lines cannot be mapped');
  await expect(lines.getByRole('row', { name: /^3 X9 nobody No staff member with the username "nobody"$/ })).toBeVisible();
  await expect(lines.getByRole('row', { name: /^4 S1 Jane Seller POS id S1 is already mapped to Sam Seller$/ })).toBeVisible();
  await expect(posIds.getByRole('row').filter({ hasText: 'J2' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Map from a list' }).fill('pos_id,username\nJ2,jane');
  await page.getByRole('button', { name: 'Map the list' }).click();
  await expect(page.getByRole('region', { name: 'Mapping from the list' })).toContainText('Mapped 1 POS id.');

  // The re-run, previewed: Nell moves from Jane to Sam (1,200 against 1,000), Ola from Unassigned.
  await importer.getByRole('button', { name: 'Re-run onboarding…' }).click();
  const preview = importer.getByRole('region', { name: 'Preview: onboarding re-run' });
  await expect(preview).toContainText('Nothing saved');
  await expect(preview.getByRole('table', { name: 'Who moves' }).getByRole('row', { name: 'Jane Seller Sam Seller 1' })).toBeVisible();
  await expect(preview.getByRole('table', { name: 'Who moves' }).getByRole('row', { name: 'Unassigned Sam Seller 1' })).toBeVisible();
  await expect(preview.getByRole('table', { name: 'Clients that move' }).getByRole('row', { name: 'Nell North Jane Seller Sam Seller 1,200.00' })).toBeVisible();
  await importer.getByRole('button', { name: 'Apply the re-run' }).click();
  await expect(importer.getByRole('region', { name: 'Onboarding re-run' }).getByRole('table', { name: 'Who moves' })).toContainText('Jane Seller');

  await openClient(page, 'Nell North');
  await expect(page.getByRole('region', { name: 'Assigned associate' })).toContainText(SAM.name);
  const history = page.getByRole('table', { name: 'Assignment history' });
  await expect(history.getByRole('row').nth(1)).toContainText('Onboarding');
  await expect(history.getByRole('row').nth(1)).toContainText('Jane Seller');
});
