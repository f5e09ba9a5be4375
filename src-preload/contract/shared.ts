/**
 * What the contract's domain files share: how a channel is declared (input schema, output
 * type and a sample payload side by side), the built-in roles, pages, and the field
 * schemas more than one domain uses.
 */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { EMAIL_PATTERN } from '../email';
import { isoDate, optionalText, required, trimmed } from '../fields';
import { ACTIONS, FIELD_GROUPS } from '../policy';

/**
 * One channel: the schema the main process parses every payload with, the type it answers
 * (`returns<T>()`), and a valid payload. The sample is typed as the schema's input, and a
 * test parses every sample with its schema, so a sample cannot go stale silently.
 */
export const channel = <S extends z.ZodType, O>(c: { input: S; output: O; sample: z.input<S> }) => c;

export const ROLES = ['admin', 'manager', 'associate'] as const;
export type Role = (typeof ROLES)[number];

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null at the end. */
  nextCursor: string | null;
}

export const username = required(LIMITS.username, 'Username')
  .toLowerCase()
  .regex(/^[a-z0-9._-]+$/, 'Username may use letters, digits, dot, dash and underscore');
export const password = z
  .string()
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `Password can be at most ${LIMITS.passwordMax} characters`);
export const email = optionalText(LIMITS.email, 'Email').pipe(
  z.string().regex(EMAIL_PATTERN, 'Email is not a valid address').nullable(),
);
/** A birthday or anniversary: 'YYYY-MM-DD', or '--MM-DD' when the year is not known. */
export const dayOfYear = z.union([
  isoDate,
  z
    .string()
    .regex(/^--\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD, or --MM-DD without a year')
    // 2000 is a leap year, so 29 February is a valid day without a year.
    .refine((s) => {
      const d = new Date(`2000${s.slice(1)}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(4, 10) === s.slice(1);
    }, 'Date does not exist'),
], { error: 'Date must be YYYY-MM-DD, or --MM-DD without a year, and must exist' });
export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Country must be a two-letter ISO code such as US or GB');
export const cursor = z.string().max(200).nullish();
export const action = z.enum(ACTIONS);
export const fieldGroup = z.enum(FIELD_GROUPS);
export const uniqueList = <T extends z.ZodType>(item: T, label: string) =>
  z.array(item).max(100).refine((l) => new Set(l).size === l.length, `${label} lists an entry twice`);
/** Log-in credentials as typed on the login and recovery screens. */
export const credentials = {
  username: trimmed(LIMITS.username, 'Username').toLowerCase().min(1, 'Username is required'),
  password: z.string().min(1, 'Password is required').max(LIMITS.passwordMax),
};
