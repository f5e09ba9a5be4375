/**
 * Files Clientele creates hold clients' personal data (the book, backups, staged uploads,
 * damaged copies, exports): on Linux and macOS they are readable by their owner only, 0600
 * for files and 0700 for folders.
 *
 * New files: the process's umask is set to 077 when the app opens its data folder, so
 * everything this process creates from then on (SQLite's book, WAL and backups, staged
 * files, reports, the command line's exports) starts private, whichever code creates it.
 * Files from before this rule (or made by hand) are narrowed at start. Windows keeps its
 * own ACLs, inherited from the user's profile folder.
 */
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { createLogger } from './logger';

const log = createLogger('files');

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Folders inside the data folder that Clientele owns, with every file in them. */
const OWN_FOLDERS = ['backups', 'damaged', 'staging'];

export function keepNewFilesPrivate(): void {
  // umask cannot be set from a worker thread; the main thread's applies to the whole process.
  if (process.platform !== 'win32' && isMainThread) process.umask(0o077);
}

/** Narrows the data folder and what Clientele keeps in it to its owner. */
export function narrowDataFolder(dataDir: string): void {
  if (process.platform === 'win32') return;
  narrow(dataDir, PRIVATE_FOLDER);
  for (const entry of readdirSync(dataDir)) {
    const path = join(dataDir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isFile()) narrow(path, PRIVATE_FILE);
    else if (stat.isDirectory() && OWN_FOLDERS.includes(entry)) {
      narrow(path, PRIVATE_FOLDER);
      for (const inner of readdirSync(path)) {
        const file = join(path, inner);
        if (statSync(file, { throwIfNoEntry: false })?.isFile()) narrow(file, PRIVATE_FILE);
      }
    }
  }
}

function narrow(path: string, mode: number): void {
  try {
    if (!existsSync(path)) return;
    // Only ever takes permissions away: never widens what someone narrowed further.
    const current = statSync(path).mode & 0o777;
    if ((current & ~mode) !== 0) chmodSync(path, current & mode);
  } catch (err) {
    // A file this user may not change (made by another account): the app still starts.
    log.warn(`could not narrow the permissions of ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
