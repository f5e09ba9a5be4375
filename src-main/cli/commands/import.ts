import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { headerKey } from '../../domain/import-fields';
import { IMPORT_FIELDS, type ImportField } from '../../../src-preload/csv';
import type { Input } from '../../../src-preload/contract';
import { CliError, type Command } from '../context';
import { downloadFile, uploadFile } from '../files';
import { importSales } from './import-sales';
import { refuseRecovery } from './shared';

const USAGE =
  'import sales FILE --user NAME [--onboarding] [--dry-run] [--errors PROBLEMS.csv] [--json]\n' +
  '       import clients FILE --user NAME [--dry-run] [--on-duplicate skip|fill|overwrite] [--mapping MAPPING.json] [--encoding E] ' +
  '[--delimiter D] [--date-order ymd|dmy|mdy] [--assign default|unassigned|me|column|USERNAME] [--tag TAG]... [--errors REPORT.csv] [--json]';

/** A mapping file is JSON: { "Header in the file": "field" | null }. */
async function readMapping(path: string, headers: string[]): Promise<(ImportField | null)[]> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, string | null>;
  const byKey = new Map(Object.entries(raw).map(([h, f]) => [headerKey(h), f]));
  return headers.map((h) => {
    const field = byKey.get(headerKey(h));
    if (field === undefined || field === null) return null;
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw new CliError(`${path}: "${field}" is not a field (${IMPORT_FIELDS.join(', ')}).`, 2);
    return field as ImportField;
  });
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import clients (dry run, duplicate policy, assignment, error report) or a POS sales history (--onboarding assigns by total spend).',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        user: { type: 'string' },
        as: { type: 'string' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'on-duplicate': { type: 'string' },
        mapping: { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        'date-order': { type: 'string' },
        assign: { type: 'string' },
        tag: { type: 'string', multiple: true },
        errors: { type: 'string' },
        onboarding: { type: 'boolean' },
      },
    });
    const [what, file] = positionals;
    if ((what !== 'clients' && what !== 'sales') || !file || positionals.length > 2) throw new CliError(`usage: ${USAGE}`, 2);
    if (what === 'clients' && values.onboarding) throw new CliError('--onboarding is for `import sales`.', 2);
    const clientsOnly = ['on-duplicate', 'mapping', 'encoding', 'delimiter', 'date-order', 'assign', 'tag'].filter((o) => values[o as keyof typeof values] !== undefined);
    if (what === 'sales' && clientsOnly.length) throw new CliError(`--${clientsOnly[0]} is for \`import clients\`; a sales file's columns and format are recognised.`, 2);
    const user = values.user ?? values.as;
    if (!user) throw new CliError('import needs --user NAME (an Admin or Manager).', 2);
    const app = await ctx.openApp();
    refuseRecovery(app);
    const session = await ctx.login(app, user);
    if (what === 'sales') {
      return importSales(session, file, { onboarding: Boolean(values.onboarding), dryRun: Boolean(values['dry-run']), json: Boolean(values.json), errors: values.errors }, ctx);
    }
    const say = (line: string) => {
      if (!values.json) ctx.out(line);
    };

    const uploadId = await uploadFile(session, resolve(file));
    const inspection = await session.call('import-inspect', {
      uploadId,
      encoding: values.encoding,
      delimiter: values.delimiter as Input<'import-inspect'>['delimiter'],
    });
    const mapping = values.mapping ? await readMapping(values.mapping, inspection.headers) : inspection.mapping;
    const assignArg = values.assign ?? 'default';
    let assign: Input<'import-run'>['assign'];
    if (['default', 'unassigned', 'me', 'column'].includes(assignArg)) assign = { kind: assignArg as 'default' };
    else {
      const staff = await session.call('staff-list', {});
      const who = staff.find((s) => s.username === assignArg.toLowerCase());
      if (!who) throw new CliError(`--assign: no staff member "${assignArg}".`, 2);
      assign = { kind: 'staff', staffId: who.id };
    }
    if (inspection.previousImports.length) {
      say(`Note: this same file was imported before (${inspection.previousImports.map((p) => `#${p.id} at ${p.at}`).join(', ')}).`);
    }
    say(`${inspection.fileName}: ${inspection.encoding}, delimiter ${JSON.stringify(inspection.delimiter)}, ${inspection.headers.length} columns`);
    // As the app's import screen says: of two columns with one header, only one can be mapped.
    if (inspection.duplicateHeaders.length) {
      const twice = inspection.duplicateHeaders;
      say(`Warning: ${twice.map((h) => JSON.stringify(h)).join(', ')} ${twice.length === 1 ? 'appears' : 'appear'} more than once; only one column of each name can be mapped (the other is ignored).`);
    }
    for (const [i, h] of inspection.headers.entries()) say(`  ${h.padEnd(32)} -> ${mapping[i] ?? '(ignored)'}`);
    const result = await session.call('import-run', {
      uploadId,
      encoding: inspection.encoding,
      delimiter: inspection.delimiter as ',',
      mapping,
      dateOrder: (values['date-order'] ?? inspection.dateOrder) as 'ymd',
      onDuplicate: (values['on-duplicate'] ?? 'skip') as 'skip',
      assign,
      tags: values.tag ?? [],
      dryRun: Boolean(values['dry-run']),
    });
    if (result.errorReportId && values.errors) await downloadFile(session, result.errorReportId, resolve(values.errors));
    const rejected = result.problems.filter((p) => p.outcome === 'rejected').map((p) => ({ line: p.line, column: p.column, reason: p.reason }));
    // Each line skipped as a duplicate, with the client it matched (named only if the importer may see them) or the earlier line.
    const skipped = result.problems.filter((p) => p.outcome === 'skipped').map((p) => ({ line: p.line, reason: p.reason, duplicateOf: p.duplicateOf ?? null }));
    if (values.json) {
      ctx.out(
        JSON.stringify({
          ok: true, dryRun: result.dryRun, importId: result.importId, rows: result.rows, created: result.created,
          updated: result.updated, skipped: result.skipped, rejected: result.rejected, warnings: result.warnings,
          rejectedRows: rejected, skippedRows: skipped, truncated: result.problemsTruncated, duplicateHeaders: inspection.duplicateHeaders,
        }),
      );
      return 0;
    }
    say(
      `${result.dryRun ? 'Dry run (nothing written)' : `Import #${result.importId}`}: ${result.rows} rows — ${result.created} created, ` +
        `${result.updated} updated, ${result.skipped} skipped, ${result.rejected} rejected, ${result.warnings} warnings.`,
    );
    for (const r of rejected.slice(0, 20)) say(`  line ${r.line}: ${r.column ? `${r.column}: ` : ''}${r.reason}`);
    for (const r of skipped.slice(0, 20)) say(`  line ${r.line} skipped: ${r.reason}`);
    if (skipped.length > 20) say(`  … and ${skipped.length - 20} more skipped.`);
    if (result.rejected > 20) say(`  … and ${result.rejected - 20} more${values.errors ? ` in ${values.errors}` : ' (write them all with --errors FILE)'}.`);
    return 0;
  },
};
