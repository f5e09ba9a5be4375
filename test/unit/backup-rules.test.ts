import { describe, expect, it } from 'vitest';
import { describeFolderError } from '../../src-main/backup/folder-errors';
import { backupName, parseBackupName } from '../../src-main/backup/names';
import { toPrune, weekOf } from '../../src-main/backup/retention';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('backup rules', () => {
  it('names a backup by time and reason, and reads the name back', () => {
    const at = new Date('2026-03-01T09:05:07.123Z');
    expect(backupName(at, 'pre-import')).toBe('clientele-2026-03-01T09-05-07.123Z-pre-import.db');
    expect(parseBackupName(backupName(at, 'pre-restore', 2))).toEqual({ takenAt: '2026-03-01T09:05:07.123Z', reason: 'pre-restore' });
    expect(parseBackupName('clientele-2026-03-01T09-05-07.123Z-whatever.db')).toBeNull();
    expect(parseBackupName('copied-by-hand.db')).toBeNull();
  });

  it('says which folder failed and why: full, read-only, missing', () => {
    expect(describeFolderError('/mnt/usb', err('ENOSPC')).message).toBe('The backup folder /mnt/usb is full. Free some space or choose another folder.');
    expect(describeFolderError('/mnt/usb', err('SQLITE_FULL')).message).toMatch(/is full/);
    expect(describeFolderError('/mnt/usb', err('EROFS')).message).toBe('Clientele cannot write to the backup folder /mnt/usb (it is read-only or not permitted).');
    expect(describeFolderError('/mnt/usb', err('SQLITE_READONLY_DIRECTORY')).message).toMatch(/read-only/);
    expect(describeFolderError('/mnt/usb', err('ENOENT')).message).toMatch(/does not exist/);
  });

  it('weeks start on Monday', () => {
    expect(weekOf('2026-01-25T23:00:00.000Z')).toBe('2026-01-19'); // a Sunday
    expect(weekOf('2026-01-26T00:00:00.000Z')).toBe('2026-01-26');
  });

  it('prunes old safety backups per kind and never those taken by hand', () => {
    const b = (reason: 'manual' | 'pre-import' | 'pre-migration', day: number) => ({ file: `${reason}-${day}`, reason, takenAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z` });
    const list = [b('manual', 1), b('manual', 2), b('pre-import', 1), b('pre-import', 2), b('pre-import', 3), b('pre-migration', 3)];
    expect(toPrune(list, { keepDaily: 2, keepWeekly: 0 })).toEqual(['pre-import-1']);
  });
});
