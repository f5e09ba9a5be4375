import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';
import { importCsv, runImport, upload } from '../helpers/files';

type App = Awaited<ReturnType<typeof startApp>>;
const snapshot = (app: App) =>
  app.services.db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name', 'email', 'phone', 'phone_e164', 'city', 'notes', 'version', 'assigned_staff_id'])
    .orderBy('id')
    .execute();

const BOOK = 'First name,Last name,Email,Phone,City\nAnn,Lee,ann@example.com,+1 212 555 0101,\nBob,Kim,,+1 212 555 0102,Boston\n';
const INCOMING =
  'First name,Last name,Email,Phone,City,Notes\n' +
  'Annie,Lee,ANN@example.com,,Chicago,returning\n' + // same email, other case
  'Robert,Kim,bob@example.com,(212) 555-0102,Denver,\n' + // same phone in another format
  'Cat,Ng,cat@example.com,,Austin,\n' + // new
  'Cathy,Ng,Cat@Example.com,,Austin,\n'; // same email as the row above

describe('import: duplicates, dry run, re-import and undo', () => {
  it('a dry run reports per-row outcomes and changes nothing; the commit matches it', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, BOOK);
    const before = await snapshot(app);
    const uploadId = await upload(admin, 'incoming.csv', INCOMING);
    const inspection = await admin.ok('import-inspect', { uploadId });
    const dry = await runImport(admin, inspection, { dryRun: true, onDuplicate: 'skip' });
    expect(dry).toMatchObject({ dryRun: true, importId: null, created: 1, updated: 0, skipped: 3, rejected: 0 });
    expect(dry.sample.map((s) => [s.line, s.outcome])).toEqual([[2, 'skipped'], [3, 'skipped'], [4, 'created'], [5, 'skipped']]);
    expect(dry.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'Already in the book: Ann Lee (same email)'],
      [3, 'Already in the book: Bob Kim (same phone)'],
      [5, 'Same email as line 4 of this file'],
    ]);
    expect(await snapshot(app)).toEqual(before);
    const commit = await runImport(admin, inspection, { onDuplicate: 'skip' });
    expect(commit).toMatchObject({ created: dry.created, skipped: dry.skipped, rejected: dry.rejected });
  });

  it('fill blanks only and overwrite update matches, and undo restores exactly', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, BOOK);
    const original = await snapshot(app);

    const fill = await importCsv(admin, INCOMING, { onDuplicate: 'fill' });
    expect(fill.result).toMatchObject({ created: 1, updated: 2, skipped: 1 });
    let rows = await snapshot(app);
    expect(rows[0]).toMatchObject({ first_name: 'Ann', email: 'ann@example.com', city: 'Chicago', notes: 'returning', version: 2 });
    expect(rows[1]).toMatchObject({ first_name: 'Bob', email: 'bob@example.com', city: 'Boston', version: 2 });

    const undo = await admin.ok('import-undo', { importId: fill.result.importId! });
    expect(undo).toEqual({ removed: 1, restored: 2, kept: [] });
    rows = await snapshot(app);
    expect(rows.map(({ version: _v, ...r }) => r)).toEqual(original.map(({ version: _v, ...r }) => r));

    const over = await importCsv(admin, INCOMING, { onDuplicate: 'overwrite' });
    expect(over.result).toMatchObject({ created: 1, updated: 2 });
    rows = await snapshot(app);
    expect(rows[0]).toMatchObject({ first_name: 'Annie', email: 'ANN@example.com', city: 'Chicago' });
    expect(rows[1]).toMatchObject({ first_name: 'Robert', phone: '(212) 555-0102', phone_e164: '+12125550102', city: 'Denver' });
    await admin.ok('import-undo', { importId: over.result.importId! });
    expect((await snapshot(app)).map(({ version: _v, ...r }) => r)).toEqual(original.map(({ version: _v, ...r }) => r));
  });

  it('a column the file does not have never changes a field; an empty cell empties one only under overwrite, and the dry run lists it', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, 'First name,Last name,Email,Phone,City,Notes\nAnn,Lee,ann@example.com,+1 212 555 0101,Boston,Likes silk\n');
    const original = (await snapshot(app))[0]!;
    // No Last name and no Phone column; City and Notes are there, City's cell empty.
    const file = 'First name,Email,City,Notes\nAnnie,ann@example.com,,Prefers wool\n';

    const fill = await importCsv(admin, file, { onDuplicate: 'fill' });
    expect(fill.result).toMatchObject({ updated: 0, skipped: 1 });
    expect((await snapshot(app))[0]).toEqual(original);

    const uploadId = await upload(admin, 'no-last-name.csv', file);
    const inspection = await admin.ok('import-inspect', { uploadId });
    const dry = await runImport(admin, inspection, { dryRun: true, onDuplicate: 'overwrite' });
    expect(dry).toMatchObject({ updated: 1 });
    expect(dry.problems).toEqual([{ line: 2, outcome: 'updated', column: 'City', reason: 'Empties City: its cell is empty and duplicates are overwritten' }]);

    const over = await runImport(admin, inspection, { onDuplicate: 'overwrite' });
    expect(over.problems).toEqual(dry.problems);
    expect((await snapshot(app))[0]).toEqual({ ...original, first_name: 'Annie', city: null, notes: 'Prefers wool', version: original.version + 1 });

    const blankLast = await importCsv(admin, 'First name,Last name,Email\nAnnie,,ann@example.com\n', { onDuplicate: 'overwrite' });
    expect(blankLast.result.problems.map((p) => [p.column, p.outcome])).toEqual([['Last name', 'updated']]);
    expect((await snapshot(app))[0]).toMatchObject({ last_name: '', phone: original.phone, phone_e164: original.phone_e164 });
  });

  it('re-importing the same file warns and creates nothing', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const first = await importCsv(admin, BOOK, { name: 'book.csv' });
    const again = await importCsv(admin, BOOK, { name: 'book-copy.csv' });
    expect(again.inspection.previousImports).toEqual([{ id: first.result.importId, at: expect.any(String), by: 'Ada Admin', undone: false }]);
    expect(again.result).toMatchObject({ created: 0, skipped: 2 });
    expect(await snapshot(app)).toHaveLength(2);
  });

  it('undo keeps clients changed since the import and says which', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { result } = await importCsv(admin, BOOK);
    const [ann] = await snapshot(app);
    await app.services.db.updateTable('clients').set({ city: 'Paris', version: 2 }).where('id', '=', ann!.id).execute();
    const undo = await admin.ok('import-undo', { importId: result.importId! });
    expect(undo).toEqual({ removed: 1, restored: 0, kept: [{ clientId: ann!.id, name: 'Ann Lee', reason: 'changed since the import' }] });
    const again = await admin.call('import-undo', { importId: result.importId! });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const history = await admin.ok('import-history', {});
    expect(history[0]).toMatchObject({ id: result.importId, fileName: 'clients.csv', created: 2, undoneAt: expect.any(String) });
  });

  it('goes to the default assignee, or to the chosen associate; associates cannot import', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const amy = await staffSession(app, admin, { name: 'Amy Associate', username: 'amy', role: 'associate' });
    await app.services.db.updateTable('shop_settings').set({ default_assignee_id: amy.id }).execute();
    await importCsv(admin, 'First name\nDee\n');
    await importCsv(admin, 'First name\nEd\n', { assign: { kind: 'unassigned' } });
    await importCsv(admin, 'First name\nFlo\n', { assign: { kind: 'me' } });
    const rows = await snapshot(app);
    expect(rows.map((r) => [r.first_name, r.assigned_staff_id])).toEqual([['Dee', amy.id], ['Ed', null], ['Flo', 1]]);
    const denied = await amy.call('file-upload', { uploadId: null, name: 'x.csv', offset: 0, data: '', last: true });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
  });
});

