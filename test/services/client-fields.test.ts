import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CLIENT_FIELDS, ERASED_COLUMNS, importFieldGroup, mergeableColumns, redactClientValues, REDACTED } from '../../src-main/domain/client-fields';
import { IMPORT_FIELD_GROUPS, IMPORT_FIELDS } from '../../src-preload/csv';
import { startApp } from '../helpers/app';

describe('the client-field catalogue', () => {
  it('declares every column of the clients table, and nothing else', async () => {
    const app = await startApp();
    const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_xinfo('clients')`.execute(app.services.db);
    expect(Object.keys(CLIENT_FIELDS).sort()).toEqual(rows.map((r) => r.name).sort());
  });

  it('erases every personal column and no bookkeeping one', () => {
    const personal = Object.entries(CLIENT_FIELDS).filter(([, f]) => f.personal).map(([c]) => c);
    expect(Object.keys(ERASED_COLUMNS).sort()).toEqual(personal.sort());
  });

  it('gives every import field a group consistent with its column, and tags their own', () => {
    const groups = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, importFieldGroup(f)]));
    // The screens' copy of the groups agrees with the catalogue.
    expect(IMPORT_FIELD_GROUPS).toEqual(groups);
    expect(groups).toMatchObject({ email: 'contact', phone: 'contact', phoneAlt: 'contact', birthday: 'dates', notes: 'notes', city: 'address', tags: 'tags', firstName: null, assignedTo: null });
  });

  it('lets a merge copy only what the person may see', () => {
    expect(mergeableColumns(new Set())).toContain('notes');
    expect(mergeableColumns(new Set(['notes', 'contact']))).not.toContain('notes');
    expect(mergeableColumns(new Set(['notes', 'contact']))).not.toContain('email');
    expect(mergeableColumns(new Set(['notes']))).toContain('first_name');
  });

  it('redacts hidden values by column or contract name, nested included', () => {
    const row = { firstName: 'Nia', email: 'n@example.com', address: { city: 'Oslo' }, phone_e164: '+4712345678', notes: 'x', tags: ['vip'] };
    expect(redactClientValues(row, new Set(['contact', 'tags']))).toEqual({ firstName: 'Nia', email: REDACTED, address: { city: 'Oslo' }, phone_e164: REDACTED, notes: 'x', tags: REDACTED });
    expect(redactClientValues(row, new Set(['address']))).toMatchObject({ address: REDACTED });
    expect(redactClientValues(row, new Set())).toBe(row);
  });
});
