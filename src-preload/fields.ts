/**
 * Field schemas every part of the contract shares: the same words for the same mistakes
 * on every channel.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

/** NUL is no character a person types; SQLite's text functions and FTS5 stop at it. */
const hasNoNul = (v: string) => !v.includes('\u0000');

export const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} can be at most ${max} characters`).refine(hasNoNul, `${label} cannot contain a NUL character`);
export const required = (max: number, label: string) => trimmed(max, label).min(1, `${label} is required`);
/** Optional text: empty or missing becomes null, so "cleared" and "never set" read the same. */
export const optionalText = (max: number, label: string) =>
  trimmed(max, label)
    .nullish()
    .transform((v) => (v ? v : null));

export const id = z.number().int().positive();
/** A whole number in a range, every mistake (none typed, a fraction, out of range) said in the same words. */
export const wholeNumber = (range: { min: number; max: number }, words: string) =>
  z.number({ error: words }).int(words).min(range.min, words).max(range.max, words);
/** A staged file (an upload, a report, an export): an opaque id, never a path. */
export const fileId = z.string().regex(/^[a-f0-9]{32}$/, 'Not a valid file id');

/** ISO calendar date, validated as a real date (no 31 February). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Date does not exist');

export const pageSize = z.number().int().min(1).max(LIMITS.pageSize).default(100);
export const empty = z.object({}).strict();

/** Declares a channel's output type without a runtime value. */
export const returns = <T>() => undefined as unknown as T;

/** One chunk of a file sent up (file-upload, recovery-upload): in order, the last one seals it. */
export const uploadChunk = z
  .object({
    uploadId: fileId.nullable(),
    name: trimmed(255, 'File name').min(1, 'File name is required'),
    offset: z.number().int().min(0),
    data: z.string().max(Math.ceil((1024 * 1024 * 4) / 3) + 4, 'A chunk can be at most 1 MB'),
    last: z.boolean(),
  })
  .strict();
