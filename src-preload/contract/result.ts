/** What every channel answers: a value, or an error with a code the renderer can act on. */
import type { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  /** The book's state refuses the change as asked (in use, the last Admin, already done). */
  'CONFLICT',
  /** The record changed since the caller read it (its version): reload, then make the change again. */
  'STALE',
  /** A value that must be unique is taken (an email, a username, a POS id, a name, a link). */
  'DUPLICATE',
  /** The change meets a warning (an appointment's overlap, opening hours): save it again with a reason to override; details.warnings says what. */
  'OVERRIDE_REQUIRED',
  /** The person cancelled the job: nothing was changed. */
  'CANCELLED',
  'SETUP_REQUIRED',
  'UNKNOWN_CHANNEL',
  /** Clientele is restoring a backup, or is in recovery mode: try again in a moment, or restore. */
  'UNAVAILABLE',
  /** A file or folder outside the book could not be used (backup folder missing, read-only, full). */
  'STORAGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "email" or "address.city". */
  field: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Turns a zod error into the contract's field issues, naming each field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
}
