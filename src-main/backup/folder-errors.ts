/** Turns a file-system or SQLite failure on the backup folder into words an Admin can act on. */
import { statSync } from 'node:fs';

export class BackupFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFolderError';
  }
}

/** Checks the folder before writing, so a missing drive reads as missing rather than as a SQLite code. */
export function checkFolder(folder: string): void {
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    throw new BackupFolderError(`The backup folder ${folder} does not exist. Is the drive connected? Choose another folder in Settings.`);
  }
  if (!stat.isDirectory()) throw new BackupFolderError(`The backup folder ${folder} is not a folder (it is a file).`);
}

export function describeFolderError(folder: string, err: unknown): BackupFolderError {
  if (err instanceof BackupFolderError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new BackupFolderError(`The backup folder ${folder} is full. Free some space or choose another folder.`);
  }
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_WRITE'].includes(code) || code.startsWith('SQLITE_READONLY')) {
    return new BackupFolderError(`Clientele cannot write to the backup folder ${folder} (it is read-only or not permitted).`);
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new BackupFolderError(`The backup folder ${folder} does not exist. Is the drive connected?`);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new BackupFolderError(`The backup to ${folder} failed: ${detail}`);
}
