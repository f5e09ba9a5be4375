/**
 * `npm run cli -- <command> ...` (built to out/main/cli.js): the command line, through the
 * same services and router as the app. The dispatcher is dispatch.ts; commands are in
 * commands/, one file each.
 */
import { runCli } from './dispatch';
import { askPassword } from './prompt';

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  askPassword,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
