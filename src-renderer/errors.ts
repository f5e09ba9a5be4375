/**
 * What a person reads when a call fails, in one place: a title for each of the contract's error
 * codes (typed over every code, so a new code cannot go without one) and the message. The main
 * process writes each message for people (errors.ts there); an unexpected error's own text is
 * never shown.
 */
import type { ErrorCode } from '../src-preload/contract';
import { ApiError } from './api';

const TITLES: Record<ErrorCode | 'OFFLINE', string> = {
  VALIDATION: 'Please check what you entered',
  UNAUTHENTICATED: 'Please log in again',
  FORBIDDEN: 'Your role does not allow that',
  NOT_FOUND: 'That is no longer there',
  CONFLICT: 'That cannot be done now',
  STALE: 'Someone else changed this meanwhile',
  DUPLICATE: 'That is already taken',
  OVERRIDE_REQUIRED: 'That needs a reason to go ahead',
  CANCELLED: 'Cancelled',
  SETUP_REQUIRED: 'The shop is not set up yet',
  UNKNOWN_CHANNEL: 'That did not work',
  UNAVAILABLE: 'Clientele is busy: try again in a moment',
  STORAGE: 'The disk or folder refused it',
  INTERNAL: 'That did not work',
  OFFLINE: 'Clientele is not reachable',
};

const UNEXPECTED = 'Something went wrong. Please try again.';

/** The heading for a failure: what kind of problem it is. */
export function errorTitle(err: unknown): string {
  return err instanceof ApiError ? TITLES[err.code] : TITLES.INTERNAL;
}

/** The failure in words: the contract's message, which says what happened and what to do. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : UNEXPECTED;
}
