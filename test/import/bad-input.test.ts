import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, type TestClient } from '../helpers/app';
import { download, importCsv, upload } from '../helpers/files';

const clientCount = async (app: Awaited<ReturnType<typeof startApp>>) =>
  Number((await app.services.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function inspectError(admin: TestClient, content: string | Buffer) {
  const uploadId = await upload(admin, 'bad.csv', content);
  const r = await admin.call('import-inspect', { uploadId });
  if (r.ok) throw new Error('expected the inspection to fail');
  return r.error;
}

describe('import: csv-spectrum style records', () => {
  it('parses quoted commas, escaped quotes, newlines in fields, CRLF, empty fields and a BOM', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const csv =
      '\uFEFFFirst name,Last name,Notes,City\r\n' +
      '"Anne, Marie",Dupont,"She said ""hello""",Lyon\r\n' +
      'Bob,,"line one\nline two\r\nline three",\r\n' +
      'Cleo,"",,"Saint-Étienne"\r\n' +
      '\r\n' +
      'Dan,O\'Neil,"",""';
    const { inspection, result } = await importCsv(admin, csv);
    expect(inspection.headers).toEqual(['First name', 'Last name', 'Notes', 'City']);
    expect(result).toMatchObject({ rows: 4, created: 4, rejected: 0 });
    const rows = await app.services.db.selectFrom('clients').select(['first_name', 'last_name', 'notes', 'city']).orderBy('id').execute();
    expect(rows).toEqual([
      { first_name: 'Anne, Marie', last_name: 'Dupont', notes: 'She said "hello"', city: 'Lyon' },
      { first_name: 'Bob', last_name: '', notes: 'line one\nline two\r\nline three', city: null },
      { first_name: 'Cleo', last_name: '', notes: null, city: 'Saint-Étienne' },
      { first_name: 'Dan', last_name: "O'Neil", notes: null, city: null },
    ]);
  });

  it('numbers lines across multi-line records when reporting rejected rows', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const csv = 'First name,Email,Notes\nAnn,ann@example.com,"two\nlines"\n,nobody@example.com,\nCy,not-an-email,\n';
    const { result } = await importCsv(admin, csv);
    expect(result.problems).toEqual([
      { line: 4, outcome: 'rejected', column: 'First name', reason: 'First name is required' },
      { line: 5, outcome: 'rejected', column: 'Email', reason: 'Email is not a valid address' },
    ]);
  });
});

describe('import: malformed files', () => {
  it('refuses an empty file, a binary file, and reports an unterminated quote with its line', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    expect((await inspectError(admin, Buffer.alloc(0))).message).toBe('The file is empty.');
    expect((await inspectError(admin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 9]))).message).toMatch(/binary/);
    expect((await inspectError(admin, 'First name,Notes\nAnn,ok\nBob,"never closed\nCy,fine\n')).message).toMatch(
      /^Line 3: a quoted field is never closed/,
    );
    // Past the inspected rows, the run itself refuses the file and writes nothing.
    const later = `First name,Notes\n${'Ann,ok\n'.repeat(50)}Bob,"never closed\nCy,fine\n`;
    const uploadId = await upload(admin, 'quote.csv', later);
    const run = await admin.call('import-run', { uploadId, encoding: 'utf-8', delimiter: ',', mapping: ['firstName', 'notes'], dryRun: false });
    expect(run.ok).toBe(false);
    if (!run.ok) {
      expect(run.error.code).toBe('VALIDATION');
      expect(run.error.message).toMatch(/^Line 52: a quoted field is never closed/);
    }
    expect(await clientCount(app)).toBe(0);
  });

  it('handles a header-only file, duplicate headers, ragged rows and invalid UTF-8', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const headerOnly = await importCsv(admin, 'First name,Email\n');
    expect(headerOnly.result).toMatchObject({ rows: 0, created: 0 });

    const dupes = await importCsv(admin, 'First name,Email,email\nAnn,ann@example.com,other@example.com\n');
    expect(dupes.inspection.duplicateHeaders).toEqual(['email']);
    expect(dupes.inspection.mapping).toEqual(['firstName', 'email', null]);

    const ragged = await importCsv(admin, 'First name,Email\nBea,bea@example.com\nCal\nDee,dee@example.com,extra\n');
    expect(ragged.result.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'The row has 1 fields but the header has 2'],
      [4, 'The row has 3 fields but the header has 2'],
    ]);
    expect(ragged.result.created).toBe(1);

    const invalid = Buffer.concat([Buffer.from('First name,City\nEve,Paris\nFay,'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')]);
    const uploadId = await upload(admin, 'bad-utf8.csv', invalid);
    const r = await admin.ok('import-run', { uploadId, encoding: 'utf-8', delimiter: ',', mapping: ['firstName', 'city'], dryRun: false });
    expect(r.problems).toEqual([{ line: 3, outcome: 'rejected', column: null, reason: expect.stringContaining('not valid utf-8') }]);
    expect(r.created).toBe(1);
  });

  it('refuses a file of 5,000 columns at inspection in words, not with the schema’s text later', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const header = ['First name', ...Array.from({ length: 4999 }, (_, i) => `Extra ${i}`)].join(',');
    const error = await inspectError(admin, `${header}\nAnn${','.repeat(4999)}\n`);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'Line 1: The file has 5,000 columns; Clientele reads at most 1,000. Is the delimiter right, and is this a clients file?',
      details: { line: 1 },
    });
  });

  it('stops at a record larger than any field we store (a 2 MB single field), naming the line', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const uploadId = await upload(admin, 'huge.csv', `First name,Notes\nAnn,ok\nBob,"${'x'.repeat(2_000_000)}"\n`);
    const r = await admin.call('import-run', { uploadId, encoding: 'utf-8', delimiter: ',', mapping: ['firstName', 'notes'], dryRun: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Line 3: a record is longer than 1,000,000 characters/);
    expect(await clientCount(app)).toBe(0);
  });

  it('writes the rejected rows as they were, with a reason, to the error report', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { result } = await importCsv(admin, 'First name,Email,Birthday\nAnn,ann@example.com,1990-02-30\n"Bo, Jr",bo@example,\nCy,cy@example.com,12/31/1980\n', {
      dateOrder: 'mdy',
    });
    // An unreadable birthday is a warning that leaves it empty (dates.test.ts), not a rejected row.
    expect(result).toMatchObject({ created: 2, rejected: 1, warnings: 1 });
    const report = (await download(admin, result.errorReportId!)).toString('utf8');
    expect(report).toBe('Line,First name,Email,Birthday,Reason\n' + '3,"Bo, Jr",bo@example,,Email: Email is not a valid address\n');
  });
});
