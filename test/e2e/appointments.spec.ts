/**
 * The appointment book as staff use it: booking a returning client from their profile (the
 * shop's routing preselects their associate), moving the appointment on the calendar by
 * dragging it, the overlap warning naming the appointment overlapped and saved over with a
 * reason, completing it (the client becomes Existing, the staff member additional staff);
 * an Associate's view; and a daylight-saving week on the shop's clock.
 */
import type { Page } from '@playwright/test';
import { ADMIN, addClient, addStaff, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

const SAM = { name: 'Sam Seller', username: 'sam', password: 'sales floor 42' };
const KAI = { name: 'Kai Seller', username: 'kai', password: 'sales floor 43' };

async function addService(page: Page, name: string, minutes: number) {
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Services' });
  await section.getByLabel('New service').fill(name);
  await section.getByLabel('Default length (minutes)').fill(String(minutes));
  await section.getByRole('button', { name: 'Add service' }).click();
  await expect(section.getByRole('table', { name: 'Services' }).getByText(name)).toBeVisible();
}

async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Calendar page: whose week (or day), from which date. */
async function showCalendar(page: Page, by: 'Staff member' | 'Location', whose: string, date: string, view: 'Day' | 'Week' = 'Week') {
  await goTo(page, 'Calendar');
  await page.getByRole('radiogroup', { name: 'Days shown' }).getByText(view, { exact: true }).click();
  await page.getByRole('radiogroup', { name: 'Show by' }).getByText(by, { exact: true }).click();
  await choose(page, page.getByRole('main'), by, whose);
  await page.getByLabel('Go to date').fill(date);
}

test('book a returning client from their profile, move it on the calendar, override an overlap, complete it', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { ...SAM, role: 'Associate' });
  await addStaff(page, { ...KAI, role: 'Associate' });
  await addService(page, 'Fitting', 45);

  // Sam adds Hana, so Hana is Sam's client: a returning client with a primary associate.
  await logOutAndIn(page, SAM);
  await addClient(page, { first: 'Hana', last: 'Hand' });
  await logOutAndIn(page, ADMIN);
  await addClient(page, { first: 'Olga', last: 'Other' });

  await openClient(page, 'Hana Hand');
  await expect(page.getByRole('heading', { level: 2, name: 'Hana Hand' })).toBeVisible();
  await page.getByRole('button', { name: 'Book an appointment for Hana Hand' }).click();
  const form = page.getByRole('dialog', { name: 'Book an appointment for Hana Hand' });
  // Routing preselects her primary associate, and says why.
  await expect(form.getByRole('combobox', { name: 'Staff member' })).toHaveValue('Sam Seller');
  await expect(form.getByText('Suggested: Sam Seller, their assigned associate')).toBeVisible();
  // The person booking may choose someone else.
  await choose(page, form, 'Staff member', 'Kai Seller');
  await choose(page, form, 'Service', 'Fitting');
  await expect(form.getByRole('textbox', { name: 'Length (minutes)' })).toHaveValue('45');
  await form.getByLabel('Date').fill('2030-03-05');
  await form.getByLabel('Start time').fill('10:00');
  await choose(page, form, 'Booked through', 'Phone');
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(form).toBeHidden();
  const upcoming = page.getByRole('table', { name: 'Upcoming appointments' });
  await expect(upcoming.getByRole('row')).toHaveCount(2);
  await expect(upcoming).toContainText('Kai Seller');
  await expect(upcoming).toContainText('Booked');

  await showCalendar(page, 'Staff member', 'Kai Seller', '2030-03-05');
  const grid = page.getByRole('group', { name: /^Appointments/ });
  const booked = grid.getByRole('button', { name: '10:00 AM–10:45 AM Hana Hand with Kai Seller, Fitting, Booked' });
  await expect(booked).toBeVisible();

  // Drag it down an hour.
  const box = (await booked.boundingBox())!;
  const hour = (await grid.getByRole('button', { name: 'Book Tuesday, March 5, 2030 11:00 AM' }).boundingBox())!.y - (await grid.getByRole('button', { name: 'Book Tuesday, March 5, 2030 10:00 AM' }).boundingBox())!.y;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 8 + hour / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + 8 + hour, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByText('Appointment moved.')).toBeVisible();
  const moved = grid.getByRole('button', { name: '11:00 AM–11:45 AM Hana Hand with Kai Seller, Fitting, Booked' });
  await expect(moved).toBeVisible();

  // Booking Olga over it is warned about, naming the appointment overlapped; a reason saves it anyway.
  await grid.getByRole('button', { name: 'Book Tuesday, March 5, 2030 11:30 AM' }).click();
  const second = page.getByRole('dialog', { name: 'Book appointment' });
  await second.getByRole('combobox', { name: 'Client' }).fill('Olga');
  await page.getByRole('option', { name: 'Olga Other' }).click();
  await expect(second.getByRole('combobox', { name: 'Staff member' })).toHaveValue('Kai Seller');
  await second.getByRole('button', { name: 'Book', exact: true }).click();
  const warning = second.getByRole('alert');
  await expect(warning).toContainText('Kai Seller already has an appointment at that time');
  await expect(warning.getByRole('list', { name: 'Overlapping appointments' })).toContainText('11:00 AM–11:45 AM Hana Hand, Fitting');
  await second.getByLabel('Reason for overriding').fill('Quick alteration check');
  await second.getByRole('button', { name: 'Book anyway' }).click();
  await expect(second).toBeHidden();
  await expect(grid.getByRole('button', { name: /^11:30 AM–12:30 PM Olga Other with Kai Seller, Booked$/ })).toBeVisible();

  // Keyboard: from Hana's appointment, the arrow goes on to Olga's, Enter opens it.
  await moved.focus();
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('button', { name: /Olga Other/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(moved).toBeFocused();
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: /^Hana Hand/ });
  await expect(details).toContainText('Booked through');
  await expect(details).toContainText('Phone');
  await details.getByRole('button', { name: 'Mark completed' }).click();
  await expect(details.getByLabel('Status: Completed')).toBeVisible();
  await details.getByRole('button', { name: 'Hana Hand' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Hana Hand' })).toBeVisible();
  await expect(page.getByText('Existing', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Additional staff' })).toContainText('Kai Seller');
  await expect(page.getByRole('region', { name: 'Assigned associate' })).toContainText('Sam Seller');
  const activity = page.getByRole('table', { name: 'Activity' });
  await expect(activity.getByRole('row', { name: /Booking/ })).toContainText('Ada Admin');
  await expect(activity.getByRole('row', { name: /Booking/ })).toContainText('Phone');
});
