import { describe, expect, it } from 'vitest';
import { connect, setUpShop, startApp, staffSession, type TestClient } from '../helpers/app';
import { cast } from '../helpers/cast';

async function names(who: TestClient, query: string, limit = 100): Promise<string[]> {
  const page = await who.ok('client-list', { query, limit });
  return page.items.map((c) => `${c.firstName} ${c.lastName}`.trim());
}

describe('client search', () => {
  it('folds accents both ways and matches word prefixes in any order', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'José', lastName: 'Núñez' });
    await admin.ok('client-create', { firstName: 'Jose', lastName: 'Smith' });
    await admin.ok('client-create', { firstName: 'Joséphine', lastName: 'Baker' });
    expect(await names(admin, 'Jose')).toEqual(['José Núñez', 'Jose Smith', 'Joséphine Baker']);
    expect(await names(admin, 'nunez')).toEqual(['José Núñez']);
    expect(await names(admin, 'núñ jo')).toEqual(['José Núñez']);
    expect(await names(admin, 'José sm')).toEqual(['Jose Smith']);
  });

  it('finds substrings inside names and emails, CJK names included', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Martina', lastName: 'Rossi', email: 'mrossi@example.it' });
    await admin.ok('client-create', { firstName: '太郎', lastName: '山田' });
    await admin.ok('client-create', { firstName: '山田花子' });
    await admin.ok('client-create', { firstName: '小明', lastName: '王' });
    expect(await names(admin, 'arti')).toEqual(['Martina Rossi']);
    expect(await names(admin, 'ossi@ex')).toEqual(['Martina Rossi']);
    // unicode61 keeps a CJK run as one word: a prefix finds it, a substring needs the trigram index.
    expect(await names(admin, '山田')).toEqual(['太郎 山田', '山田花子']);
    expect(await names(admin, '田花子')).toEqual(['山田花子']);
    expect(await names(admin, '小明')).toEqual(['小明 王']);
    expect(await names(admin, '王')).toEqual(['小明 王']);
  });

  it('finds every phone ending in the typed digits whatever its formatting, and a whole number in any format', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ana', phone: '(415) 555-1234' });
    await admin.ok('client-create', { firstName: 'Ben', phone: '+44 20 7946 1234' });
    await admin.ok('client-create', { firstName: 'Cy', phone: '415.555.9999' });
    await admin.ok('client-create', { firstName: 'Di', phone: 'ext 12-34' });
    expect(await names(admin, '1234')).toEqual(['Ana', 'Ben', 'Di']);
    expect(await names(admin, '555-1234')).toEqual(['Ana']);
    expect(await names(admin, '9999')).toEqual(['Cy']);
    expect(await names(admin, '+1 415 555 1234')).toEqual(['Ana']);
    expect(await names(admin, '4155551234')).toEqual(['Ana']);
    expect(await names(admin, '77')).toEqual([]);
  });

  it('finds a phone by any run of its digits, national or international, only inside each person’s scope', async () => {
    const { admin, associate, narrowed, kai, people } = await cast({ country: 'GB' });
    // Read by libphonenumber (its key holds the E.164 digits), or kept as typed (the typed digits).
    await associate.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', phone: '07911 123456' });
    await associate.ok('client-create', { firstName: 'Ella', lastName: 'Intl', phone: '+44 7911 300400' });
    await associate.ok('client-create', { firstName: 'Nat', lastName: 'Local', phone: '07911 300400' });
    await associate.ok('client-create', { firstName: 'Otto', lastName: 'Other', phone: '020 7946 0000' });
    await associate.ok('client-create', { firstName: 'Una', lastName: 'Unread', phone: 'x 7911 22' });
    // The narrowed role's own client (it may not type a phone itself), at the main store.
    const fay = await admin.ok('client-create', { firstName: 'Fay', lastName: 'Desk', phone: '07911 222333' });
    await admin.ok('client-assign', { clientId: fay.id, staffId: narrowed.id });
    await kai.ok('client-create', { firstName: 'Kit', lastName: 'South', phone: '07911 555000' });
    const mine = ['Emma Thompson', 'Ella Intl', 'Nat Local', 'Una Unread'];
    const expected: Record<string, string[]> = {
      Admin: [...mine, 'Fay Desk', 'Kit South'],
      'Manager (North)': mine,
      Associate: mine,
      // Contact details are hidden from the role: it finds nobody by a phone, its own client included.
      'narrowed role': [],
    };
    for (const [label, who] of people) {
      expect([label, await names(who, '7911')]).toEqual([label, expected[label]]);
      expect([label, await names(who, '7911 3004')]).toEqual([label, expected[label]!.filter((n) => n === 'Ella Intl' || n === 'Nat Local')]);
    }
    // A national number's trunk 0 and an international +44 or 0044 read both ways.
    expect(await names(admin, '07911')).toEqual(['Emma Thompson', 'Ella Intl', 'Nat Local', 'Fay Desk', 'Kit South']);
    expect(await names(admin, '+44 7911 3')).toEqual(['Ella Intl', 'Nat Local']);
    expect(await names(admin, '0044 7911 1')).toEqual(['Emma Thompson']);
    expect(await names(admin, '1300')).toEqual(['Ella Intl', 'Nat Local']);
    expect(await admin.ok('client-count', { query: '911' })).toEqual({ count: 6, capped: false });
    // The index follows a changed phone.
    const kit = (await admin.ok('client-list', { query: 'Kit' })).items[0]!;
    await kai.ok('client-update', { id: kit.id, version: 1, phone: '020 7946 1111' });
    expect(await names(admin, '555000')).toEqual([]);
    expect(await names(admin, '79461')).toEqual(['Kit South']);
  });

  it('puts the client with exactly that email first, then the other matches', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ann', lastName: 'Other', email: 'ann@shop.test.example' });
    const exact = await admin.ok('client-create', { firstName: 'Zed', email: 'ann@shop.test' });
    const page = await admin.ok('client-list', { query: 'ANN@shop.test' });
    expect(page.items[0]?.id).toBe(exact.id);
    expect(page.items.map((c) => c.firstName)).toEqual(['Zed', 'Ann']);
  });

  it('reads a whole address typed as its exact match, then the same person by the words before the @', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Jo', lastName: 'Smith', email: 'jo.smith@gmail.com' });
    await admin.ok('client-create', { firstName: 'Jon', lastName: 'Smithers', email: 'jo.smithers@gmail.com' });
    const other = await admin.ok('client-create', { firstName: 'Jo', lastName: 'Smith', email: 'jsmith@work.example' });
    expect(await names(admin, 'jo.smith@gmail.com')).toEqual(['Jo Smith', 'Jo Smith']);
    expect((await admin.ok('client-list', { query: 'jo.smith@gmail.com' })).items[1]?.id).toBe(other.id);
    expect(await names(admin, 'jo.smith@gmail.co')).toEqual(['Jo Smith', 'Jo Smith']);
    expect(await names(admin, 'jo.smith@gm')).toEqual(['Jo Smith', 'Jon Smithers']); // no dot after the @ yet: prefixes
  });

  it('pages through many matches without repeating or losing one', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    for (let i = 0; i < 23; i++) await admin.ok('client-create', { firstName: `Lou${i}`, lastName: 'Pagé', phone: `+1 212 555 01${String(i).padStart(2, '0')}` });
    await admin.ok('client-create', { firstName: 'Other', lastName: 'Person' });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.ok<'client-list'>>> = await admin.ok('client-list', { query: 'page', limit: 5, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(await admin.ok('client-count', { query: 'page' })).toEqual({ count: 23, capped: false });
    // A sort cursor cannot continue a search, nor the other way round.
    const sorted = await admin.ok('client-list', { limit: 5 });
    expect(await admin.call('client-list', { query: 'page', cursor: sorted.nextCursor })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('keeps the index in step with renames and email changes, and hides deleted clients', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Old', lastName: 'Name', email: 'old@example.com' });
    await app.services.db.updateTable('clients').set({ first_name: 'Fresh', email: 'fresh@example.com' }).where('id', '=', c.id).execute();
    expect(await names(admin, 'old')).toEqual([]);
    expect(await names(admin, 'fres')).toEqual(['Fresh Name']);
    expect(await names(admin, 'resh@exa')).toEqual(['Fresh Name']);
    await app.services.db.updateTable('clients').set({ deleted_at: '2026-03-01T10:00:00.000Z' }).where('id', '=', c.id).execute();
    expect(await names(admin, 'fres')).toEqual([]);
  });

  it('searches only inside the visibility scope', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const kai = await staffSession(app, admin, { name: 'Kai', username: 'kai', role: 'associate' });
    await sam.ok('client-create', { firstName: 'Noor', lastName: 'Sam', phone: '+1 212 555 0101', email: 'noor.s@example.com' });
    await kai.ok('client-create', { firstName: 'Noor', lastName: 'Kai', phone: '+1 212 555 0201', email: 'noor.k@example.com' });
    expect(await names(sam, 'noor')).toEqual(['Noor Sam']);
    expect(await names(sam, '0201')).toEqual([]);
    expect(await names(sam, 'noor.k@example.com')).toEqual([]);
    expect(await sam.ok('client-count', { query: 'noo' })).toEqual({ count: 1, capped: false });
    expect(await names(admin, 'noor')).toEqual(['Noor Sam', 'Noor Kai']);
    expect(await names(connect(app), 'noor').catch((e: Error) => e.message)).toMatch(/UNAUTHENTICATED/);
  });
});