describe('import and profile: letters beyond ASCII compare as the book does', () => {
  it('match a client whose email differs only in the case of its ASCII letters, and never fail on the unique key', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const elodie = await admin.ok('client-create', { firstName: 'Élodie', email: 'Élodie@Exemple.fr' });
    const clash = await admin.call('client-create', { firstName: 'Other', email: 'ÉLODIE@EXEMPLE.FR' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'DUPLICATE', details: { existingClientId: elodie.id } } });

    const { result } = await importCsv(admin, 'First name,Email\nÉlo,ÉLODIE@exemple.FR\nZoë,ZOË@exemple.fr\nZoe,zoË@EXEMPLE.fr\n');
    expect(result).toMatchObject({ created: 1, skipped: 2, rejected: 0 });
    expect(result.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'Already in the book: Élodie (same email)'],
      [4, 'Same email as line 3 of this file'],
    ]);

    // A sales file finds her by the same key.
    const uploadId = await upload(admin, 'sales.csv', 'transaction_id,client_email,amount,sold_at\nt1,ÉLODIE@EXEMPLE.FR,20.00,2026-01-05\n');
    expect(await admin.ok('sales-import', { uploadId, mode: 'ongoing' })).toMatchObject({ imported: 1, problems: 0 });
    expect((await admin.ok('client-get', { id: elodie.id })).status).toBe('existing');
  });

  it('keeps tags the book tells apart, and links each row to its own', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { result } = await importCsv(admin, 'First name,Tags\nAna,"École, école, ÉCOLE"\nBo,école\nCy,ÉCOLE\n');
    expect(result).toMatchObject({ created: 3, rejected: 0 });
    const tagsOf = async (firstName: string) =>
      (await app.services.db.selectFrom('clients').innerJoin('client_tags', 'client_tags.client_id', 'clients.id').innerJoin('tags', 'tags.id', 'client_tags.tag_id')
        .select('tags.name').where('clients.first_name', '=', firstName).orderBy('tags.name').execute()).map((r) => r.name);
    expect(await tagsOf('Ana')).toEqual(['école', 'École'].sort());
    expect(await tagsOf('Bo')).toEqual(['école']);
    expect(await tagsOf('Cy')).toEqual(['École']);
    // A profile keeps them apart the same way.
    const di = await admin.ok('client-create', { firstName: 'Di' });
    const saved = await admin.ok('client-update', { id: di.id, version: di.version, tags: ['École', 'école', 'ÉCOLE'] });
    expect([...saved.tags].sort()).toEqual(['école', 'École'].sort()); // ÉCOLE is the École the book has
  });
});
