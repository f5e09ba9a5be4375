import type { BackupInfo } from '../../../src-preload/contract';
import type { App } from '../../app';
import { CliError } from '../context';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function describeBackup(b: BackupInfo): string {
  const counts = b.clients === null ? '' : `, ${b.clients} clients, ${b.staff} staff`;
  return `  ${b.takenAt}  ${b.reason}  ${formatSize(b.sizeBytes)}${counts}${b.problem ? `  REFUSED: ${b.problem}` : ''}`;
}

/** A damaged book takes no new backups and no logins: say what to do instead. */
export function refuseRecovery(app: App): void {
  if (app.recovery) {
    throw new CliError(
      `The book failed its checks: ${app.recovery.problem} A copy is kept at ${app.recovery.damagedCopy ?? '(the copy failed)'} ` +
        `(damaged copies kept: ${app.recovery.damagedCopies.count}, ${formatSize(app.recovery.damagedCopies.bytes)}). Restore a backup: npm run cli -- restore FILE --user ADMIN`,
    );
  }
}
