import { readFileSync, existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';
import { download, importCsv, upload } from '../helpers/files';

type App = Awaited<ReturnType<typeof startApp>>;

/** None of the secrets is in the database file or its WAL, byte for byte. */
function expectBytesGone(app: App, secrets: string[]): void {
  for (const file of [app.databaseFile, `${app.databaseFile}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
  }
}

describe('soft delete, Trash and restore', () => {
  it('takes a deleted client out of lists, search, counts and lookups; a Manager restores it from the Trash', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager', locationIds: [uptown.id] });
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
    // Mia's scope (her locations) does not include a client at home and seen elsewhere.
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
    expect(await admin.call('client-restore', { id: old.id })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', details: { existingClientId: fresh.id } } });
  });

  it('refuses a delete over a newer version', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Ana' });
    await admin.ok('client-update', { id: c.id, version: c.version, notes: 'changed' });
    expect(await admin.call('client-delete', { id: c.id, version: c.version })).toMatchObject({ ok: false, error: { code: 'STALE' } });
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

    expectBytesGone(app, [email, 'Quixotepurge', 'Allergic to nickel', 'Secrète']);
  });

  it('leaves no trace of an email an ordinary edit replaced long before the purge', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const c = await admin.ok('client-create', { firstName: 'Olga', lastName: 'Vantreuil', email: 'olga.first-9c1e@example.org', phone: '+1 212 555 0144' });
    // Plenty of other writes in between, so the old email's page is checkpointed, not just in the WAL.
    for (let i = 0; i < 30; i++) await admin.ok('client-create', { firstName: `Filler${i}`, email: `filler${i}@example.com`, notes: 'x'.repeat(300) });
    const edited = await admin.ok('client-update', { id: c.id, version: c.version, email: 'olga.second-4b2d@example.org' });
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(app.services.db);
    await admin.ok('client-update', { id: c.id, version: edited.version, notes: 'Prefers mornings' });

    await admin.ok('client-purge', { id: c.id, confirm: 'ERASE' });

    expectBytesGone(app, ['olga.first-9c1e', 'olga.second-4b2d', 'Vantreuil', 'Prefers mornings']);
    expect((await admin.ok('client-list', { query: 'filler7' })).items).toHaveLength(1);
  });

  it('erases the records merged into the client: their email is gone from the file too', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const keep = await admin.ok('client-create', { firstName: 'Pavla', lastName: 'Moravcikova', email: 'pavla.keep-51d0@example.org', birthday: '1984-05-06' });
    const drop = await admin.ok('client-create', { firstName: 'Pavla', lastName: 'Moravcikova', email: 'pavla.old-e7a2@example.org', birthday: '1984-05-06', phone: '+1 212 555 0188' });
    await admin.ok('client-merge', { survivorId: keep.id, survivorVersion: keep.version, mergedId: drop.id, mergedVersion: drop.version });

    await admin.ok('client-purge', { id: keep.id, confirm: 'ERASE' });

    const rows = await app.services.db.selectFrom('clients').select(['id', 'email', 'phone', 'first_name', 'purged_at']).where('id', 'in', [keep.id, drop.id]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: keep.id, email: null, phone: null, first_name: 'Erased', purged_at: expect.any(String) },
      { id: drop.id, email: null, phone: null, first_name: 'Erased', purged_at: expect.any(String) },
    ]);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: drop.id });
    expect(JSON.stringify(audit.items)).not.toMatch(/pavla|moravc/i);
    expectBytesGone(app, ['pavla.keep-51d0', 'pavla.old-e7a2', 'Moravcikova', '555 0188']);
  });

  it('clears what an import kept of the person (its copy of the overwritten fields, the upload, the error report), and undo says the client was erased', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    // The import overwrites Ines's maiden name (matched by her email): its copy of the old value names her.
    const c = await admin.ok('client-create', { firstName: 'Ines', lastName: 'Maidenbefore-2f8b', email: 'ines.a9c4@example.org', phone: '+1 212 555 0133' });
    const other = await admin.ok('client-create', { firstName: 'Other', email: 'other@example.com', phone: '+1 212 555 0166' });
    const csv =
      'First name,Last name,Email,Phone,Birthday\n' +
      'Ines,Quarrington,ines.a9c4@example.org,+1 212 555 0133,\n' +
      'Other,Person,other@example.com,+1 212 555 0166,\n' +
      `Ines,Quarrington,ines.a9c4@example.org,${'5'.repeat(41)},\n`; // rejected: a phone longer than any stored
    const { inspection, result } = await importCsv(admin, csv, { onDuplicate: 'overwrite' });
    expect(result).toMatchObject({ updated: 2, rejected: 1 });
    expect((await download(admin, result.errorReportId!)).toString('utf8')).toContain('ines.a9c4');

    await admin.ok('client-purge', { id: c.id, confirm: 'ERASE' });

    expectBytesGone(app, ['Maidenbefore-2f8b', 'ines.a9c4', 'Quarrington']);
    // The staged upload and the error report named the person: both are gone.
    expect(await admin.call('file-read', { fileId: result.errorReportId!, offset: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.call('import-inspect', { uploadId: inspection.uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const undo = await admin.ok('import-undo', { importId: result.importId! });
    expect(undo).toEqual({ removed: 0, restored: 1, kept: [{ clientId: c.id, name: 'Erased client', reason: 'was erased; an erased client cannot be restored' }] });
    expect(await admin.ok('client-get', { id: other.id })).toMatchObject({ lastName: '' });
    const row = await app.services.db.selectFrom('clients').select(['email', 'first_name']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ email: null, first_name: 'Erased' });
  });

  it('on a book written before secure_delete was always on, the first purge compacts it once, so older freed values go too', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const b = await admin.ok('client-create', { firstName: 'Bram', lastName: 'Ostergaard' });
    // As an older app did: an edit on a connection without secure_delete, on an unmarked book.
    const old = new BetterSqlite3(app.databaseFile);
    old.pragma('secure_delete = OFF');
    const at = new Date().toISOString();
    const { lastInsertRowid } = old.prepare('INSERT INTO clients (first_name, email, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Rosalind', 'rosalind.era-0c3f@example.org', at, at);
    old.prepare('DELETE FROM clients WHERE id = ?').run(lastInsertRowid);
    old.pragma('user_version = 0');
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(readFileSync(app.databaseFile).includes(Buffer.from('rosalind.era-0c3f'))).toBe(true);

    await admin.ok('client-purge', { id: b.id, confirm: 'ERASE' });

    expectBytesGone(app, ['rosalind.era-0c3f', 'Ostergaard']);
    expect((await sql<{ user_version: number }>`PRAGMA user_version`.execute(app.services.db)).rows[0]?.user_version).toBe(1);
  });

  it('drops a sales import’s problem rows and report lines that named the person', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const csv = ['transaction_id,client_email,amount,sold_at', 't1,tobias.unmatched-8d2e@example.org,12.00,2024-01-05', 't2,someone.else@example.org,5.00,2024-01-06'].join('\n');
    const uploadId = await upload(admin, 'sales.csv', csv);
    const report = await admin.ok('sales-import', { uploadId, mode: 'ongoing' });
    expect(report.problemSample.map((p) => p.matchKey)).toEqual(['tobias.unmatched-8d2e@example.org', 'someone.else@example.org']);
    const c = await admin.ok('client-create', { firstName: 'Tobias', email: 'Tobias.Unmatched-8d2e@example.org' });

    await admin.ok('client-purge', { id: c.id, confirm: 'ERASE' });

    const problems = await admin.ok('sales-import-problems', { importId: report.importId! });
    expect(problems.csv).toContain('someone.else@example.org');
    expect(problems.csv.toLowerCase()).not.toContain('tobias');
    expectBytesGone(app, ['tobias.unmatched-8d2e', 'Tobias.Unmatched-8d2e']);
    // The uploaded sales file named the person too.
    expect(await admin.call('sales-import', { uploadId, mode: 'ongoing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
