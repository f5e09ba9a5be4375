import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, type Command } from '../context';
import { describeBackup, refuseRecovery } from './shared';

export const backup: Command = {
  name: 'backup',
  summary: 'Take a backup of the book now, into the backup folder (Admins).',
  usage: 'backup --user NAME',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { user: { type: 'string' } }, strict: true });
    if (!values.user) throw new CliError('backup needs --user NAME (an Admin).', 2);
    const app = await ctx.openApp();
    refuseRecovery(app);
    const session = await ctx.login(app, values.user);
    const info = await session.call('backup-take', {});
    ctx.out(`Backup taken: ${join(app.backups.folder(), info.file)}`);
    ctx.out(describeBackup(info));
    return 0;
  },
};
