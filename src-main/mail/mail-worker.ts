/**
 * The mail worker: the sending loop (sender.ts) in its own thread with its own connection to
 * the book, so building, encrypting and recording thousands of messages never holds up the
 * main process. The main process sends it the server settings (with the password, in memory
 * only), pokes it when something is queued, and stops it when the book closes.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { createLogger } from '../logger';
import { openJobDb } from '../jobs/job-db';
import { WORKER_LIMITS } from '../jobs/protocol';
import type { JobDatabase } from '../jobs/types';
import { createSender } from './sender';
import type { SmtpConfig } from './smtp';

export const MAIL_ROLE = 'mail';

const log = createLogger('mail-worker');

export type ToMailWorker = { type: 'configure'; config: SmtpConfig | null } | { type: 'poke' } | { type: 'stop' };
export type FromMailWorker = { type: 'stopped' };

/** Inside the worker thread. */
export function serveMail(params: JobDatabase, port: MessagePort): void {
  const jobDb = openJobDb(params);
  const sender = createSender({ db: jobDb.kysely, now: () => new Date() });
  sender.start();
  port.on('message', (m: ToMailWorker) => {
    if (m.type === 'configure') sender.configure(m.config);
    else if (m.type === 'poke') sender.poke();
    else {
      void sender.stop().finally(() => {
        jobDb.close();
        port.postMessage({ type: 'stopped' } satisfies FromMailWorker);
        port.close();
      });
    }
  });
}

/** In the main process: the worker's handle. */
export function startMailWorker(workerFile: string, params: JobDatabase) {
  const worker = new Worker(workerFile, { workerData: { role: MAIL_ROLE, params }, resourceLimits: WORKER_LIMITS });
  let stopped: (() => void) | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A failing worker stops sending, not the app: the messages wait, queued, for the next start.
  worker.on('error', (err) => log.error('the mail worker stopped; emails wait until Clientele starts again', err));
  worker.on('message', (m: FromMailWorker) => {
    if (m.type === 'stopped') stopped?.();
  });
  const post = (m: ToMailWorker) => worker.postMessage(m);
  return {
    configure: (config: SmtpConfig | null) => post({ type: 'configure', config }),
    poke: () => post({ type: 'poke' }),
    async stop(): Promise<void> {
      const done = new Promise<void>((resolve) => (stopped = resolve));
      post({ type: 'stop' });
      // A send stuck on a dead server must not hold the app's close for ever.
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref());
      await Promise.race([done, timeout]);
      await worker.terminate();
      await exited;
    },
  };
}
