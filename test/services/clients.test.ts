import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('clients (foundation)', () => {
  it('assigns a client created in the app to its creator, as Guest, with the phone in E.164', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const c = await sam.ok('client-create', { firstName: 'José', lastName: 'Núñez', email: 'Jose@Example.com', phone: '(415) 555-0132' });
    expect(c).toMatchObject({
      assignedStaffId: sam.id,
      assignedStaffName: 'Sam Seller',
      createdBy: { id: sam.id, name: 'Sam Seller' },
      status: 'guest',
      phone: '(415) 555-0132',
      phoneE164: '+14155550132',
    });
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: c.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.create', actorId: sam.id });
  });

  it('keeps a phone it cannot normalise as typed, with no E.164', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Kim', phone: '12' });
    expect(c).toMatchObject({ phone: '12', phoneE164: null });
  });

  it('refuses a second active client with the same email in any case, naming the holder', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const first = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.com' });
    const clash = await admin.call('client-create', { firstName: 'Other', email: 'ANA@EXAMPLE.COM' });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE', message: 'This email already belongs to another client: Ana Ruiz.', details: { existingClientId: first.id } },
    });
  });

  it('refuses impossible dates and over-long fields, naming them', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const bad = await admin.call('client-create', { firstName: 'x'.repeat(81), birthday: '2023-02-30' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.details?.issues?.map((i) => i.field).sort()).toEqual(['birthday', 'firstName']);
  });

  it('lists alphabetically in keyset pages and finds clients by name or email prefix', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const names = ['Zoe Adams', 'Amy Baker', 'Bob Baker', 'Cy Carter', 'Di Evans'];
    for (const n of names) {
      const [firstName, lastName] = n.split(' ');
      await admin.ok('client-create', { firstName: firstName!, lastName, email: `${firstName!.toLowerCase()}@shop.test` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.ok<'client-list'>>> = await admin.ok('client-list', { limit: 2, cursor });
      seen.push(...page.items.map((c) => `${c.firstName} ${c.lastName}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    expect((await admin.ok('client-list', { query: 'bak' })).items.map((c) => c.firstName)).toEqual(['Amy', 'Bob']);
    expect((await admin.ok('client-list', { query: 'cy@' })).items.map((c) => c.firstName)).toEqual(['Cy']);
    expect((await admin.ok('client-list', { query: '%' })).items).toEqual([]);
    expect(await admin.call('client-list', { cursor: 'garbage' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers NOT_FOUND for a client that does not exist', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    expect(await admin.call('client-get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows an Associate only their own clients, in lists and by id; the Admin sees all', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const kai = await staffSession(app, admin, { name: 'Kai', username: 'kai', role: 'associate' });
    const samsClient = await sam.ok('client-create', { firstName: 'Lea' });
    const kaisClient = await kai.ok('client-create', { firstName: 'Noor' });
    expect((await sam.ok('client-list', {})).items.map((c) => c.id)).toEqual([samsClient.id]);
    expect((await admin.ok('client-list', {})).items.map((c) => c.firstName).sort()).toEqual(['Lea', 'Noor']);
    expect(await sam.call('client-get', { id: kaisClient.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await sam.ok('client-list', { query: 'Noor' })).items).toEqual([]);
  });
});
