/** Backups: taking, listing, inspecting and restoring them, their folder and retention, and recovery mode. */
import { z } from 'zod';
import { BACKUP_FOLDER_MAX, BACKUP_KEEP } from '../limits';
import { empty, returns, uploadChunk, wholeNumber } from '../fields';
import { channel, credentials } from './shared';

export interface RecoveryInfo {
  /** What is wrong with the book, in words. */
  problem: string;
  /** Where the damaged file was copied for support, or null if the copy failed. */
  damagedCopy: string | null;
  /** Every distinct damaged file kept in damaged/ (one copy each, by size and hash), and the space they use. */
  damagedCopies: { count: number; bytes: number };
  backupFolder: string;
}

export const BACKUP_REASONS = ['daily', 'manual', 'pre-migration', 'pre-import', 'pre-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  /** The file's name inside the backup folder; channels take this, never a path. */
  file: string;
  takenAt: string;
  /** 'unknown' for a .db file put in the folder by hand. */
  reason: BackupReason | 'unknown';
  sizeBytes: number;
  clients: number | null;
  staff: number | null;
  /** Why this file cannot be restored (damaged, not Clientele's, from a newer version), else null. */
  problem: string | null;
}

export interface BackupSettings {
  folder: string;
  defaultFolder: string;
  usingDefaultFolder: boolean;
  keepDaily: number;
  keepWeekly: number;
}

export interface BackupOverview {
  settings: BackupSettings;
  /** Newest first. */
  backups: BackupInfo[];
  /** The last automatic or manual backup that failed, until one succeeds. */
  lastError: { at: string; message: string } | null;
}

/** A backup is named by its file name in the backup folder: no path may travel from the renderer. */
const backupFile = z
  .string()
  .max(200, 'Backup file name is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, 'Backup file must be a file name ending in .db, without folders');

const SAMPLE_BACKUP = 'clientele-2026-03-01-daily.db';

export const backupChannels = {
  'backup-list': channel({ input: empty, output: returns<BackupOverview>(), sample: {} }),
  'backup-take': channel({ input: empty, output: returns<BackupInfo>(), sample: {} }),
  'backup-settings-update': channel({
    input: z
      .object({
        /** null goes back to the default folder inside the data folder. */
        folder: z.string().trim().min(1, 'Backup folder is required').max(BACKUP_FOLDER_MAX, `Backup folder can be at most ${BACKUP_FOLDER_MAX} characters`).nullable(),
        keepDaily: wholeNumber(BACKUP_KEEP.daily, `Keep a whole number of daily backups from ${BACKUP_KEEP.daily.min} to ${BACKUP_KEEP.daily.max}`),
        keepWeekly: wholeNumber(BACKUP_KEEP.weekly, `Keep a whole number of weekly backups from ${BACKUP_KEEP.weekly.min} to ${BACKUP_KEEP.weekly.max}`),
      })
      .partial()
      .strict(),
    output: returns<BackupSettings>(),
    sample: { keepDaily: 10, keepWeekly: 6 },
  }),
  'backup-inspect': channel({ input: z.object({ file: backupFile }).strict(), output: returns<BackupInfo>(), sample: { file: SAMPLE_BACKUP } }),
  'backup-restore': channel({ input: z.object({ file: backupFile }).strict(), output: returns<null>(), sample: { file: SAMPLE_BACKUP } }),
  'recovery-list': channel({ input: empty, output: returns<{ folder: string; backups: BackupInfo[] }>(), sample: {} }),
  'recovery-upload': channel({
    input: uploadChunk,
    /** `backup` once the last chunk is in: the file, checked and in the backup folder, ready to restore. */
    output: returns<{ uploadId: string; complete: boolean; backup: BackupInfo | null }>(),
    sample: { uploadId: null, name: 'clientele-2026-03-01T02-00-00.000Z-daily.db', offset: 0, data: 'U1FMaXRlIGZvcm1hdCAzAA==', last: true },
  }),
  'recovery-restore': channel({
    input: z.object({ file: backupFile, ...credentials }).strict(),
    output: returns<null>(),
    sample: { file: SAMPLE_BACKUP, username: 'ada', password: 'correct horse battery' },
  }),
} as const;
