/**
 * The command line's dispatcher: `clientele [--data DIR] <command> [options]`. Each command
 * is one file in commands/ (registered in commands/index.ts) exporting name, summary,
 * usage and run. `--data` may come before or after the command.
 */
import { resolve } from 'node:path';
import { defaultDataDir } from '../host/data-dir';
import { commands } from './commands';
import { CliError, createContext, type CliIo } from './context';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- [--data DIR] <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --data DIR  the data folder (default: CLIENTELE_DATA, else the app\'s own folder)',
    '  --help      this text; `<command> --help` for one command',
    '',
    'Commands that change data log in as --user NAME; the password comes from the',
    'CLIENTELE_PASSWORD environment variable, or is asked for on a terminal.',
  ].join('\n');
}

/** Pulls `--data DIR` / `--data=DIR` out of the arguments wherever it is. */
function takeDataOption(argv: string[]): { dataDir: string | null; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data') {
      const value = argv[++i];
      if (!value) throw new CliError('--data needs a folder', 2);
      dataDir = value;
    } else if (arg.startsWith('--data=')) {
      dataDir = arg.slice('--data='.length);
    } else {
      rest.push(arg);
    }
  }
  return { dataDir, rest };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let ctx: ReturnType<typeof createContext> | null = null;
  try {
    const { dataDir, rest } = takeDataOption(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(helpText());
      return name ? 0 : 2;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliError(`There is no command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`, 2);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`Usage: npm run cli -- ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    ctx = createContext(resolve(dataDir ?? io.env.CLIENTELE_DATA ?? defaultDataDir()), io, name);
    return await command.run(args, ctx);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    // parseArgs reports unknown or malformed options with a code of its own.
    if ((err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.err((err as Error).message);
      return 2;
    }
    io.err(`Failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await ctx?.close();
  }
}
