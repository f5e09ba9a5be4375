import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { connect, setUpShop, startApp, staffSession, tempDir } from '../helpers/app';
import { download, GENERATOR, importCsv } from '../helpers/files';

type App = Awaited<ReturnType<typeof startApp>>;

const DANGEROUS = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)'];
// Imports and the contract trim text, so leading tab and CR can only be stored directly.
const WHITESPACE = ['\tindent', '\rreturn'];

async function exportText(client: ReturnType<typeof connect>, input: Parameters<typeof client.ok<'export-clients'>>[1]) {
  const result = await client.ok('export-clients', input);
  return { result, text: (await download(client, result.fileId)).toString('utf8') };
}

/** An Excel-safe export read as plain lines (BOM and CRLF removed), for people who may not export plain CSV. */
async function exportSafeText(client: ReturnType<typeof connect>, input: Parameters<typeof client.ok<'export-clients'>>[1]) {
  const { result, text } = await exportText(client, { ...input, mode: 'excel' });
  return { result, text: text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') };
}

describe('export', () => {
  it('neutralises formula cells in Excel mode, with a BOM and CRLF; plain mode re-imports them intact', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const csv = 'First name,Notes,Phone\n' + DANGEROUS.map((d, i) => `N${i},"${d.replace(/"/g, '""')}",+1 212 555 01${10 + i}`).join('\n') + '\n';
    const { result: imported } = await importCsv(admin, csv);
    expect(imported.created).toBe(DANGEROUS.length);

    await importCsv(admin, 'First name\nTab\nCr\n');
    for (const [i, notes] of WHITESPACE.entries()) {
      await app.services.db.updateTable('clients').set({ notes }).where('first_name', '=', i === 0 ? 'Tab' : 'Cr').execute();
    }
    const excel = await exportText(admin, { preset: 'clientele', columns: ['firstName', 'notes', 'phoneE164'] });
    expect(excel.text.startsWith('\uFEFFFirst name,Notes,Phone (E.164)\r\n')).toBe(true);
    const excelRows = parse<Record<string, string>>(excel.text.slice(1), { columns: true, record_delimiter: '\r\n' });
    expect(excelRows.map((r) => r.Notes)).toEqual([...DANGEROUS, ...WHITESPACE].map((d) => `'${d}`));
    // E.164 phones start with "+": neutralised, and still readable.
    expect(excelRows[0]!['Phone (E.164)']).toBe("'+12125550110");

    const plain = await exportText(admin, { preset: 'clientele', mode: 'plain' });
    expect(plain.text.startsWith('First name,')).toBe(true);
    expect(plain.text).not.toContain('\r\n');
    const fresh = await startApp();
    const other = await setUpShop(fresh);
    const { result } = await importCsv(other, plain.text, { assign: { kind: 'column' } });
    expect(result.created).toBe(DANGEROUS.length + 2);
    const notes = await fresh.services.db.selectFrom('clients').select('notes').orderBy('id').limit(DANGEROUS.length).execute();
    expect(notes.map((n) => n.notes)).toEqual(DANGEROUS);
    const audit = await app.services.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'client.export').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ preset: 'clientele', rows: DANGEROUS.length + 2 });
  });

  it('campaign lists hold only consented clients with the consent date; presets use the target headers', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(
      admin,
      'First name,Email,Phone,Email consent,Email consent at,SMS consent\n' +
        'Ann,ann@example.com,+1 212 555 0101,yes,2025-05-01T10:00:00Z,no\n' +
        'Bob,bob@example.com,+1 212 555 0102,no,,yes\n' +
        'Cy,,,yes,,\n',
    );
    const email = await exportText(admin, { preset: 'campaign-email', mode: 'plain' });
    expect(email.text).toBe('First name,Last name,Email,Consent date,Consent source\nAnn,,ann@example.com,2025-05-01T10:00:00Z,import\n');
    const sms = await exportText(admin, { preset: 'campaign-sms', mode: 'plain' });
    expect(sms.result.rows).toBe(1);
    expect(sms.text.split('\n')[1]).toMatch(/^Bob,,\+12125550102,/);
    const shopify = await exportText(admin, { preset: 'shopify', mode: 'plain' });
    expect(shopify.text.split('\n')[0]).toBe(
      'First Name,Last Name,Email,Accepts Email Marketing,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Phone,Accepts SMS Marketing,Tags,Note',
    );
    const hubspot = await exportText(admin, { preset: 'hubspot', query: 'bo', mode: 'plain' });
    expect(hubspot.result.rows).toBe(1);
  });

  it('exports exactly what the person may see', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const amy = await staffSession(app, admin, { name: 'Amy Associate', username: 'amy', role: 'associate' });
    await importCsv(admin, 'First name,Assigned to\nMine,amy\nTheirs,ada\nNobody,\n', { assign: { kind: 'column' } });
    const mine = await exportSafeText(amy, { preset: 'clientele', columns: ['firstName', 'assignedTo'] });
    // Her own client, and the store's Unassigned one she may claim; not the Admin's.
    expect(mine.text).toBe('First name,Assigned to\nMine,amy\nNobody,\n');
    const all = await exportText(admin, { preset: 'clientele', columns: ['firstName'], mode: 'plain' });
    expect(all.result.rows).toBe(3);
    // Another person cannot read the file by its id.
    const stolen = await admin.call('file-read', { fileId: mine.result.fileId, offset: 0 });
    expect(stolen.ok ? null : stolen.error.code).toBe('NOT_FOUND');
  });

  it("never exports a field the person's role hides, nor finds clients by it", async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, 'First name,Email,City,Notes,Birthday\nStan,stan@example.com,Oslo,secret,1980-01-02\n');
    const trainee = await admin.ok('role-create', { name: 'Trainee', baseRole: 'associate', visibility: 'all', hiddenFields: ['contact', 'notes'] });
    const tia = await staffSession(app, admin, { name: 'Tia Trainee', username: 'tia', role: 'associate' });
    await admin.ok('staff-update', { id: tia.id, customRoleId: trainee.id });
    const columns = (await tia.ok('export-columns', {})).map((c) => c.id);
    expect(columns).not.toContain('email');
    expect(columns).not.toContain('notes');
    const all = await exportSafeText(tia, { preset: 'clientele' });
    expect(all.text).toBe('First name,Last name,Birthday,Anniversary,Address line 1,Address line 2,City,Region,Postal code,Country,Tags,Email consent,Email consent at,Email consent source,SMS consent,SMS consent at,SMS consent source,Assigned to\nStan,,1980-01-02,,,,Oslo,,,,,no,,,no,,,\n');
    const asked = await tia.call('export-clients', { columns: ['firstName', 'email'] });
    expect(asked.ok ? null : asked.error).toMatchObject({ code: 'VALIDATION', message: 'columns: Column "email" cannot be exported.' });
    expect((await exportSafeText(tia, { query: 'stan@' })).result.rows).toBe(0);
  });

  it("exports a segment's clients; a segment on a field the role hides, or someone else's private one, is refused", async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await importCsv(admin, 'First name,Email,Accepts Email Marketing\nAnn,ann@example.com,yes\nBob,bob@example.com,no\n');
    const vip = await admin.ok('segment-save', { name: 'Consented', filters: { consentEmail: true } });
    const both = await exportText(admin, { segmentId: vip.id, columns: ['firstName'], mode: 'plain' });
    expect(both.text).toBe('First name\nAnn\n');
    const trainee = await admin.ok('role-create', { name: 'Trainee', baseRole: 'associate', visibility: 'all', hiddenFields: ['dates'] });
    const tia = await staffSession(app, admin, { name: 'Tia Trainee', username: 'tia', role: 'associate' });
    await admin.ok('staff-update', { id: tia.id, customRoleId: trainee.id });
    const hidden = await tia.call('export-clients', { segmentId: 'builtin:birthdays' });
    expect(hidden.ok ? null : hidden.error.code).toBe('FORBIDDEN');
    const private_ = await tia.call('export-clients', { segmentId: vip.id });
    expect(private_.ok ? null : private_.error.code).toBe('NOT_FOUND');
  });

  it('round-trips 10,000 generated clients losslessly (export plain -> import into a new book)', async () => {
    const dir = tempDir();
    const file = join(dir, 'clients.csv');
    execFileSync(process.execPath, [GENERATOR, '--rows', '10000', '--clients', file, '--no-sales']);
    const app = await startApp();
    const admin = await setUpShop(app);
    const first = await importCsv(admin, readFileSync(file));
    expect(first.result.created + first.result.skipped + first.result.rejected).toBe(10000);
    const exported = await exportText(admin, { preset: 'clientele', mode: 'plain' });
    expect(exported.result.rows).toBe(first.result.created);

    const copy = await startApp();
    const other = await setUpShop(copy);
    const second = await importCsv(other, exported.text, { assign: { kind: 'column' } });
    expect(second.result).toMatchObject({ created: first.result.created, rejected: 0, skipped: 0 });
    const dump = async (a: App) => {
      const rows = await a.services.db.selectFrom('clients').selectAll().orderBy('id').execute();
      const tags = await a.services.db
        .selectFrom('client_tags').innerJoin('tags', 'tags.id', 'client_tags.tag_id').select(['client_id', 'tags.name']).execute();
      const byClient = new Map<number, string[]>();
      for (const t of tags) byClient.set(t.client_id, [...(byClient.get(t.client_id) ?? []), t.name].sort());
      return rows.map(({ id, created_at: _c, updated_at: _u, created_by: _b, ...r }) => ({ ...r, tags: byClient.get(id) ?? [] }));
    };
    const [a, b] = [await dump(app), await dump(copy)];
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });
});
