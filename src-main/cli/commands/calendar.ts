import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, type Command } from '../context';
import { refuseRecovery } from './shared';

const USAGE = 'calendar FILE.ics --user NAME (--staff ID|me | --location ID|NAME) --from YYYY-MM-DD --to YYYY-MM-DD [--no-cancelled] [--json]';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'Write a staff member’s or a location’s appointments you may see to an iCalendar (.ics) file.',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        user: { type: 'string' },
        staff: { type: 'string' },
        location: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'no-cancelled': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new CliError(`usage: ${USAGE}`, 2);
    if ((values.staff === undefined) === (values.location === undefined)) throw new CliError('calendar needs either --staff or --location.', 2);
    if (!values.from || !DATE.test(values.from) || !values.to || !DATE.test(values.to)) throw new CliError('calendar needs --from and --to as YYYY-MM-DD.', 2);
    if (!values.user) throw new CliError('calendar needs --user NAME.', 2);
    const app = await ctx.openApp();
    refuseRecovery(app);
    const session = await ctx.login(app, values.user);
    let by: { staffId: number } | { locationId: number };
    if (values.staff !== undefined) {
      const me = (await session.call('session-get', {}))!.staff;
      const id = values.staff === 'me' ? me.id : Number(values.staff);
      if (!Number.isSafeInteger(id) || id < 1) throw new CliError('--staff takes a staff id or "me".', 2);
      by = { staffId: id };
    } else {
      const wanted = values.location!.trim();
      const locations = await session.call('location-list', {});
      const found = locations.find((l) => String(l.id) === wanted || l.name.toLowerCase() === wanted.toLowerCase());
      if (!found) throw new CliError(`--location: no location "${wanted}" (${locations.map((l) => l.name).join(', ')}).`, 2);
      by = { locationId: found.id };
    }
    const result = await session.call('appointment-ics', { by, from: values.from, to: values.to, includeCancelled: !values['no-cancelled'] });
    writeFileSync(resolve(file), result.ics, 'utf8');
    ctx.out(values.json ? JSON.stringify({ ok: true, file, appointments: result.count }) : `Wrote ${result.count} appointments to ${file}.`);
    return 0;
  },
};
