import type { JobProgress } from './types';

/** Messages between the main process and a job worker. */
export type ToWorker = { type: 'cancel' };
export type FromWorker =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: SerialisedError };

/** Errors cross the thread boundary as data: their class name decides how the service reports them. */
export interface SerialisedError {
  name: string;
  message: string;
  line?: number | null;
  code?: string;
}

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof Error) {
    return {
      name: err.constructor.name,
      message: err.message,
      line: (err as { line?: number | null }).line ?? null,
      code: (err as { code?: string }).code,
    };
  }
  return { name: 'Error', message: String(err) };
}

/** A job that failed, with the error's original class name (FileProblem, JobCancelled, UndoRefused, ...). */
export class JobFailed extends Error {
  constructor(readonly detail: SerialisedError) {
    super(detail.message);
    this.name = 'JobFailed';
  }
}

/**
 * Heap limits for the job and reader threads. A worker's young generation defaults to the
 * main thread's (up to 48 MB); these threads make short-lived garbage fast (a million rows
 * parsed, normalised and cloned across threads), so a smaller one is scavenged sooner and
 * keeps the import within its memory budget (peak RSS 353-404 MB before, with the app's own
 * heap and SQLite's page caches). Only the young generation is bounded: an old-generation
 * cap could end a large job with an out-of-memory error.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 } as const;
