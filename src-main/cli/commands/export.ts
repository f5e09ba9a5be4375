import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_COLUMN_IDS, EXPORT_PRESETS, type ExportColumnId, type ExportPreset } from '../../../src-preload/csv';
import { CliError, type CliSession, type Command } from '../context';
import { downloadFile } from '../files';
import { refuseRecovery } from './shared';

const USAGE = `export clients FILE --user NAME [--preset ${EXPORT_PRESETS.join('|')}] [--columns a,b,c] [--segment NAME] [--query TEXT] [--plain] [--json]`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export the clients you may see to a CSV file (Excel-safe unless --plain).',
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
        preset: { type: 'string' },
        columns: { type: 'string' },
        query: { type: 'string' },
        segment: { type: 'string' },
        plain: { type: 'boolean' },
      },
    });
    const [what, file] = positionals;
    if (what !== 'clients' || !file || positionals.length > 2) throw new CliError(`usage: ${USAGE}`, 2);
    if (values.segment !== undefined && !values.segment.trim()) throw new CliError('--segment needs a segment name.', 2);
    const preset = values.preset ?? 'clientele';
    if (!(EXPORT_PRESETS as readonly string[]).includes(preset)) throw new CliError(`--preset must be one of ${EXPORT_PRESETS.join(', ')}.`, 2);
    const columns = values.columns?.split(',').map((c) => c.trim()).filter(Boolean);
    const bad = columns?.find((c) => !(EXPORT_COLUMN_IDS as readonly string[]).includes(c));
    if (bad) throw new CliError(`--columns: "${bad}" is not a column (${EXPORT_COLUMN_IDS.join(', ')}).`, 2);
    const user = values.user ?? values.as;
    if (!user) throw new CliError('export needs --user NAME.', 2);
    const app = await ctx.openApp();
    refuseRecovery(app);
    const session = await ctx.login(app, user);
    const segmentId = values.segment === undefined ? undefined : await segmentNamed(session, values.segment);
    const result = await session.call('export-clients', {
      segmentId,
      preset: preset as ExportPreset,
      columns: columns as ExportColumnId[] | undefined,
      query: values.query,
      mode: values.plain ? 'plain' : 'excel',
    });
    const bytes = await downloadFile(session, result.fileId, resolve(file));
    ctx.out(values.json ? JSON.stringify({ ok: true, file, rows: result.rows, bytes }) : `Wrote ${result.rows} clients (${bytes} bytes) to ${file}.`);
    return 0;
  },
};

/**
 * The segment this person may export by that name (case-insensitive): the built-in ones,
 * their own private ones and shared ones, exactly as segment-list gives them.
 */
async function segmentNamed(session: CliSession, name: string): Promise<string> {
  const wanted = name.trim().toLowerCase();
  const segments = await session.call('segment-list', {});
  const matches = segments.filter((s) => s.name.toLowerCase() === wanted);
  // Your own private segment wins over a shared one of the same name, as in the app's list.
  const chosen = matches.find((s) => !s.builtIn && !s.shared) ?? (matches.length === 1 ? matches[0] : undefined);
  if (chosen) return chosen.id;
  if (matches.length > 1) throw new CliError(`More than one segment is named "${name}"; rename one in the app.`, 2);
  throw new CliError(`--segment: no segment named "${name}" that you can use (${segments.map((s) => s.name).join(', ')}).`, 2);
}
