/**
 * Putting a backup in the book's place without ever leaving a half-written book: the backup
 * is copied (online backup API) into a temp file in the data folder, checked, and only then
 * renamed over the book, which is atomic on one file system. Until that rename the book is
 * untouched; a restore killed before it leaves only a temp file, cleared at the next start.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { inspectBook } from './book-file';

const STAGING = '.restoring';

export interface StageOptions {
  nativeBinding?: string;
}

/** Copies a backup beside the live book and checks the copy; returns the staged file. */
export async function stageRestore(source: string, liveFile: string, options: StageOptions = {}): Promise<string> {
  const before = inspectBook(source, options);
  if (!before.ok) throw new RestoreRefused(before.problem);
  const staged = `${liveFile}${STAGING}-${process.pid}-${Date.now()}`;
  const from = new BetterSqlite3(source, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    await from.backup(staged);
  } catch (err) {
    discard(staged);
    throw err;
  } finally {
    from.close();
  }
  const after = inspectBook(staged, { ...options, foreignKeys: true });
  if (!after.ok) {
    discard(staged);
    throw new RestoreRefused(`The copy of the backup did not pass its check: ${after.problem}`);
  }
  return staged;
}

/** Renames the staged file over the (closed) book. The book's old WAL must not outlive it. */
export function swapIn(staged: string, liveFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(liveFile + suffix, { force: true });
  renameSync(staged, liveFile);
  syncFolder(dirname(liveFile));
}

export function discard(staged: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
}

/** Removes what an interrupted restore left beside the book. */
export function clearStagedRestores(liveFile: string): void {
  const folder = dirname(liveFile);
  const prefix = basename(liveFile) + STAGING;
  if (!existsSync(folder)) return;
  for (const f of readdirSync(folder)) if (f.startsWith(prefix)) rmSync(join(folder, f), { force: true });
}

/** Makes the rename itself durable where the platform allows it (not on Windows). */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; NTFS journals the rename itself.
  }
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}
