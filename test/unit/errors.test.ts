import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupFolderError } from '../../src-main/backup/folder-errors';
import { AppFailure, toAppError } from '../../src-main/services/errors';

const sqlite = (code: string) => Object.assign(new Error(code.toLowerCase()), { code });
const dataDir = mkdtempSync(join(tmpdir(), 'clientele-errors-'));

describe('an error becomes a contract code in one place (toAppError)', () => {
  it.each([
    ['a busy book, naming the writer', sqlite('SQLITE_BUSY'), 'UNAVAILABLE', /^An import is writing to the book/],
    ['a full disk', sqlite('SQLITE_FULL'), 'STORAGE', /^The disk is full .*nothing was saved/],
    ['a full disk, said by the system', Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'STORAGE', /^The disk is full/],
    ['a read-only folder', sqlite('SQLITE_READONLY_DBMOVED'), 'STORAGE', /is read-only: nothing was saved/],
    ['a backup folder that cannot be used', new BackupFolderError('The backup folder X is full. Free some space or choose another folder.'), 'STORAGE', /^The backup folder X is full/],
    ['a unique constraint met in a race', sqlite('SQLITE_CONSTRAINT_UNIQUE'), 'DUPLICATE', /^That duplicates a record saved a moment ago/],
    ['anything else', new TypeError('x is undefined'), 'INTERNAL', /^Something went wrong inside Clientele. Nothing was changed.$/],
  ])('%s', (_what, err, code, message) => {
    const error = toAppError(err, { dataDir, writer: 'An import' });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('says busy without a writer it does not know of, with a retry hint', () => {
    expect(toAppError(sqlite('SQLITE_BUSY_SNAPSHOT'))).toEqual({
      code: 'UNAVAILABLE',
      message: 'The book is busy: another change held it for more than 5 seconds. Nothing was changed; try again.',
      details: { retryable: true },
    });
  });

  it('keeps a service’s own failure as it is, details included', () => {
    const issues = [{ field: 'email', message: 'Taken' }];
    expect(toAppError(new AppFailure('DUPLICATE', 'That email is taken.', { issues }), { dataDir })).toEqual({
      code: 'DUPLICATE',
      message: 'That email is taken.',
      details: { issues },
    });
  });

  it('never leaks the text of an unexpected error', () => {
    expect(JSON.stringify(toAppError(new Error('SELECT secret FROM staff')))).not.toContain('secret');
  });
});
