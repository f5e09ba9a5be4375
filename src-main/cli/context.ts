/**
 * What every command gets: the data folder, output, and the app opened the same way the
 * desktop app opens it. Commands that change data log in as a staff member and call the
 * router, so permissions and the audit log apply exactly as in the app.
 */
import { createApp, type App } from '../app';
import { DataFolderInUse } from '../data-folder-lock';
import { StorageProblem } from '../storage-errors';
import type { Channel, Input, Output } from '../../src-preload/contract';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Asks for a password without echoing it; null when there is no terminal to ask on. */
  askPassword(prompt: string): Promise<string | null>;
}

export interface CliContext extends CliIo {
  dataDir: string;
  /** Opens the book (once); closed by the dispatcher when the command ends. */
  openApp(): Promise<App>;
  /** A router connection logged in as `username` (password from CLIENTELE_PASSWORD or a prompt). */
  login(app: App, username: string): Promise<CliSession>;
  /** A router connection with nobody logged in. */
  anonymous(app: App): CliSession;
  /** The password for `username`: CLIENTELE_PASSWORD, else a prompt on a terminal. */
  password(username: string): Promise<string>;
}

export interface CliSession {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code; throws CliError for an expected failure worth one line. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** An expected failure: printed as one line, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function createContext(dataDir: string, io: CliIo, command = 'a command'): CliContext & { close(): Promise<void> } {
  let app: App | null = null;
  const closers: (() => void)[] = [];

  const session = (opened: App): CliSession & { close(): void } => {
    const connection = opened.router.connect(() => undefined);
    closers.push(() => connection.close());
    return {
      async call(channel, input) {
        const result = await connection.call(channel, input);
        if (!result.ok) throw new CliError(result.error.message);
        return result.value as never;
      },
      close: () => connection.close(),
    };
  };

  const ctx = {
    ...io,
    dataDir,
    async openApp() {
      try {
        app ??= await createApp({ dataDir, dailyBackups: false, lifeEvents: false, sendMail: false, owner: { kind: 'command', what: `the command line: ${command}` } });
      } catch (err) {
        // The app, a browser host or another command has the book: this command changes nothing.
        if (err instanceof DataFolderInUse || err instanceof StorageProblem) throw new CliError(err.message);
        throw err;
      }
      return app;
    },
    anonymous: session,
    async password(username: string) {
      const fromEnv = io.env.CLIENTELE_PASSWORD;
      if (fromEnv) return fromEnv;
      const typed = await io.askPassword(`Password for ${username}: `);
      if (typed === null) throw new CliError('No password: set CLIENTELE_PASSWORD, or run the command in a terminal to be asked.', 2);
      return typed;
    },
    async login(opened: App, username: string) {
      const s = session(opened);
      await s.call('session-login', { username, password: await ctx.password(username) });
      return s;
    },
    async close() {
      closers.forEach((c) => c());
      if (app) await app.close();
    },
  };
  return ctx;
}
