/**
 * Duplicates staff recognise (issue 17): pairs by the same E.164 phone, or the same name with
 * the same phone digits, birthday or email local part, listed within the person's scope; and
 * the warning while adding a client, which names only clients the person may see and never
 * compares a field hidden from them.
 */
import { describe, expect, it } from 'vitest';
import type { DuplicateReason } from '../../src-preload/contract';
import { connect, type TestClient } from '../helpers/app';
import { cast } from '../helpers/cast';

const pairsOf = async (who: TestClient, reason: DuplicateReason) => {
  const r = await who.call('client-duplicates', { reason, limit: 50 });
  if (!r.ok) return r.error.code;
  return r.value.items.map((p) => `${p.a.firstName} ${p.a.lastName} = ${p.b.firstName} ${p.b.lastName}`);
};

async function book() {
  const c = await cast({ country: 'GB' });
  const { admin, associate, kai, narrowed } = c;
  // The two identical records: a UK mobile libphonenumber does not read, so no E.164.
  await associate.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', phone: '07911 300400' });
  await associate.ok('client-create', { firstName: 'emma', lastName: 'THOMPSON', phone: '07911-300-400' });
  // The same valid number (one E.164) under two names: a household, still worth a look.
  await associate.ok('client-create', { firstName: 'Ann', lastName: 'Home', phone: '020 7946 0000' });
  await associate.ok('client-create', { firstName: 'Bob', lastName: 'Home', phone: '+44 20 7946 0000' });
  // The same name and email local part at two providers; the same name and birthday.
  await associate.ok('client-create', { firstName: 'Lea', lastName: 'Roux', email: 'lea.roux@work.example' });
  await associate.ok('client-create', { firstName: 'Lea', lastName: 'Roux', email: 'lea.roux@home.example' });
  await associate.ok('client-create', { firstName: 'Ida', lastName: 'Day', birthday: '1985-04-03' });
  await associate.ok('client-create', { firstName: 'Ida', lastName: 'Day', birthday: '1985-04-03' });
  // Not pairs: the same name alone, the same local part under another name.
  await associate.ok('client-create', { firstName: 'Lea', lastName: 'Roux', email: 'lea@other.example' });
  await associate.ok('client-create', { firstName: 'Max', lastName: 'Roux', email: 'lea.roux@third.example' });
  // Kai's, at South: outside the Manager's and the Associate's scope.
  await kai.ok('client-create', { firstName: 'Kit', lastName: 'South', phone: '07911 555000' });
  await kai.ok('client-create', { firstName: 'Kit', lastName: 'South', phone: '07911 555 000' });
  await kai.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', phone: '07911 300400', birthday: '1990-01-02' });
  // The narrowed role's own client, with a birthday.
  const fay = await admin.ok('client-create', { firstName: 'Fay', lastName: 'Desk', phone: '07700 111222', birthday: '1970-07-07' });
  await admin.ok('client-assign', { clientId: fay.id, staffId: narrowed.id });
  return c;
}

describe('likely duplicates', () => {
  it('pairs the same E.164 phone, and the same name with the same phone digits, birthday or email local part, within each person’s scope', async () => {
    const { people } = await book();
    const expected: Record<string, Record<DuplicateReason, string[] | string>> = {
      Admin: {
        phone: ['Ann Home = Bob Home'],
        'name-phone': ['Emma Thompson = emma THOMPSON', 'Emma Thompson = Emma Thompson', 'emma THOMPSON = Emma Thompson', 'Kit South = Kit South'],
        'name-birthday': ['Ida Day = Ida Day'],
        'name-email': ['Lea Roux = Lea Roux'],
      },
      'Manager (North)': {
        phone: ['Ann Home = Bob Home'],
        'name-phone': ['Emma Thompson = emma THOMPSON'],
        'name-birthday': ['Ida Day = Ida Day'],
        'name-email': ['Lea Roux = Lea Roux'],
      },
      // Neither may merge clients: the list is refused, naming no one.
      Associate: { phone: 'FORBIDDEN', 'name-phone': 'FORBIDDEN', 'name-birthday': 'FORBIDDEN', 'name-email': 'FORBIDDEN' },
      'narrowed role': { phone: 'FORBIDDEN', 'name-phone': 'FORBIDDEN', 'name-birthday': 'FORBIDDEN', 'name-email': 'FORBIDDEN' },
    };
    for (const [label, who] of people) {
      for (const reason of ['phone', 'name-phone', 'name-birthday', 'name-email'] as const) {
        expect([label, reason, await pairsOf(who, reason)]).toEqual([label, reason, expected[label]![reason]]);
      }
    }
  });

  it('refuses to pair by a field group hidden from a role that may merge', async () => {
    const { app, admin } = await book();
    const role = await admin.ok('role-create', { name: 'Merger without contact', baseRole: 'manager', permissions: ['session.use', 'client.view', 'client.merge'], visibility: 'all', hiddenFields: ['contact'] });
    await admin.ok('staff-create', { name: 'Nell', username: 'nell', role: 'manager', customRoleId: role.id, password: 'a long enough password' });
    const nell = connect(app);
    await nell.ok('session-login', { username: 'nell', password: 'a long enough password' });
    for (const reason of ['phone', 'name-phone', 'name-email'] as const) expect(await pairsOf(nell, reason)).toBe('FORBIDDEN');
    expect(await pairsOf(nell, 'name-birthday')).toEqual(['Ida Day = Ida Day']);
  });
});

