/**
 * Which backups to delete, as a pure function of the list. Daily backups: the newest
 * `keepDaily`, plus, among the older ones, the newest of each week for `keepWeekly` weeks
 * (so a long history keeps exactly keepDaily + keepWeekly). Backups taken before a
 * migration, an import or a restore are safety nets for that one event: the newest
 * `keepDaily` of each kind stay. Backups taken by hand are the Admin's, never pruned.
 */
import type { BackupReason } from '../../src-preload/contract';

export interface Dated {
  file: string;
  reason: BackupReason | 'unknown';
  takenAt: string;
}

const newestFirst = (a: Dated, b: Dated) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0);

/** Monday-based week in UTC, as the date of its Monday. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

export function toPrune(backups: Dated[], keep: { keepDaily: number; keepWeekly: number }): string[] {
  const doomed: string[] = [];
  const daily = backups.filter((b) => b.reason === 'daily').sort(newestFirst);
  const olderDaily = daily.slice(keep.keepDaily);
  const weeks = new Set<string>();
  for (const b of olderDaily) {
    const week = weekOf(b.takenAt);
    if (!weeks.has(week) && weeks.size < keep.keepWeekly) weeks.add(week);
    else doomed.push(b.file);
  }
  const events: BackupReason[] = ['pre-migration', 'pre-import', 'pre-restore'];
  for (const reason of events) {
    const kind = backups.filter((b) => b.reason === reason).sort(newestFirst);
    doomed.push(...kind.slice(keep.keepDaily).map((b) => b.file));
  }
  return doomed;
}
