/**
 * Where backups go and how many stay. Kept in a small file beside the book rather than in
 * it: the folder belongs to this PC (its USB stick, its synced folder), it must be readable
 * when the book itself is damaged, and restoring an old backup must not move it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_KEEP } from '../../src-preload/limits';

export const SETTINGS_FILE = 'backup-settings.json';

export interface StoredBackupSettings {
  /** null: the default folder inside the data folder. */
  folder: string | null;
  keepDaily: number;
  keepWeekly: number;
}

const DEFAULTS: StoredBackupSettings = {
  folder: null,
  keepDaily: BACKUP_KEEP.daily.default,
  keepWeekly: BACKUP_KEEP.weekly.default,
};

const within = (v: unknown, r: { min: number; max: number }, fallback: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= r.min && v <= r.max ? v : fallback;

/** Reads the settings; a missing or unreadable file gives the defaults (backups must still happen). */
export function readBackupSettings(dataDir: string): StoredBackupSettings {
  const file = join(dataDir, SETTINGS_FILE);
  if (!existsSync(file)) return { ...DEFAULTS };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredBackupSettings>;
    return {
      folder: typeof raw.folder === 'string' && raw.folder ? raw.folder : null,
      keepDaily: within(raw.keepDaily, BACKUP_KEEP.daily, DEFAULTS.keepDaily),
      keepWeekly: within(raw.keepWeekly, BACKUP_KEEP.weekly, DEFAULTS.keepWeekly),
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Writes the settings whole or not at all (temp file, then rename). */
export function writeBackupSettings(dataDir: string, settings: StoredBackupSettings): void {
  const file = join(dataDir, SETTINGS_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(tmp, file);
}
