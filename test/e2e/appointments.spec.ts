/**
 * The appointment book as staff use it: booking a returning client from their profile (the
 * shop's routing preselects their associate), moving the appointment on the calendar by
 * dragging it, the overlap warning naming the appointment overlapped and saved over with a
 * reason, completing it (the client becomes Existing, the staff member additional staff);
 * an Associate's view; and a daylight-saving week on the shop's clock.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN, addClient, addStaff, goTo, logOutAndIn, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

// Each story sets up a shop, its staff and several bookings through the screens.
test.describe.configure({ timeout: 120_000 });

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
  await expectAccessible(page, 'profile with an upcoming appointment');

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
  await expect(grid.getByRole('button', { name: '11:00 AM–11:45 AM Hana Hand with Kai Seller, Fitting, Booked' })).toBeVisible();

  // Drag its lower edge down a quarter hour: an hour long now.
  const edge = (await grid.getByRole('button', { name: /^11:00 AM–11:45 AM Hana Hand/ }).boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height - 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height - 2 + hour / 4, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByText('Appointment resized.')).toBeVisible();
  const moved = grid.getByRole('button', { name: '11:00 AM–12:00 PM Hana Hand with Kai Seller, Fitting, Booked' });
  await expect(moved).toBeVisible();

  // Booking Olga over it is warned about, naming the appointment overlapped; a reason saves it anyway.
  await grid.getByRole('button', { name: 'Book Tuesday, March 5, 2030 10:30 AM' }).click();
  const second = page.getByRole('dialog', { name: 'Book appointment' });
  await second.getByRole('combobox', { name: 'Client' }).fill('Olga');
  await page.getByRole('option', { name: 'Olga Other' }).click();
  await expect(second.getByRole('combobox', { name: 'Staff member' })).toHaveValue('Kai Seller');
  await second.getByRole('button', { name: 'Book', exact: true }).click();
  const warning = second.getByRole('alert');
  await expect(warning).toContainText('Kai Seller already has an appointment at that time');
  await expect(warning.getByRole('list', { name: 'Overlapping appointments' })).toContainText('11:00 AM–12:00 PM Hana Hand, Fitting');
  await second.getByLabel('Reason for overriding').fill('Quick alteration check');
  await second.getByRole('button', { name: 'Book anyway' }).click();
  await expect(second).toBeHidden();
  await expect(grid.getByRole('button', { name: /^10:30 AM–11:30 AM Olga Other with Kai Seller, Booked$/ })).toBeVisible();

  // Keyboard: from Hana's appointment, the arrow goes up to Olga's earlier one and back; Enter opens it.
  await moved.focus();
  await page.keyboard.press('ArrowUp');
  await expect(grid.getByRole('button', { name: /Olga Other/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
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

/** Calendar page: book through the button, for a client and staff member, on a day at a time. */
async function book(page: Page, booking: { client: string; staff: string; date: string; time: string }) {
  await goTo(page, 'Calendar');
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const form = page.getByRole('dialog', { name: 'Book appointment' });
  await form.getByRole('combobox', { name: 'Client' }).fill(booking.client.split(' ')[0]!);
  await page.getByRole('option', { name: booking.client, exact: true }).click();
  // Wait for the routing suggestion before choosing, so it cannot replace the choice.
  await expect(form.getByText(/^Suggested:/)).toBeVisible();
  await choose(page, form, 'Staff member', booking.staff);
  await form.getByLabel('Date').fill(booking.date);
  await form.getByLabel('Start time').fill(booking.time);
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(form).toBeHidden();
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

test('an Associate sees their own appointments and their clients’, changes only their own, and has today’s at a glance', async ({ page, host }) => {
  // The shop keeps the machine's zone (UTC here): today is the UTC date.
  const today = isoDay(new Date());
  const soon = isoDay(new Date(Date.now() + 3 * 86_400_000));
  await page.goto(host.url);
  await setUpShop(page);
  await addStaff(page, { ...SAM, role: 'Associate' });
  await addStaff(page, { ...KAI, role: 'Associate' });
  await logOutAndIn(page, SAM);
  await addClient(page, { first: 'Hana', last: 'Hand', birthday: `1990${soon.slice(4)}` });
  await addClient(page, { first: 'Hugo', last: 'Hand' });
  await openClient(page, 'Hana Hand');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Hana Hand' });
  const tags = edit.locator('input').and(edit.getByLabel('Tags'));
  await tags.fill('VIP');
  await tags.press('Enter');
  await edit.getByLabel('Notes').fill('Prefers mornings');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('region', { name: 'Relationships' }).getByRole('button', { name: 'Add relationship' }).click();
  const link = page.getByRole('dialog', { name: 'Add relationship' });
  await link.getByLabel('Find a client').fill('Hugo');
  await link.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: /Hugo Hand/ }).click();
  await link.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: 'Spouse', exact: true }).click();
  await link.getByRole('button', { name: 'Save relationship' }).click();
  await expect(link).toBeHidden();
  await logOutAndIn(page, ADMIN);
  await addClient(page, { first: 'Olga', last: 'Other' });

  await book(page, { client: 'Hana Hand', staff: 'Sam Seller', date: today, time: '23:00' });
  await book(page, { client: 'Olga Other', staff: 'Sam Seller', date: today, time: '21:00' });
  await book(page, { client: 'Hana Hand', staff: 'Kai Seller', date: today, time: '22:00' });
  await book(page, { client: 'Olga Other', staff: 'Kai Seller', date: today, time: '20:00' });

  await logOutAndIn(page, SAM);
  await goTo(page, 'Today');
  const list = page.getByRole('list', { name: 'Today’s appointments' });
  await expect(list.getByRole('article')).toHaveCount(2);
  const hana = list.getByRole('article', { name: '11:00 PM–12:00 AM Hana Hand' });
  await expect(hana).toContainText('Birthday in 3 days');
  await expect(hana).toContainText('First visit');
  await expect(hana.getByRole('group', { name: 'Tags' })).toHaveText('VIP');
  await expect(hana).toContainText('Related: Hugo Hand (Spouse)');
  await expect(hana).toContainText('Notes: Prefers mornings');
  // Sam's own appointment with a client outside his reach shows the appointment, not the client's record, and no error.
  await expect(list.getByRole('article', { name: '9:00 PM–10:00 PM Olga Other' })).toContainText('Not one of the clients you look after');
  await expect(page.getByText('That did not work')).toHaveCount(0);
  // At his location: his own, and his client's with Kai; never Kai's with a client who is not Sam's.
  await page.getByRole('radiogroup', { name: 'Whose appointments' }).getByText('Main store').click();
  await expect(list.getByRole('article')).toHaveCount(3);
  await expect(list.getByRole('article', { name: '10:00 PM–11:00 PM Hana Hand' })).toContainText('with Kai Seller');
  await expect(list.getByRole('article', { name: '8:00 PM–9:00 PM Olga Other' })).toHaveCount(0);
  await expectAccessible(page, 'Today with appointments');

  await showCalendar(page, 'Location', 'Main store', today, 'Day');
  const grid = page.getByRole('group', { name: /^Appointments/ });
  await expect(grid.getByRole('button', { name: /Hana Hand with Kai Seller/ })).toBeVisible();
  await expect(grid.getByRole('button', { name: /Olga Other with Kai Seller/ })).toHaveCount(0);
  await expect(page.getByText(/· 3 appointments ·/)).toBeVisible();
  // Kai's appointment with Sam's client: Sam may look, not change it.
  await grid.getByRole('button', { name: /Hana Hand with Kai Seller/ }).click();
  let details = page.getByRole('dialog', { name: /^Hana Hand/ });
  await expect(details).toContainText('Kai Seller');
  await expect(details.getByRole('button', { name: 'Mark completed' })).toHaveCount(0);
  await expect(details.getByRole('button', { name: 'Change or move' })).toHaveCount(0);
  await expect(details.getByRole('button', { name: 'Cancel appointment…' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  // His own: he marks the client arrived, and can cancel it with a reason, then restore it.
  await grid.getByRole('button', { name: /Hana Hand with Sam Seller/ }).click();
  details = page.getByRole('dialog', { name: /^Hana Hand/ });
  await details.getByRole('button', { name: 'Mark arrived' }).click();
  await expect(details.getByLabel('Status: Arrived')).toBeVisible();
  await details.getByRole('button', { name: 'Cancel appointment…' }).click();
  await details.getByLabel('Reason for cancelling').fill('Client called: unwell');
  await details.getByRole('button', { name: 'Cancel appointment', exact: true }).click();
  await expect(details.getByLabel('Status: Cancelled')).toBeVisible();
  await expect(details).toContainText('Client called: unwell');
  await details.getByRole('button', { name: 'Restore appointment' }).click();
  await expect(details.getByLabel('Status: Booked')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // His staff choices are himself only: he may not book for Kai.
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const form = page.getByRole('dialog', { name: 'Book appointment' });
  await form.getByRole('combobox', { name: 'Staff member' }).click();
  await expect(page.getByRole('option')).toHaveText(['Sam Seller']);
});

test('a daylight-saving week reads on the shop’s clock: each appointment on its own hour, the skipped hour not bookable', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Settings');
  const shop = page.getByRole('region', { name: 'Shop' });
  await shop.getByRole('combobox', { name: 'Time zone' }).fill('America/New_Y');
  await page.getByRole('option', { name: 'America/New_York', exact: true }).click();
  await shop.getByRole('button', { name: 'Save shop settings' }).click();
  await expect(page.getByText('Shop settings saved.')).toBeVisible();
  await addClient(page, { first: 'Dana', last: 'Day' });

  // Saturday before and Sunday of the spring-forward (8 March 2026 in New York), both at 10:00.
  await book(page, { client: 'Dana Day', staff: 'Ada Admin', date: '2026-03-07', time: '10:00' });
  await book(page, { client: 'Dana Day', staff: 'Ada Admin', date: '2026-03-08', time: '10:00' });
  await showCalendar(page, 'Staff member', 'Ada Admin', '2026-03-08');
  await expect(page.getByText(/· 2 appointments · America\/New_York/)).toBeVisible();
  const grid = page.getByRole('group', { name: /^Appointments/ });
  const saturday = grid.getByRole('button', { name: '10:00 AM–11:00 AM Dana Day with Ada Admin, Booked' }).first();
  const sunday = grid.getByRole('button', { name: '10:00 AM–11:00 AM Dana Day with Ada Admin, Booked' }).last();
  await expect(grid.getByRole('button', { name: /Dana Day/ })).toHaveCount(2);
  const [a, b] = [(await saturday.boundingBox())!, (await sunday.boundingBox())!];
  expect(Math.round(a.y)).toBe(Math.round(b.y));
  expect(b.x).toBeGreaterThan(a.x);
  await sunday.click();
  const details = page.getByRole('dialog', { name: /^Dana Day/ });
  await expect(details).toContainText('Sunday, March 8, 2026, 10:00 AM–11:00 AM');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // By keyboard to the top of Sunday, then down the night: 2:00 and 2:30 are not on New York's clock that day.
  await grid.getByRole('button', { name: 'Book Sunday, March 8, 2026 9:30 AM' }).focus();
  await page.keyboard.press('Home');
  await expect(grid.getByRole('button', { name: 'Book Sunday, March 8, 2026 12:00 AM' })).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAccessibleName('2:00 AM is skipped by the clock change');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Book appointment' })).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAccessibleName('Book Sunday, March 8, 2026 3:00 AM');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(':focus')).toHaveAccessibleName('Book Saturday, March 7, 2026 3:00 AM');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveAccessibleName('Book Saturday, March 7, 2026 2:30 AM');
  // Enter on a slot books it.
  await page.keyboard.press('Enter');
  const slotForm = page.getByRole('dialog', { name: 'Book appointment' });
  await expect(slotForm.getByLabel('Date')).toHaveValue('2026-03-07');
  await expect(slotForm.getByLabel('Start time')).toHaveValue('02:30');
});

async function expectAccessible(page: Page, screen: string): Promise<void> {
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
  expect.soft(found, `axe violations on ${screen}`).toEqual([]);
}

test('outside opening hours is warned about with the day’s hours and saved with a reason; the screens pass axe', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addService(page, 'Fitting', 45);
  const hours = page.getByRole('region', { name: 'Opening hours' });
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) {
    await hours.getByRole('checkbox', { name: day }).check();
  }
  await hours.getByLabel('Saturday closes').fill('16:00');
  await hours.getByRole('button', { name: 'Save opening hours' }).click();
  await expect(page.getByText('Opening hours saved.')).toBeVisible();
  await expectAccessible(page, 'settings with services and opening hours');
  await addClient(page, { first: 'Sol', last: 'Sunday' });

  // Sunday 10 March 2030: the shop is closed.
  await showCalendar(page, 'Location', 'Main store', '2030-03-10');
  const grid = page.getByRole('group', { name: /^Appointments/ });
  await expect(page.getByText('Open 9:00 AM–6:00 PM').first()).toBeVisible();
  await expect(page.getByText('Open 9:00 AM–4:00 PM')).toBeVisible();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expectAccessible(page, 'calendar week by location');
  await grid.getByRole('button', { name: 'Book Sunday, March 10, 2030 10:00 AM' }).click();
  const form = page.getByRole('dialog', { name: 'Book appointment' });
  await form.getByRole('combobox', { name: 'Client' }).fill('Sol');
  await page.getByRole('option', { name: 'Sol Sunday' }).click();
  await expect(form.getByText(/^Suggested:/)).toBeVisible();
  await choose(page, form, 'Service', 'Fitting');
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  const warning = form.getByRole('alert');
  await expect(warning).toContainText('Main store is closed on Sundays.');
  await expect(warning).toContainText('Opening hours on Sunday, March 10, 2030: closed');
  await expectAccessible(page, 'booking form with a warning');
  // No reason, no booking.
  await form.getByRole('button', { name: 'Book anyway' }).click();
  await expect(form.getByText('Give a reason to save it anyway')).toBeVisible();
  await form.getByLabel('Reason for overriding').fill('Private Sunday fitting');
  await form.getByRole('button', { name: 'Book anyway' }).click();
  await expect(form).toBeHidden();

  await grid.getByRole('button', { name: '10:00 AM–10:45 AM Sol Sunday with Ada Admin, Fitting, Booked' }).click();
  const details = page.getByRole('dialog', { name: /^Sol Sunday/ });
  await expect(details).toContainText('Private Sunday fitting');
  await expectAccessible(page, 'appointment details');
  // Moving it to Saturday evening, after closing, asks again.
  await details.getByRole('button', { name: 'Change or move' }).click();
  await details.getByLabel('Date').fill('2030-03-09');
  await details.getByLabel('Start time').fill('15:30');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('alert')).toContainText('Opening hours on Saturday, March 9, 2030: 9:00 AM–4:00 PM');
  await details.getByLabel('Reason for overriding').fill('Stays late for her');
  await details.getByRole('button', { name: 'Save anyway' }).click();
  await expect(details).toContainText('Saturday, March 9, 2030, 3:30 PM–4:15 PM');
  await expect(details).toContainText('Stays late for her');
});

