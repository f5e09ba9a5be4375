/**
 * Uploads have a size limit, and files nobody finishes or uses are removed: a closed tab
 * or a half-sent upload does not leave a client list on disk.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, createStaging } from '../../src-main/services/staging';
import { FILE_CHUNK_BYTES } from '../../src-preload/csv';
import { tempDir } from '../helpers/app';

const chunk = (n: number) => Buffer.alloc(n, 'a').toString('base64');

describe('uploads', () => {
  it('refuse a file over the size limit and keep nothing of it', async () => {
    const staging = createStaging(join(tempDir(), 'staging'), { maxUploadBytes: 2 * FILE_CHUNK_BYTES });
    let file = await staging.append(1, { uploadId: null, name: 'big.csv', offset: 0, data: chunk(FILE_CHUNK_BYTES), last: false });
    file = await staging.append(1, { uploadId: file.id, name: 'big.csv', offset: FILE_CHUNK_BYTES, data: chunk(FILE_CHUNK_BYTES), last: false });
    const over = staging.append(1, { uploadId: file.id, name: 'big.csv', offset: 2 * FILE_CHUNK_BYTES, data: chunk(1), last: true });
    await expect(over).rejects.toMatchObject({ code: 'VALIDATION', message: 'data: A file can be at most 2 MB; this one is larger, so it was not kept.' });
    expect(existsSync(file.path)).toBe(false);
    staging.removeAll();
  });

  it('are removed when abandoned: half-sent, or sent and never used', async () => {
    let t = 0;
    const staging = createStaging(join(tempDir(), 'staging'), { now: () => t });
    const half = await staging.append(1, { uploadId: null, name: 'half.csv', offset: 0, data: chunk(10), last: false });
    const unused = await staging.append(1, { uploadId: null, name: 'unused.csv', offset: 0, data: chunk(10), last: true });
    const used = await staging.append(1, { uploadId: null, name: 'used.csv', offset: 0, data: chunk(10), last: true });
    const writing = staging.reserve(1, 'export.csv');
    t += ABANDONED_AFTER_MS - 1;
    staging.get(1, used.id);
    t += 2;
    expect(await staging.sweep()).toBe(2);
    expect([half, unused].map((f) => existsSync(f.path))).toEqual([false, false]);
    expect(() => staging.get(1, half.id)).toThrow('That file was not found.');
    // Used a moment ago, and a file the app is still writing: kept.
    expect(staging.get(1, used.id).id).toBe(used.id);
    expect(existsSync(used.path)).toBe(true);
    expect(await staging.sweep()).toBe(0);
    expect(writing.complete).toBe(false);
    staging.removeAll();
  });
});
