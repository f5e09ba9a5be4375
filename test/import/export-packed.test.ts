/**
 * The export writes rows packed by SQLite (csv/packed.ts); the cell-by-cell JavaScript
 * formatter is the other definition of the same rules. Both must write the same bytes for
 * every preset and mode, over values that exercise every rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runExport, type ExportEncoding } from '../../src-main/jobs/export-job';
import { planExport, exportableColumns } from '../../src-main/services/export-columns';
import type { ExportParams } from '../../src-main/jobs/types';
import type { CsvMode } from '../../src-main/csv/write';
import { EXPORT_PRESETS, type ExportPreset } from '../../src-preload/csv';
import { setUpShop, startApp, tempDir } from '../helpers/app';
import { importCsv } from '../helpers/files';

type App = Awaited<ReturnType<typeof startApp>>;

const TRICKY = [
  '', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rreturn', 'crlf\r\nend', 'ends with newline\n',
  '=1+2', '+44 20 7946 0000', '-5', '@SUM(A1)', '\tindent', '\rreturn', '\nleading newline', "'already quoted",
  '=HYPERLINK("http://evil.example","x")', '=a,b', '-"x"', ' leading space', 'trailing space ', '42', '3.0', '1e5',
  '0042', 'trailing,', ',', 'ünïcödé', '日本語, テスト', '😀 emoji', 'ÿ', '\u2028sep', 'tab\tinside', 'x\u0000nul', '\u001eRS',
];
// country is exactly two characters.
const COUNTRIES = ['GB', '=1', '+1', '"x', 'a,', '\n1', '\t1', 'é"', '@a', '-1', '日本', ''];
const TEXT_FIELDS = [
  'last_name', 'email', 'phone', 'phone_e164', 'birthday', 'anniversary', 'address_line1', 'address_line2', 'city', 'region',
  'postal_code', 'notes', 'consent_email_at', 'consent_email_source', 'consent_sms_at', 'consent_sms_source',
] as const;
const MODES: CsvMode[] = ['excel', 'plain'];

/** A book where every tricky value sits in every text column, tags and assignment included. */
async function trickyBook(): Promise<App> {
  const app = await startApp();
  const admin = await setUpShop(app);
  const count = TRICKY.length + 2;
  const names = (from: number, to: number) => 'First name\n' + Array.from({ length: to - from }, (_, i) => `Client ${from + i}`).join('\n') + '\n';
  const db = app.services.db;
  const at = '2026-01-01T00:00:00.000Z';
  const half = Math.floor(count / 2);
  await importCsv(admin, names(0, half));
  // Ids far apart, so the export reads tags over more than one range of client ids.
  await db.insertInto('clients').values({ id: 100_000, first_name: 'Far', created_at: at, updated_at: at }).execute();
  await importCsv(admin, names(half, count));
  const ids = (await db.selectFrom('clients').select('id').orderBy('id').execute()).map((r) => r.id);
  const admins = await db.selectFrom('staff').select('id').execute();
  const tagIds: number[] = [];
  for (const name of ['=tag', 'a"b', 'c,d', 'plain', 'new\nline', 'ü']) {
    const row = await db.insertInto('tags').values({ name, created_at: at }).returning('id').executeTakeFirstOrThrow();
    tagIds.push(row.id);
  }
  for (const [i, id] of ids.entries()) {
    const pick = (offset: number) => TRICKY[(i + offset) % TRICKY.length]!;
    const values: Record<string, string | number | null> = {
      // A missing value (NULL) in each column on some row.
      ...Object.fromEntries(
        TEXT_FIELDS.map((f, c) => [f, (i + c) % 7 === 3 && f !== 'last_name' ? null : f === 'postal_code' ? pick(c).slice(0, 20) : pick(c)]),
      ),
      first_name: pick(TEXT_FIELDS.length) || 'x',
      country: COUNTRIES[i % COUNTRIES.length] || null,
      consent_email: i % 3 === 0 ? 0 : 1,
      consent_sms: i % 4 === 0 ? 0 : 1,
      assigned_staff_id: i % 2 ? admins[0]!.id : null,
    };
    // Emails are unique: the tricky value first, the row after it.
    if (values.email !== null) values.email = `${values.email}#${i}`;
    await db.updateTable('clients').set(values).where('id', '=', id).execute();
    for (const [t, tagId] of tagIds.entries()) {
      if ((i + t) % 3 === 0) await db.insertInto('client_tags').values({ client_id: id, tag_id: tagId }).execute();
    }
  }
  return app;
}

async function exportBytes(app: App, preset: ExportPreset, mode: CsvMode, encoding: ExportEncoding, columns?: string[]): Promise<Buffer> {
  const actor = { id: 1, scope: { kind: 'all' as const }, locationIds: null, hiddenFields: [] };
  const plan = planExport({ hiddenFields: [] }, preset, columns);
  const file = join(tempDir(), `${preset}-${mode}-${encoding}.csv`);
  const params: ExportParams = {
    databaseFile: app.databaseFile,
    workerFile: null,
    actor,
    filter: { searchContact: true, consentedTo: plan.consentedTo },
    header: plan.header,
    columns: plan.columns.map((c) => c.id),
    mode,
    file,
  };
  await runExport(params, { progress: () => undefined, cancelled: () => false }, encoding);
  return readFileSync(file);
}

describe('packed export rows', () => {
  it('writes the same bytes as the cell-by-cell formatter for every preset and mode', async () => {
    const app = await trickyBook();
    const all = exportableColumns({ hiddenFields: [] }).map((c) => c.id);
    const cases: [ExportPreset, string[] | undefined][] = [...EXPORT_PRESETS.map((p) => [p, undefined] as [ExportPreset, undefined]), ['clientele', all]];
    for (const [preset, columns] of cases) {
      for (const mode of MODES) {
        const packed = await exportBytes(app, preset, mode, 'packed', columns);
        const cells = await exportBytes(app, preset, mode, 'cells', columns);
        expect(packed.toString('utf8'), `${preset} ${columns ? 'all columns' : ''} ${mode}`).toBe(cells.toString('utf8'));
        expect(packed.equals(cells)).toBe(true);
        // Campaign lists hold only the consented clients; every other export holds them all.
        const records = parse(cells, { bom: true, relax_column_count: false });
        if (!preset.startsWith('campaign')) expect(records.length).toBe(TRICKY.length + 4);
        else expect(records.length).toBeGreaterThan(10);
      }
    }
  });

  it('reads bytes that are not UTF-8 as the formatter does, and falls back to cell by cell for a value holding the separator', async () => {
    const app = await trickyBook();
    const db = app.services.db;
    const [a, b] = await db.selectFrom('clients').select('id').orderBy('id').limit(2).execute();
    const same = async (expected: string) => {
      for (const mode of MODES) {
        const packed = await exportBytes(app, 'clientele', mode, 'packed');
        const cells = await exportBytes(app, 'clientele', mode, 'cells');
        expect(packed.equals(cells)).toBe(true);
        expect(cells.toString('utf8')).toContain(expected);
      }
    };
    // The formatter reads them with replacement characters; so must the packed rows.
    await sql`UPDATE clients SET city = CAST(x'41c32c42' AS TEXT), notes = CAST(x'41ff42' AS TEXT) WHERE id = ${a!.id}`.execute(db);
    await same('A\uFFFDB');
    await db.updateTable('clients').set({ notes: 'unit\u001fseparator' }).where('id', '=', b!.id).execute();
    await same('unit\u001fseparator');
  });
});
