import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

async function shop() {
  const app = await startApp();
  const admin = await setUpShop(app);
  const types = await admin.ok('relationship-type-list', {});
  const type = (name: string) => types.find((t) => t.name === name)!;
  return { app, admin, type };
}

describe('relationships', () => {
  it('read correctly from both sides, for a reverse-named and a symmetric type', async () => {
    const { admin, type } = await shop();
    const marc = await admin.ok('client-create', { firstName: 'Marc', lastName: 'Roux' });
    const lea = await admin.ok('client-create', { firstName: 'Lea', lastName: 'Roux' });
    // On Marc's profile: Lea is his Child (the reverse word of Parent).
    await admin.ok('relationship-create', { clientId: marc.id, otherClientId: lea.id, typeId: type('Parent').id, side: 'reverse' });
    expect(await admin.ok('relationship-list', { clientId: marc.id })).toMatchObject([{ word: 'Child', other: { firstName: 'Lea' } }]);
    expect(await admin.ok('relationship-list', { clientId: lea.id })).toMatchObject([{ word: 'Parent', other: { firstName: 'Marc' } }]);

    const jane = await admin.ok('client-create', { firstName: 'Jane' });
    const tom = await admin.ok('client-create', { firstName: 'Tom' });
    await admin.ok('relationship-create', { clientId: tom.id, otherClientId: jane.id, typeId: type('Spouse').id, side: 'name' });
    expect(await admin.ok('relationship-list', { clientId: jane.id })).toMatchObject([{ word: 'Spouse', other: { firstName: 'Tom' } }]);
    // The same link from the other side, either word, is refused as a duplicate.
    const again = await admin.call('relationship-create', { clientId: jane.id, otherClientId: tom.id, typeId: type('Spouse').id, side: 'reverse' });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: 'These two clients are already linked this way.' } });
  });

  it('refuses a link to oneself, naming the field', async () => {
    const { admin, type } = await shop();
    const jane = await admin.ok('client-create', { firstName: 'Jane' });
    const self = await admin.call('relationship-create', { clientId: jane.id, otherClientId: jane.id, typeId: type('Friend').id, side: 'name' });
    expect(self).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'otherClientId' }] } } });
  });

  it('renames a type and every link follows; deletes only when unused or after moving the links', async () => {
    const { admin, type } = await shop();
    const a = await admin.ok('client-create', { firstName: 'Ana' });
    const b = await admin.ok('client-create', { firstName: 'Bo' });
    await admin.ok('relationship-create', { clientId: a.id, otherClientId: b.id, typeId: type('Friend').id, side: 'name' });
    await admin.ok('relationship-type-update', { id: type('Friend').id, name: 'Best friend', reverseName: 'Best friend' });
    expect(await admin.ok('relationship-list', { clientId: a.id })).toMatchObject([{ word: 'Best friend' }]);
    expect(await admin.call('relationship-type-delete', { id: type('Friend').id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '1 link uses the Best friend type. Move it to another type first.' },
    });
    await admin.ok('relationship-type-delete', { id: type('Friend').id, moveToTypeId: type('Partner').id });
    expect(await admin.ok('relationship-list', { clientId: b.id })).toMatchObject([{ word: 'Partner', other: { firstName: 'Ana' } }]);
    const names = (await admin.ok('relationship-type-list', {})).map((t) => t.name);
    expect(names).not.toContain('Best friend');
  });

  it('lets only Admins and Managers manage types, and anyone link clients they can both see', async () => {
    const { app, admin, type } = await shop();
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('relationship-type-create', { name: 'Cousin', reverseName: 'Cousin' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const mine = await sam.ok('client-create', { firstName: 'Mia' });
    const alsoMine = await sam.ok('client-create', { firstName: 'Max' });
    const notMine = await admin.ok('client-create', { firstName: 'Ned' });
    expect(await sam.call('relationship-create', { clientId: mine.id, otherClientId: notMine.id, typeId: type('Sibling').id, side: 'name' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await sam.ok('relationship-create', { clientId: mine.id, otherClientId: alsoMine.id, typeId: type('Sibling').id, side: 'name' });
    // The Admin links Mia to Ned; Sam cannot see Ned, so the link is not in Sam's list.
    await admin.ok('relationship-create', { clientId: mine.id, otherClientId: notMine.id, typeId: type('Friend').id, side: 'name' });
    expect((await sam.ok('relationship-list', { clientId: mine.id })).map((l) => l.other.firstName)).toEqual(['Max']);
    expect((await admin.ok('relationship-list', { clientId: mine.id })).map((l) => l.other.firstName).sort()).toEqual(['Max', 'Ned']);
  });
});
