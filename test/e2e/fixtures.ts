/**
 * Each test gets its own data folder and its own browser host on it, as a person would
 * start Clientele: `node out/main/host.js --data DIR --port 0`. The host prints its URL
 * (with the launch key in the fragment) on stdout; `restart()` stops it and starts a new
 * one on the same folder, which prints a new URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';

const HOST_ENTRY = resolve(__dirname, '../../out/main/host.js');
const URL_LINE = /Clientele browser host: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Host {
  /** The URL the running host printed, launch key included. */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the host, runs `whileStopped` (e.g. to damage the book), starts it again on the same folder; resolves to the new URL. */
  restart(whileStopped?: () => Promise<void> | void): Promise<string>;
}

interface Running {
  process: ChildProcess;
  url: string;
}

function startHost(dataDir: string, log: string[]): Promise<Running> {
  if (!existsSync(HOST_ENTRY)) {
    throw new Error(`${HOST_ENTRY} is missing: run \`npx electron-vite build\` first.`);
  }
  const child = spawn(process.execPath, [HOST_ENTRY, '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stderr }).on('line', (line) => log.push(`[stderr] ${line}`));
  child.on('exit', (code, signal) => log.push(`[host exited at ${new Date().toISOString()}: ${signal ?? `code ${code}`}]`));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The host printed no URL within ${START_TIMEOUT_MS} ms:\n${log.join('\n')}`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (code ${code}) before printing its URL:\n${log.join('\n')}`));
    };
    child.once('exit', onExit);
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.push(line);
      const match = URL_LINE.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolvePromise({ process: child, url: match[1] });
      }
    });
  });
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(force);
}

export const test = base.extend<{ host: Host }>({
  // Playwright reads a fixture's dependencies from this destructuring: it must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clientele-e2e-'));
    const log: string[] = [];
    let running = await startHost(dataDir, log);
    const host: Host = {
      get url() {
        return running.url;
      },
      dataDir,
      async restart(whileStopped) {
        await stopHost(running.process);
        await whileStopped?.();
        log.push('--- restart ---');
        running = await startHost(dataDir, log);
        return running.url;
      },
    };
    try {
      await use(host);
    } finally {
      await stopHost(running.process);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host.log', { body: log.join('\n'), contentType: 'text/plain' });
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
