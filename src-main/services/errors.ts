/**
 * Failures and their contract codes. This is the one place where an error becomes a code:
 * a service's AppFailure keeps its own, and an error of SQLite or the file system is read
 * here (busy → UNAVAILABLE with a retry hint, a full or read-only disk and a backup folder that
 * cannot be used → STORAGE, a unique constraint → DUPLICATE, anything else → INTERNAL). The router and the job runner both ask here.
 */
import type { AppError, ErrorCode, FieldIssue } from '../../src-preload/contract';
import { BUSY_TIMEOUT_MS } from '../db/connection';
import { BackupFolderError } from '../backup/folder-errors';
import { storageFailureMessage, storageKind } from '../storage-errors';

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

/** What is known where the error was caught: the data folder (for a disk's error), the writer holding the book (for busy). */
export interface ErrorPlace {
  dataDir?: string;
  writer?: string | null;
}

/** A disk's error (full, read-only, no access, I/O) as STORAGE, saying what to fix; null for any other error. */
export function storageFailure(err: unknown, dataDir: string): AppFailure | null {
  const kind = storageKind(err);
  return kind ? new AppFailure('STORAGE', storageFailureMessage(kind, dataDir)) : null;
}

/** The failure an error means: its own for an AppFailure, else read from SQLite's or the system's code. */
export function toFailure(err: unknown, place: ErrorPlace = {}): AppFailure {
  if (err instanceof AppFailure) return err;
  // Already in words an Admin can act on (the folder is missing, full, read-only).
  if (err instanceof BackupFolderError) return new AppFailure('STORAGE', err.message);
  const storage = place.dataDir === undefined ? null : storageFailure(err, place.dataDir);
  if (storage) return storage;
  if (isBusy(err)) return busy(place.writer ?? null);
  // The schema's own constraints back up the services' checks; a race that reaches them
  // is still a duplicate the person can act on, not an internal fault.
  if ((err as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return duplicate('That duplicates a record saved a moment ago. Reload and try again.');
  }
  return new AppFailure('INTERNAL', 'Something went wrong inside Clientele. Nothing was changed.');
}

/** The contract's error for what was thrown, as sent to the renderer. */
export function toAppError(err: unknown, place: ErrorPlace = {}): AppError {
  const failure = toFailure(err, place);
  return failure.details ? { code: failure.code, message: failure.message, details: failure.details } : { code: failure.code, message: failure.message };
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
