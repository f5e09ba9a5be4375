/**
 * The jobs a person has running: started here so progress reaches their renderer as
 * `job-progress` events and only they can cancel them; job failures become the contract's
 * errors (a bad file is a VALIDATION error with its line, a cancel is CANCELLED).
 */
import type { Actor } from '../domain/permissions';
import type { EventSink } from '../ipc/router';
import { JobFailed } from '../jobs/protocol';
import { startJob } from '../jobs/runner';
import type { JobRequest } from '../jobs/types';
import { createLogger } from '../logger';
import { AppFailure, busy, isBusy, notFound, storageFailure } from './errors';

const log = createLogger('jobs');

export function createJobs(workerFile: string | null, dataDir: string) {
  const running = new Map<string, { owner: number; cancel: () => void; kind: JobRequest['kind'] }>();
  return {
    workerFile,
    start<R extends JobRequest>(actor: Actor, request: R, send: EventSink) {
      let lastSent = 0;
      const job = startJob(request, {
        workerFile,
        onProgress: (p) => {
          // At most ten events a second reach the renderer, however fast the job reports.
          const now = Date.now();
          if (now - lastSent < 100 && p.done !== p.total) return;
          lastSent = now;
          send('job-progress', { jobId: job.id, ...p });
        },
      });
      running.set(job.id, { owner: actor.id, cancel: job.cancel, kind: request.kind });
      const result = job.result
        .catch((err: unknown) => {
          throw jobFailure(err, dataDir);
        })
        .finally(() => running.delete(job.id));
      return { id: job.id, result };
    },
    /** The job holding the book's write lock now, for a person ("An import"); null when none runs. */
    writer(): string | null {
      for (const job of running.values()) if (job.kind !== 'export' && job.kind !== 'integrity') return WRITER[job.kind];
      return null;
    },
    /** Every running job rolls back (the book was found damaged). */
    cancelAll(): void {
      for (const job of running.values()) job.cancel();
    },
    cancel(actor: Actor, jobId: string): void {
      const job = running.get(jobId);
      if (!job || job.owner !== actor.id) throw notFound('That job');
      job.cancel();
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;

const WRITER: Record<Exclude<JobRequest['kind'], 'export' | 'integrity'>, string> = { import: 'An import', undo: 'An undo', sales: 'A sales import', campaign: 'A campaign being queued' };

/** A job's failure in the contract's terms: the worker's own failures by name, a disk's or the lock's through errors.ts. */
function jobFailure(err: unknown, dataDir: string): unknown {
  const storage = storageFailure(err instanceof JobFailed ? { code: err.detail.code } : err, dataDir);
  if (storage) return storage;
  if (!(err instanceof JobFailed)) return err;
  const { name, message, line, code } = err.detail;
  if (name === 'FileProblem') return new AppFailure('VALIDATION', message, { issues: [{ field: 'file', message }], line: line ?? null });
  if (name === 'JobCancelled') return new AppFailure('CANCELLED', 'Cancelled: nothing was changed.');
  if (name === 'UndoRefused') return new AppFailure('CONFLICT', message);
  if (name === 'PreImportBackupFailed') return new AppFailure('STORAGE', message);
  if (isBusy({ code })) return busy('Another import or undo');
  log.error(`job failed: ${name}: ${message}`);
  return new AppFailure('INTERNAL', 'The job failed inside Clientele. Nothing was changed.');
}
