/** NUL is no character a person types: refused in every text field and search, and in an import's cells, with the field named. */
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp } from '../helpers/app';
import { importCsv } from '../helpers/files';

describe('a NUL character', () => {
  it('in a search or a name is refused naming the field, not answered INTERNAL or stored', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'Ann', email: 'ann@example.com' });
    expect(await admin.call('client-list', { query: 'ann\u0000' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'query', message: 'Search cannot contain a NUL character' }] } },
    });
    expect(await admin.call('client-create', { firstName: 'A\u0000B' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'firstName' }] } } });
    expect((await admin.ok('client-list', { query: 'ann' })).items).toHaveLength(1);
  });

  it('in an import’s cell past the part of the file read as a sample rejects that row, naming the column', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const filler = Array.from({ length: 2000 }, (_, i) => `Guest${i},Row,guest${i}@example.com`).join('\n');
    const { result } = await importCsv(admin, `First name,Last name,Email\n${filler}\nBad\u0000Name,Row,bad@example.com\n`);
    expect(result).toMatchObject({ created: 2000, rejected: 1 });
    expect(result.problems).toEqual([{ line: 2002, outcome: 'rejected', column: 'First name', reason: 'First name contains a NUL character (binary data?)' }]);
    expect(app.services.sqlite.prepare("SELECT count(*) FROM clients WHERE instr(first_name, char(0)) > 0").pluck().get()).toBe(0);
  });
});
