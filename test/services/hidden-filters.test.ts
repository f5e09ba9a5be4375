import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

/** A shop with tagged, dated, buying clients, and a staff member whose role hides tags, dates and purchases. */
async function shopWithDiscreetRole() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const vip = await admin.ok('client-create', { firstName: 'Vera', lastName: 'Vip', birthday: '--03-10' });
  await admin.ok('client-update', { id: vip.id, version: vip.version, tags: ['VIP'] });
  await admin.ok('client-interaction-add', { clientId: vip.id, kind: 'sale', amountCents: 50_000 });
  await admin.ok('client-create', { firstName: 'Gus', lastName: 'Guest' });
  const role = await admin.ok('role-create', { name: 'Floor staff', baseRole: 'associate', visibility: 'all', hiddenFields: ['tags', 'purchases', 'dates'] });
  const tia = await staffSession(app, admin, { name: 'Tia', username: 'tia', role: 'associate' });
  await admin.ok('staff-update', { id: tia.id, customRoleId: role.id });
  const tagId = (await admin.ok('client-filter-options', {})).tags.find((t) => t.name === 'VIP')!.id;
  return { app, admin, tia, tagId };
}

describe('a role cannot filter or sort on a field hidden from it', () => {
  it('refuses each hidden filter and sort, naming the field, and audits the attempt', async () => {
    const { admin, tia, tagId } = await shopWithDiscreetRole();
    const refusals: [Parameters<typeof tia.call<'client-list'>>[1], string][] = [
      [{ filters: { tagIds: [tagId] } }, 'filters.tagIds'],
      [{ filters: { lapsedDays: 30 } }, 'filters.lapsedDays'],
      [{ filters: { birthdayThisMonth: true } }, 'filters.birthdayThisMonth'],
      [{ filters: { anniversaryThisMonth: true } }, 'filters.anniversaryThisMonth'],
      [{ sort: { by: 'totalSpend', dir: 'desc' } }, 'sort.by'],
      [{ sort: { by: 'lastVisit', dir: 'asc' } }, 'sort.by'],
    ];
    for (const [input, field] of refusals) {
      const result = await tia.call('client-list', input);
      expect(result, field).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { issues: [{ field }] } } });
    }
    expect(await tia.call('client-list', { filters: { tagIds: [tagId] } })).toMatchObject({
      ok: false,
      error: { message: 'Your role cannot filter by tags: they are hidden from you.' },
    });
    expect(await tia.call('client-count', { filters: { birthdayThisMonth: true } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Your role cannot filter by birthday and anniversary: they are hidden from you.' },
    });
    const denied = await admin.ok('audit-list', { action: 'access.denied' });
    expect(denied.items[0]).toMatchObject({ actorName: 'Tia', after: { channel: 'client-count', field: 'filters.birthdayThisMonth', hidden: 'dates' } });
  });

  it('still lists, counts and searches with the filters the role may use; the Admin keeps every one', async () => {
    const { admin, tia, tagId } = await shopWithDiscreetRole();
    expect((await tia.ok('client-count', { filters: { status: 'existing' } })).count).toBe(1);
    expect((await tia.ok('client-list', { sort: { by: 'created', dir: 'desc' } })).items.map((c) => c.firstName)).toEqual(['Gus', 'Vera']);
    // A search comes unranked and ignores the sort, so a hidden sort field is not applied and not refused.
    expect((await tia.ok('client-list', { query: 'vera', sort: { by: 'totalSpend', dir: 'desc' } })).items).toHaveLength(1);
    expect((await admin.ok('client-list', { filters: { tagIds: [tagId] }, sort: { by: 'totalSpend', dir: 'desc' } })).items.map((c) => c.firstName)).toEqual(['Vera']);
    expect((await tia.ok('client-filter-options', {})).tags).toEqual([]);
    expect((await tia.ok('client-filter-options', {})).staff.map((s) => s.name)).toContain('Ada Admin');
  });

  it('refuses hidden filters in bulk actions and segments, and does not offer segments built on them', async () => {
    const { tia, tagId } = await shopWithDiscreetRole();
    expect(await tia.call('client-bulk-delete', { target: { all: { filters: { tagIds: [tagId] } } } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { issues: [{ field: 'target.all.filters.tagIds' }] } },
    });
    expect(await tia.call('client-bulk-tag', { target: { all: { filters: {} } }, tag: 'VIP', remove: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await tia.call('segment-save', { name: 'Big spenders', filters: { lapsedDays: 10 } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { issues: [{ field: 'filters.lapsedDays' }] } },
    });
    const names = (await tia.ok('segment-list', {})).map((s) => s.name);
    expect(names).toContain('Guests');
    expect(names).not.toContain('Birthdays this month');
    expect(names).not.toContain('No purchase in 90 days');
  });
});
