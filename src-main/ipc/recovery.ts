/**
 * The channels a damaged book still answers. Nobody can log in (the staff table is in the
 * damaged file), so these are public, but only while in recovery mode; the restore itself
 * asks for an Admin's username and password, checked against the backup being restored.
 */
import type { AppInfo, BackupInfo, Channel, ParsedInput } from '../../src-preload/contract';
import { AppFailure } from '../services/errors';

export interface RecoveryDesk {
  appInfo(): Promise<AppInfo>;
  list(): Promise<{ folder: string; backups: BackupInfo[] }>;
  restore(input: ParsedInput<'recovery-restore'>): Promise<null>;
  /** A backup file uploaded on the first-run screen, put into the backup folder to restore from. */
  receive(path: string, name: string): BackupInfo;
}

export async function serveRecovery(desk: RecoveryDesk, channel: Channel, input: unknown): Promise<unknown> {
  switch (channel) {
    case 'app-info':
      return desk.appInfo();
    case 'recovery-list':
      return desk.list();
    case 'recovery-restore':
      return desk.restore(input as ParsedInput<'recovery-restore'>);
    case 'session-get':
      // The renderer asks who is logged in; in recovery mode nobody is.
      return null;
    default:
      throw new AppFailure('UNAVAILABLE', 'Clientele is in recovery mode: the book failed its checks at start. Restore a backup first.');
  }
}
