/**
 * The jobs worker bundle (electron-vite main entry `jobs-worker`). Started with a role:
 * `job` runs one import, export or undo on its own database connection and reports
 * progress; `phones` serves phone normalisation to a running import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJobRequest } from './dispatch';
import { normaliseAll, PHONE_WORKER_ROLE } from './phones';
import type { JobRequest } from './types';
import { serialiseError, type FromWorker, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('The jobs worker must run in a worker thread.');

const data = workerData as { role: 'job'; request: JobRequest } | { role: typeof PHONE_WORKER_ROLE; defaultCountry: string };

if (data.role === PHONE_WORKER_ROLE) {
  const country = data.defaultCountry;
  port.on('message', (m: { id: number; phones: (string | null)[] }) => {
    port.postMessage({ id: m.id, e164: normaliseAll(m.phones, country) });
  });
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
