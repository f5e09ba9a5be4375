/**
 * Dates in an import file (issue 17): the order is guessed from the file's own values, then
 * from the shop's country (a UK shop's 03/04/1985 is 3 April); the inspection shows how the
 * first dates read; an unreadable birthday or anniversary is a warning naming the column and
 * what was expected, and leaves that field empty instead of rejecting the client. Tried as an
 * Admin, a North Manager and a contact-hidden custom role; an Associate may not import.
 */
import { describe, expect, it } from 'vitest';
import { guessDateOrder } from '../../src-main/domain/date-order';
import type { TestClient } from '../helpers/app';
import { cast } from '../helpers/cast';
import { upload } from '../helpers/files';

const inspect = async (who: TestClient, csv: string) => who.ok('import-inspect', { uploadId: await upload(who, 'dates.csv', csv) });

describe('the date order of a file', () => {
  it('is decided by a value that reads only one way, else by the shop’s country', () => {
    const at = (...values: string[]) => values.map((value, i) => ({ line: i + 2, value }));
    expect(guessDateOrder(at('03/04/1985', '13/04/1990'), 'US')).toEqual({ order: 'dmy', because: '"13/04/1990" on line 3 can only be day first' });
    expect(guessDateOrder(at('03/04/1985', '04/13/1990'), 'GB')).toEqual({ order: 'mdy', because: '"04/13/1990" on line 3 can only be month first' });
    expect(guessDateOrder(at('03/04/1985', ''), 'GB').order).toBe('dmy');
    expect(guessDateOrder(at('03/04/1985'), 'US').order).toBe('mdy');
    expect(guessDateOrder(at('1985-04-03', '1990-12-01'), 'US').order).toBe('ymd');
    expect(guessDateOrder(at('13/04/1985', '04/13/1990'), 'DE')).toEqual({ order: 'dmy', because: "the file has dates both ways round; dates are written day/month/year in DE, the shop's country" });
    expect(guessDateOrder([], 'JP').order).toBe('ymd');
  });
});

describe('importing dates', () => {
  it('reads a UK shop’s 03/04/1985 as 3 April, shows how the first dates read, and keeps a client whose birthday cannot be read', async () => {
    const { app, admin, people } = await cast({ country: 'GB' });
    const csv = ['First name,Last name,Date of birth,Anniversary', 'Ann,Lee,03/04/1985,', 'Bob,Kim,1990 or so,12/06/2010', 'Cy,Ng,not known,'].join('\n');
    for (const [label, who] of people) {
      if (label === 'Associate') {
        const refused = await who.call('file-upload', { uploadId: null, name: 'dates.csv', offset: 0, data: Buffer.from(csv).toString('base64'), last: true });
        expect([label, refused.ok ? 'ran' : refused.error.code]).toEqual([label, 'FORBIDDEN']);
        continue;
      }
      const inspection = await inspect(who, csv);
      if (label === 'narrowed role') {
        // Dates are not hidden from this role (only contact details): it reads them as everyone does.
        expect(inspection.mapping).toEqual(['firstName', 'lastName', 'birthday', 'anniversary']);
      }
      expect([label, inspection.dateOrder, inspection.dateOrderBecause]).toEqual([label, 'dmy', "dates are written day/month/year in GB, the shop's country"]);
      expect(inspection.dateSamples.slice(0, 3)).toEqual([
        { line: 2, column: 'Date of birth', value: '03/04/1985', reads: { ymd: null, dmy: '1985-04-03', mdy: '1985-03-04' } },
        { line: 3, column: 'Date of birth', value: '1990 or so', reads: { ymd: null, dmy: null, mdy: null } },
        { line: 3, column: 'Anniversary', value: '12/06/2010', reads: { ymd: null, dmy: '2010-06-12', mdy: '2010-12-06' } },
      ]);
      const run = { uploadId: inspection.uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, dateOrder: inspection.dateOrder };
      const preview = await who.ok('import-preview', run);
      expect(preview.map((r) => (r.ok ? [r.line, r.values.birthday, r.warnings.length] : [r.line, r.reason]))).toEqual([
        [2, '1985-04-03', 0],
        [3, null, 1],
        [4, null, 1],
      ]);
      const dry = await who.ok('import-run', { ...run, dryRun: true });
      expect([label, dry.created, dry.rejected, dry.warnings]).toEqual([label, 3, 0, 2]);
      expect(dry.problems.filter((p) => p.outcome === 'warning')).toEqual([
        { line: 3, outcome: 'warning', column: 'Date of birth', reason: 'Birthday "1990 or so" in column "Date of birth" is not a date written day/month/year (as 03/04/1985 for 3 April 1985); left empty' },
        { line: 4, outcome: 'warning', column: 'Date of birth', reason: 'Birthday "not known" in column "Date of birth" is not a date written day/month/year (as 03/04/1985 for 3 April 1985); left empty' },
      ]);
    }
    // The Admin's import stores what the dry run said.
    const inspection = await inspect(admin, csv);
    await admin.ok('import-run', { uploadId: inspection.uploadId, encoding: inspection.encoding, delimiter: ',', mapping: inspection.mapping, dateOrder: inspection.dateOrder, dryRun: false });
    const rows = await app.services.db.selectFrom('clients').select(['first_name', 'birthday', 'anniversary']).orderBy('id').execute();
    expect(rows).toEqual([
      { first_name: 'Ann', birthday: '1985-04-03', anniversary: null },
      { first_name: 'Bob', birthday: null, anniversary: '2010-06-12' },
      { first_name: 'Cy', birthday: null, anniversary: null },
    ]);
  });

  it('lets a value past the 12th decide against the country: a UK shop reads an American file month first', async () => {
    const { admin } = await cast({ country: 'GB' });
    const inspection = await inspect(admin, 'First name,Birthday\nAnn,03/04/1985\nBob,04/13/1990\n');
    expect([inspection.dateOrder, inspection.dateOrderBecause]).toEqual(['mdy', '"04/13/1990" on line 3 can only be month first']);
  });
});
