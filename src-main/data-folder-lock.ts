/**
 * One process owns a data folder at a time: the desktop app, a browser host, or a command
 * that opens the book. Two owners would each believe their view of the book: a restore
 * by one would silently drop the other's later saves, and each would empty the other's
 * staged files at start.
 *
 * Ownership is an exclusive lock on `clientele.lock`, taken through SQLite (already here,
 * built for both Node and Electron) in EXCLUSIVE locking mode: SQLite locks with fcntl on
 * Linux and macOS and LockFileEx on Windows, and the OS drops the lock when its process
 * exits or crashes, so a lock is never left behind and nothing has to guess whether one is
 * stale. The file is never deleted: a process that had opened it would then lock a file
 * nobody else sees. `owner.json` beside it only names the owner for the message another
 * process shows; the lock alone decides.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export const LOCK_FILE = 'clientele.lock';
export const OWNER_FILE = 'owner.json';

export interface Owner {
  /** An app a person uses (desktop, browser host), or a command that runs and ends. */
  kind: 'app' | 'command';
  /** Who it is, for a person: "the desktop app", "the browser host at http://127.0.0.1:5173". */
  what: string;
}

export interface OwnerRecord extends Owner {
  pid: number;
  since: string;
}

export class DataFolderInUse extends Error {
  constructor(readonly owner: OwnerRecord | null) {
    super(inUseMessage(owner));
    this.name = 'DataFolderInUse';
  }
}

export interface DataFolderLock {
  /** Updates how the owner is named (a browser host learns its address after it listens). */
  describe(what: string): void;
  release(): void;
}

/** Takes the data folder for this process, or throws DataFolderInUse naming its owner. */
export function claimDataFolder(dataDir: string, owner: Owner, options: { nativeBinding?: string } = {}): DataFolderLock {
  const lockFile = join(dataDir, LOCK_FILE);
  // timeout 0: a folder in use is refused at once, not after the usual five-second wait.
  const sqlite = new BetterSqlite3(lockFile, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.pragma('journal_mode = MEMORY');
    // In EXCLUSIVE mode the lock a write takes is kept until the connection closes.
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.pragma('user_version = 1');
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataFolderInUse(readOwner(dataDir));
    throw err;
  }
  const record: OwnerRecord = { ...owner, pid: process.pid, since: new Date().toISOString() };
  const write = () => {
    try {
      writeFileSync(join(dataDir, OWNER_FILE), JSON.stringify(record), { mode: 0o600 });
    } catch {
      // Only the message another process shows would be vaguer; the lock holds regardless.
    }
  };
  write();
  let held = true;
  return {
    describe(what) {
      record.what = what;
      write();
    },
    release() {
      if (!held) return;
      held = false;
      sqlite.close();
    },
  };
}

/** The owner as last recorded, or null when the record is missing or unreadable. */
export function readOwner(dataDir: string): OwnerRecord | null {
  try {
    const r = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<OwnerRecord>;
    if (typeof r.what !== 'string' || typeof r.pid !== 'number' || (r.kind !== 'app' && r.kind !== 'command')) return null;
    return { kind: r.kind, what: r.what.slice(0, 200), pid: r.pid, since: typeof r.since === 'string' ? r.since : '' };
  } catch {
    return null;
  }
}

export function inUseMessage(owner: OwnerRecord | null): string {
  if (owner?.kind === 'command') {
    return `A Clientele command is using this book on this PC (${owner.what}, process ${owner.pid}); wait for it to finish, then try again.`;
  }
  const who = owner ? `${owner.what}, process ${owner.pid}` : 'another Clientele window or browser host';
  return `Clientele is open on this PC (${who}); close it first, or use its Settings.`;
}
