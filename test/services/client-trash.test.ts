import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('soft delete, Trash and restore', () => {
  it('takes a deleted client out of lists, search, counts and lookups; a Manager restores it from the Trash', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager' });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const c = await sam.ok('client-create', { firstName: 'Gone', lastName: 'Soon', email: 'gone@example.com', phone: '+1 212 555 0199' });
    await sam.ok('client-delete', { id: c.id, version: c.version });
    expect((await sam.ok('client-list', {})).items).toEqual([]);
    expect((await admin.ok('client-list', { query: '0199' })).items).toEqual([]);
    expect(await admin.ok('client-count', {})).toEqual({ count: 0, capped: false });
    expect(await admin.call('client-get', { id: c.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Associates delete in their scope but cannot see the Trash or restore.
    expect(await sam.call('client-trash', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sam.call('client-restore', { id: c.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const trash = await admin.ok('client-trash', {});
    expect(trash.items.map((t) => t.id)).toEqual([c.id]);
    // Mia's scope (her locations) does not include a client with no visits there.
    expect(await mia.call('client-restore', { id: c.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const back = await admin.ok('client-restore', { id: c.id });
    expect(back).toMatchObject({ id: c.id, email: 'gone@example.com' });
    expect((await admin.ok('client-list', { query: '0199' })).items.map((x) => x.id)).toEqual([c.id]);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: c.id });
    expect(audit.items.map((a) => a.action)).toEqual(['client.restore', 'client.delete', 'client.create']);
  });

  it('frees a deleted client’s email, and will not restore it over the new holder', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const old = await admin.ok('client-create', { firstName: 'Old', email: 'same@example.com' });
    await admin.ok('client-delete', { id: old.id, version: old.version });
    const fresh = await admin.ok('client-create', { firstName: 'New', email: 'SAME@example.com' });
    expect(await admin.call('client-restore', { id: old.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { existingClientId: fresh.id } } });
  });

  it('refuses a delete over a newer version', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Ana' });
    await admin.ok('client-update', { id: c.id, version: c.version, notes: 'changed' });
    expect(await admin.call('client-delete', { id: c.id, version: c.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('purge (erasure)', () => {
  it('is Admin-only and removes the person everywhere: row, search, notes, audit payloads, and the bytes of the database file and WAL', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager' });
    const email = 'zelda.quixote-7f3a@example.org';
    const c = await admin.ok('client-create', { firstName: 'Zelda', lastName: 'Quixotepurge', email, phone: '+1 212 555 0177', notes: 'Allergic to nickel' });
    const edited = await admin.ok('client-update', { id: c.id, version: c.version, address: { line1: '12 Rue Secrète' }, tags: ['VIP'] });
    await admin.ok('client-interaction-add', { clientId: c.id, kind: 'sale', amountCents: 4200 });
    await admin.ok('client-interaction-add', { clientId: c.id, kind: 'note', body: 'Zelda Quixotepurge called about nickel' });
    await admin.ok('client-delete', { id: c.id, version: edited.version });
    expect(await mia.call('client-purge', { id: c.id, confirm: 'ERASE' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin.call('client-purge', { id: c.id, confirm: 'yes' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    await admin.ok('client-purge', { id: c.id, confirm: 'ERASE' });

    expect((await admin.ok('client-trash', {})).items).toEqual([]);
    for (const q of ['zelda', 'quixotepurge', 'xotepur', '0177', email]) expect((await admin.ok('client-list', { query: q })).items, q).toEqual([]);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: c.id });
    expect(JSON.stringify(audit.items)).not.toMatch(/zelda|quixote|nickel|Secrète/i);
    expect(audit.items[0]).toMatchObject({ action: 'client.purge', actorId: expect.any(Number) });
    // The sale still counts in reports.
    const row = await app.services.db.selectFrom('clients').select(['total_spend_cents', 'first_name', 'email']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ total_spend_cents: 4200, first_name: 'Erased', email: null });

    for (const file of [app.databaseFile, `${app.databaseFile}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const secret of [email, 'Quixotepurge', 'Allergic to nickel', 'Secrète']) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
      }
    }
  });
});
