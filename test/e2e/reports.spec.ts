/**
 * The Reports page as staff use it: new clients counted per location and per associate for
 * this month, an Associate seeing only his own, the CSV export and the calendar file export
 * downloaded and read, the Admin's reminder text in Settings; axe on the page.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN, addClient, addStaff, goTo, logOutAndIn, setUpShop } from './actions';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sales floor 42' };

async function download(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent('download');
  await click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('reports per location and per associate, each person’s own, exported as CSV and as a calendar file', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { ...SAM, role: 'Associate' });
  await addClient(page, { first: 'Ana', last: 'Admin' });
  await addClient(page, { first: 'Ben', last: 'Admin' });
  await logOutAndIn(page, SAM);
  await addClient(page, { first: 'Sia', last: 'Seller' });
  await logOutAndIn(page, ADMIN);

  await goTo(page, 'Reports');
  const report = page.getByRole('table', { name: 'Report' });
  // This month, at the shop's one location: three new clients, none of them Existing yet.
  await expect(report.getByRole('row')).toHaveCount(2);
  const [, month] = await report.getByRole('row').all();
  await expect(month!.getByRole('cell')).toHaveText([/^\d{4}-\d{2} \(/, 'Main store', '3', '0 (0%)', '0', '0', '0']);
  await expect(page.getByRole('table', { name: 'Lapsed clients' })).toContainText('None.');

  // Per associate: the Admin's two and Sam's one.
  await page.getByRole('radiogroup', { name: 'Per' }).getByText('Associate', { exact: true }).click();
  await expect(report.getByRole('row')).toHaveCount(3);
  await expect(report.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('Ada Admin');
  await expect(report.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('2');
  await expect(report.getByRole('row').nth(2).getByRole('cell').nth(1)).toHaveText('Sam Seller');
  await expect(report.getByRole('row').nth(2).getByRole('cell').nth(2)).toHaveText('1');
  await page.getByRole('radiogroup', { name: 'By' }).getByText('Week', { exact: true }).click();
  await expect(report.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/^\d{4}-W\d{2} \(/);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations).toEqual([]);

  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  expect(csv.name).toMatch(/^clientele-report-week-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFFPeriod,From,To,Associate,New clients,New clients now Existing,Became Existing,Appointments completed,No-shows,Lapsed clients\r\n')).toBe(true);
  expect(csv.text).toMatch(/,Ada Admin,2,0,0,0,0,\r\n/);
  expect(csv.text).toMatch(/,Sam Seller,1,0,0,0,0,\r\n/);

  // The calendar file: the location's appointments (none yet) as a valid, empty calendar.
  const section = page.getByRole('region', { name: 'Calendar file' });
  await section.getByRole('combobox', { name: 'Whose calendar' }).click();
  await page.getByRole('option', { name: 'Main store', exact: true }).click();
  const ics = await download(page, () => section.getByRole('button', { name: 'Export calendar (.ics)' }).click());
  expect(ics.name).toMatch(/^main-store-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.ics$/);
  expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  expect(ics.text).toContain('X-WR-TIMEZONE:');
  expect(ics.text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);

  // The reminder text is the Admin's to change; an unknown placeholder is refused on the field.
  await goTo(page, 'Settings');
  const reminders = page.getByRole('region', { name: 'Appointment reminders' });
  await reminders.getByRole('textbox', { name: 'Reminder text' }).fill('See you {{appointment.date}}, {{client.nickname}}');
  await reminders.getByRole('button', { name: 'Save reminder text' }).click();
  await expect(reminders).toContainText('Unknown placeholder: {{client.nickname}}');
  await reminders.getByRole('textbox', { name: 'Reminder text' }).fill('See you {{appointment.date}} at {{appointment.time}}, {{client.first_name}}');
  await reminders.getByRole('button', { name: 'Save reminder text' }).click();
  await expect(page.getByText('Reminder text saved.')).toBeVisible();
  await expect(reminders.getByRole('button', { name: 'Use the built-in text' })).toBeVisible();

  // Sam's report holds his own client only, and he has no reminder settings.
  await logOutAndIn(page, SAM);
  await goTo(page, 'Reports');
  await expect(report.getByRole('row')).toHaveCount(2);
  await expect(report.getByRole('row').nth(1).getByRole('cell')).toHaveText([/^\d{4}-\d{2} \(/, 'Main store', '1', '0 (0%)', '0', '0', '0']);
  await goTo(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Appointment reminders' })).toHaveCount(0);
});