describe('the warning while adding a client', () => {
  const looks = async (who: TestClient, input: Parameters<TestClient['ok']>[1]) => {
    const found = await who.ok('client-lookalikes', input as never);
    return found.map((f) => `${f.client.firstName} ${f.client.lastName} (${f.reason}) ${f.client.phone ?? '-'}`);
  };

  it('names the clients the person may see who look like the one typed, and nobody else', async () => {
    const { people, kai } = await book();
    const typed = { firstName: 'Emma', lastName: 'Thompson', phone: '07911 300400' };
    const expected: Record<string, string[]> = {
      Admin: ['Emma Thompson (name-phone) 07911 300400', 'emma THOMPSON (name-phone) 07911-300-400', 'Emma Thompson (name-phone) 07911 300400'],
      'Manager (North)': ['Emma Thompson (name-phone) 07911 300400', 'emma THOMPSON (name-phone) 07911-300-400'],
      Associate: ['Emma Thompson (name-phone) 07911 300400', 'emma THOMPSON (name-phone) 07911-300-400'],
      // Contact details hidden: the phone is not compared, and the Emmas are not its clients.
      'narrowed role': [],
    };
    for (const [label, who] of people) expect([label, await looks(who, typed)]).toEqual([label, expected[label]]);
    // Kai sees only his own Emma, though the Associate's two share her name and phone.
    expect(await looks(kai, typed)).toEqual(['Emma Thompson (name-phone) 07911 300400']);
    expect(await looks(kai, { firstName: 'Ann', lastName: 'Home', phone: '020 7946 0000' })).toEqual([]);
  });

  it('finds the same E.164 phone under any name, the same email, and the same name with a birthday or email local part', async () => {
    const { associate } = await book();
    expect(await looks(associate, { firstName: 'Cara', phone: '+44 20 7946 0000' })).toEqual(['Ann Home (phone) 020 7946 0000', 'Bob Home (phone) +44 20 7946 0000']);
    expect(await looks(associate, { firstName: 'Zoe', email: 'LEA.ROUX@work.example' })).toEqual(['Lea Roux (email) -']);
    expect(await looks(associate, { firstName: 'Lea', lastName: 'Roux', email: 'lea.roux@new.example' })).toEqual(['Lea Roux (name-email) -', 'Lea Roux (name-email) -']);
    expect(await looks(associate, { firstName: 'Ida', lastName: 'Day', birthday: '1985-04-03' })).toEqual(['Ida Day (name-birthday) -', 'Ida Day (name-birthday) -']);
    expect(await looks(associate, { firstName: 'Lea', lastName: 'Roux' })).toEqual([]);
  });

  it('for a role with contact details hidden, compares the name and birthday only and shows no contact field', async () => {
    const { narrowed } = await book();
    expect(await looks(narrowed, { firstName: 'Fay', lastName: 'Desk', birthday: '1970-07-07' })).toEqual(['Fay Desk (name-birthday) -']);
    expect(await looks(narrowed, { firstName: 'Fay', lastName: 'Desk', phone: '07700 111222' })).toEqual([]);
  });
});
