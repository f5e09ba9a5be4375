import type { AppError, ErrorCode, FieldIssue } from '../../src-preload/contract';

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
export const forbidden = (reason: string) => new AppFailure('FORBIDDEN', reason);
export const unauthenticated = (message = 'Please log in.') => new AppFailure('UNAUTHENTICATED', message);
export const conflict = (message: string, details?: AppError['details']) => new AppFailure('CONFLICT', message, details);
export const invalidField = (field: string, message: string) => {
  const issues: FieldIssue[] = [{ field, message }];
  return new AppFailure('VALIDATION', `${field}: ${message}`, { issues });
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppFailure) {
    return err.details ? { code: err.code, message: err.message, details: err.details } : { code: err.code, message: err.message };
  }
  // The schema's own constraints back up the services' checks; a race that reaches them
  // is still a conflict the person can act on, not an internal fault.
  if ((err as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return { code: 'CONFLICT', message: 'That conflicts with a record saved a moment ago. Reload and try again.' };
  }
  // An import or undo holds the book's write lock until it commits; a change made meanwhile
  // waits a few seconds, then is refused with a reason instead of an internal fault.
  if ((err as { code?: unknown })?.code === 'SQLITE_BUSY') {
    return { code: 'CONFLICT', message: 'An import is writing to the book right now. Nothing was changed; try again when it has finished.' };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Clientele. Nothing was changed.' };
}
