/**
 * Errors of the disk, not of the book: a full disk, a read-only folder, a file Clientele
 * may not open, an I/O error. They are told apart from damage (SQLITE_CORRUPT, failed
 * checks) because the remedy differs: free some space or fix the folder and try again,
 * never restore a backup, which would throw away everything since it was taken.
 */
import { statfsSync } from 'node:fs';

export type StorageKind = 'full' | 'read-only' | 'no-access' | 'io';

/** Below this much free space, an I/O error is taken for a full disk (SQLite reports a failed WAL index grow as IOERR). */
const NEARLY_FULL_BYTES = 8 * 1024 * 1024;

/** The storage problem behind an error from SQLite or the file system, or null for any other error. */
export function storageKind(err: unknown): StorageKind | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code === 'EACCES' || code === 'EPERM') return 'no-access';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/** Bytes free to this process on the drive holding `dir`, or null when the system cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** What is wrong, in a person's words: "the disk is full (3 MB free)". */
export function describeStorage(kind: StorageKind, dir: string): string {
  const free = freeBytes(dir);
  if (kind === 'full' || (kind === 'io' && free !== null && free < NEARLY_FULL_BYTES)) {
    return `the disk is full (${free === null ? 'no space' : `${Math.floor(free / (1024 * 1024))} MB free`} on the drive that holds ${dir})`;
  }
  if (kind === 'read-only') return `the folder ${dir} is read-only`;
  if (kind === 'no-access') return `Clientele may not open its files in ${dir} (permission denied)`;
  return `the drive that holds ${dir} reported an error reading or writing (disk I/O error)`;
}

/** For a save or a job that failed: nothing was saved, and what to do. */
export function storageFailureMessage(kind: StorageKind, dir: string): string {
  const what = describeStorage(kind, dir);
  return `${what[0]!.toUpperCase()}${what.slice(1)}: nothing was saved. Fix that, then try again; the book itself is fine.`;
}

/** At start: the book was not opened, and nothing about it suggests a restore. */
export class StorageProblem extends Error {
  constructor(
    readonly kind: StorageKind,
    dir: string,
  ) {
    const what = describeStorage(kind, dir);
    super(`Clientele cannot open the book: ${what}. Fix that, then start Clientele again; the book was not changed.`);
    this.name = 'StorageProblem';
  }
}
