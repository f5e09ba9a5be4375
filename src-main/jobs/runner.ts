/**
 * Starts jobs. With a built worker bundle (the app, the host, the command line, the e2e
 * tests) each job runs in its own worker thread with its own database connection, so the
 * main process stays responsive; without one (unit tests run the sources) the same job
 * function runs inline. Either way: progress callbacks, cancel, and one result or error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { runJobRequest } from './dispatch';
import { JobFailed, serialiseError, WORKER_LIMITS, type FromWorker } from './protocol';
import type { JobProgress, JobRequest, JobResultOf } from './types';

export const WORKER_BUNDLE = 'jobs-worker.js';

/**
 * The worker bundle next to the running main bundle (out/main; this code may sit in
 * out/main/chunks), or null when running sources (unit tests), where jobs run inline.
 */
export function defaultWorkerFile(): string | null {
  for (const candidate of [join(__dirname, WORKER_BUNDLE), join(__dirname, '..', WORKER_BUNDLE)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export interface RunningJob<T> {
  id: string;
  result: Promise<T>;
  cancel(this: void): void;
  /** Stops a worker at once, for a job with nothing to roll back (a read-only check); an inline job runs to its end. */
  terminate(this: void): void;
}

/** How long a cancelled worker gets to roll back before it is terminated (which also rolls back). */
const CANCEL_GRACE_MS = 10_000;

export function startJob<R extends JobRequest>(
  request: R,
  options: { workerFile: string | null; onProgress?: (p: JobProgress) => void },
): RunningJob<JobResultOf<R>> {
  const id = randomUUID();
  const onProgress = options.onProgress ?? (() => undefined);
  if (!options.workerFile) {
    let cancelled = false;
    // Started on the next turn, as a worker would be: the caller has the job's id before its first progress event.
    const result = Promise.resolve()
      .then(() => runJobRequest(request, { progress: onProgress, cancelled: () => cancelled }))
      .catch((err: unknown) => {
        throw new JobFailed(serialiseError(err));
      }) as Promise<JobResultOf<R>>;
    return { id, result, cancel: () => void (cancelled = true), terminate: () => void (cancelled = true) };
  }
  const worker = new Worker(options.workerFile, { workerData: { role: 'job', request }, resourceLimits: WORKER_LIMITS });
  let timer: NodeJS.Timeout | null = null;
  const result = new Promise<JobResultOf<R>>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') resolve(m.result as JobResultOf<R>);
      else reject(new JobFailed(m.error));
    });
    worker.on('error', (err) => reject(new JobFailed(serialiseError(err))));
    worker.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      reject(new JobFailed({ name: code === 1 && timer ? 'JobCancelled' : 'WorkerExit', message: `The job stopped (exit code ${code}); nothing was changed.` }));
    });
  });
  return {
    id,
    result,
    cancel() {
      worker.postMessage({ type: 'cancel' });
      timer ??= setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
    },
    terminate() {
      void worker.terminate();
    },
  };
}
