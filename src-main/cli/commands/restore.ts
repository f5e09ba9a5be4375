import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, type Command } from '../context';

export const restore: Command = {
  name: 'restore',
  summary: 'Replace the book with a backup (Admins); the book is backed up first. Close Clientele first.',
  usage: [
    'restore FILE --user NAME',
    '',
    'FILE is a backup\'s name in the backup folder, or a path to one (its folder then becomes the',
    'backup folder). On a damaged book, or a new one with no staff yet, NAME and the password are',
    'checked against the backup: an active Admin of that backup may restore it.',
  ].join('\n'),
  async run(args, ctx) {
    const { values, positionals } = parseArgs({ args, options: { user: { type: 'string' } }, allowPositionals: true, strict: true });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new CliError('restore needs one backup FILE.', 2);
    if (!values.user) throw new CliError('restore needs --user NAME (an Admin).', 2);
    const isPath = /[\\/]/.test(file);
    const name = isPath ? basename(file) : file;
    const folder = isPath ? dirname(resolve(file)) : null;

    const app = await ctx.openApp();
    const anonymous = ctx.anonymous(app);
    const info = await anonymous.call('app-info', {});
    if (info.recovery || info.setupNeeded) {
      // Nobody can log in to this book: the backup's own Admin restores it.
      const before = app.backups.settings();
      if (folder) app.backups.saveSettings({ folder });
      try {
        const password = await ctx.password(values.user);
        await anonymous.call('recovery-restore', { file: name, username: values.user, password });
      } catch (err) {
        // A restore that did not happen changes no setting either.
        if (folder) app.backups.saveSettings({ folder: before.usingDefaultFolder ? null : before.folder });
        throw err;
      }
      ctx.out(`Restored ${name} from ${app.backups.folder()}.`);
      if (info.recovery?.damagedCopy) ctx.out(`The damaged book is kept at ${info.recovery.damagedCopy}.`);
    } else {
      const session = await ctx.login(app, values.user);
      const before = app.backups.settings();
      const moved = folder !== null && folder !== app.backups.folder();
      if (moved) await session.call('backup-settings-update', { folder });
      try {
        await session.call('backup-restore', { file: name });
      } catch (err) {
        if (moved) await session.call('backup-settings-update', { folder: before.usingDefaultFolder ? null : before.folder });
        throw err;
      }
      if (moved) ctx.out(`The backup folder is now ${folder}.`);
      const safety = app.backups.list().find((b) => b.reason === 'pre-restore');
      ctx.out(`Restored ${name}.`);
      if (safety) ctx.out(`The book as it was before is saved as ${safety.file}; restore that to undo.`);
    }
    return 0;
  },
};
