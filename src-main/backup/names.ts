/**
 * Backup file names carry when and why each backup was taken, so the folder is readable on
 * its own (another PC, a USB stick) and sorts by date: clientele-<ISO time>-<reason>.db.
 */
import type { BackupReason } from '../../src-preload/contract';
import { BACKUP_REASONS } from '../../src-preload/contract';

const PATTERN = /^clientele-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z-([a-z-]+?)(?:-(\d+))?\.db$/;

/** A name a backup file may have: no folders, no dot-dot, ends in .db. */
export const SAFE_BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.db$/;

export function backupName(at: Date, reason: BackupReason, attempt = 0): string {
  const stamp = at.toISOString().replace(/:/g, '-');
  return `clientele-${stamp}-${reason}${attempt ? `-${attempt}` : ''}.db`;
}

export function parseBackupName(name: string): { takenAt: string; reason: BackupReason } | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  const reason = m[6] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  return { takenAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, reason };
}
