/**
 * `npm run cli -- <command> ...` (built to out/main/cli.js): the command line, through the
 * same services and router as the app. The dispatcher is dispatch.ts; commands are in
 * commands/, one file each.
 */
import { runCli } from './dispatch';
import { askPassword } from './prompt';

// Output piped to a reader that stops early (`| head`): the rest is not wanted, but the
// command still finishes (an import still commits or rolls back) and exits with its own code.
let readerGone = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  readerGone = true;
});

runCli(process.argv.slice(2), {
  out: (line) => {
    if (!readerGone) process.stdout.write(`${line}\n`);
  },
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