test('a role that hides contact details, notes and tags sees none of them on Today or on an appointment', async ({ page, host }) => {
  const today = isoDay(new Date());
  const TIA = { name: 'Tia Trainee', username: 'tia', password: 'sales floor 44' };
  await page.goto(host.url);
  await setUpShop(page);
  await goTo(page, 'Roles & permissions');
  await page.getByRole('button', { name: 'New role' }).click();
  const create = page.getByRole('dialog', { name: 'New role' });
  await create.getByLabel('Role name').fill('Trainee');
  await create.getByRole('combobox', { name: 'Based on' }).click();
  await page.getByRole('option', { name: 'Associate' }).click();
  await create.getByRole('button', { name: 'Create role' }).click();
  await expect(create).toBeHidden();
  const matrix = page.getByRole('table', { name: 'Roles and permissions' });
  for (const group of ['Contact details (email, phone)', 'Notes', 'Tags']) {
    await matrix.getByRole('checkbox', { name: `Hide ${group} from Trainee` }).check();
  }
  await matrix.getByRole('button', { name: 'Save Trainee' }).click();
  await expect(page.getByText('Trainee saved.')).toBeVisible();
  await addStaff(page, { ...TIA, role: /^Trainee/ });

  await addClient(page, { first: 'Nora', last: 'Notes', email: 'nora@example.com' });
  await openClient(page, 'Nora Notes');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Nora Notes' });
  const tags = edit.locator('input').and(edit.getByLabel('Tags'));
  await tags.fill('VIP');
  await tags.press('Enter');
  await edit.getByLabel('Notes').fill('Secret preferences');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await book(page, { client: 'Nora Notes', staff: TIA.name, date: today, time: '23:00' });

  await logOutAndIn(page, TIA);
  await goTo(page, 'Today');
  const card = page.getByRole('list', { name: 'Today’s appointments' }).getByRole('article', { name: /Nora Notes/ });
  await expect(card).toContainText('Booked');
  await expect(card).not.toContainText('Secret preferences');
  await expect(card).not.toContainText('VIP');
  await card.getByRole('button', { name: /^Open appointment/ }).click();
  const details = page.getByRole('dialog', { name: /^Nora Notes/ });
  await expect(details).toContainText('EmailHidden for your role');
  await expect(details).toContainText('NotesHidden for your role');
  await expect(details).not.toContainText('nora@example.com');
});
