/**
 * The jobs worker bundle (electron-vite main entry `jobs-worker`). Started with a role:
 * `job` runs one import, export or undo on its own database connection and reports
 * progress; `rows` reads, checks and normalises an import's file for the job's writer;
 * `mail` runs the email sending loop until the book closes (mail/mail-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJobRequest } from './dispatch';
import { READER_ROLE, serveRows, type RowSourceParams } from './row-source';
import type { JobDatabase, JobRequest } from './types';
import { serialiseError, type FromWorker, type ToWorker } from './protocol';
import { MAIL_ROLE, serveMail } from '../mail/mail-worker';

const port = parentPort;
if (!port) throw new Error('The jobs worker must run in a worker thread.');

const data = workerData as
  | { role: 'job'; request: JobRequest }
  | { role: typeof READER_ROLE; params: RowSourceParams }
  | { role: typeof MAIL_ROLE; params: JobDatabase };

if (data.role === MAIL_ROLE) {
  serveMail(data.params, port);
} else if (data.role === READER_ROLE) {
  void serveRows(
    data.params,
    (m) => port.postMessage(m),
    (ack) => port.on('message', ack),
  );
} else {
  let cancelled = false;
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') cancelled = true;
  });
  const send = (m: FromWorker) => port.postMessage(m);
  runJobRequest(data.request, {
    progress: (p) => send({ type: 'progress', progress: p }),
    cancelled: () => cancelled,
  }).then(
    (result) => send({ type: 'done', result }),
    (err: unknown) => send({ type: 'failed', error: serialiseError(err) }),
  ).finally(() => port.close());
}
