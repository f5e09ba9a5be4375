import type { AppError, ErrorCode, FieldIssue } from '../../src-preload/contract';
import { BUSY_TIMEOUT_MS } from '../db/connection';

/** An expected failure a service reports to the caller; anything else is INTERNAL. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppError['details'],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export const notFound = (what: string) => new AppFailure('NOT_FOUND', `${what} was not found.`);
/** A refusal; `code` is the policy's deny code, for screens that explain it. */
export const forbidden = (reason: string, code?: string) => new AppFailure('FORBIDDEN', reason, code ? { reason: code } : undefined);
export const unauthenticated = (message = 'Please log in.') => new AppFailure('UNAUTHENTICATED', message);
export const conflict = (message: string, details?: AppError['details']) => new AppFailure('CONFLICT', message, details);
/** A value that must be unique is taken; `details.issues` names the field when there is one. */
export const duplicate = (message: string, details?: AppError['details']) => new AppFailure('DUPLICATE', message, details);
/** The record's version is not the one the caller read: someone changed it meanwhile. */
export const stale = (message: string, details?: AppError['details']) => new AppFailure('STALE', message, details);
export const invalidField = (field: string, message: string) => {
  const issues: FieldIssue[] = [{ field, message }];
  return new AppFailure('VALIDATION', `${field}: ${message}`, { issues });
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppFailure) {
    return err.details ? { code: err.code, message: err.message, details: err.details } : { code: err.code, message: err.message };
  }
  // The schema's own constraints back up the services' checks; a race that reaches them
  // is still a duplicate the person can act on, not an internal fault.
  if ((err as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return { code: 'DUPLICATE', message: 'That duplicates a record saved a moment ago. Reload and try again.' };
  }
  if (isBusy(err)) return busyError(null);
  return { code: 'INTERNAL', message: 'Something went wrong inside Clientele. Nothing was changed.' };
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_TIMEOUT, ...): another writer had the book. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * A write that waited the busy timeout for another writer and gave up: UNAVAILABLE, with
 * `retryable` (the same call can succeed once the writer is done), never a conflict with the
 * person's data. The caller names the writer when it knows one (a running import or undo);
 * it never guesses one.
 */
export function busy(writer: string | null): AppFailure {
  const message = writer
    ? `${writer} is writing to the book right now. Nothing was changed; try again when it has finished.`
    : `The book is busy: another change held it for more than ${BUSY_TIMEOUT_MS / 1000} seconds. Nothing was changed; try again.`;
  return new AppFailure('UNAVAILABLE', message, { retryable: true });
}

export const busyError = (writer: string | null): AppError => toAppError(busy(writer));
