/** The command line as a separate process, its output piped to a reader that stops early (`| head`). */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../helpers/build';

let cli: { file: string; remove: () => void };
beforeAll(async () => {
  cli = await bundle('src-main/cli/index.ts', 'cli');
}, 180_000);
afterAll(() => cli?.remove());

describe('command line output piped to a reader that goes away', () => {
  it('finishes with its own exit code instead of crashing on EPIPE', async () => {
    const child = spawn(process.execPath, [cli.file, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first line is written, as `head -0` would be.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
