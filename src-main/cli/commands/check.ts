import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../../app';
import { inspectBook } from '../../backup/book-file';
import { createBackupStore } from '../../backup/store';
import { CliError, type Command } from '../context';
import { describeBackup } from './shared';

export const check: Command = {
  name: 'check',
  summary: 'Check the book (or a backup FILE) as Clientele does at start: integrity, references, version. Read-only; no login.',
  usage: 'check [FILE]',
  async run(args, ctx) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
    if (positionals.length > 1) throw new CliError('check takes at most one FILE.', 2);
    const file = positionals[0] ? resolve(positionals[0]) : join(ctx.dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new CliError(`There is no file ${file}.`);
    const result = inspectBook(file, { foreignKeys: true });
    if (!result.ok) {
      ctx.out(`${file}: PROBLEM: ${result.problem}`);
      return 1;
    }
    const { clients, staff, migrations } = result.facts;
    ctx.out(`${file}: ok (${clients} clients, ${staff} staff, schema ${migrations[migrations.length - 1]})`);
    if (!positionals[0]) {
      const store = createBackupStore({ dataDir: ctx.dataDir, now: () => new Date() });
      const backups = store.list();
      ctx.out(`Backups in ${store.folder()}: ${backups.length}`);
      for (const b of backups) ctx.out(describeBackup(b));
    }
    return 0;
  },
};
