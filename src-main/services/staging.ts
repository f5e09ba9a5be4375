/**
 * Files the main process holds for a person: uploads to import, error reports and exports
 * to download. A renderer never names a path on disk (it is untrusted); it streams a file
 * in by chunks and gets an opaque id back, and reads files out by id and offset. Only the
 * staff member a file belongs to can read it.
 *
 * The folder is this process's alone: only the owner of the data folder (data-folder-lock.ts)
 * gets here, so what is in it at start was left by an owner that has ended, and nothing
 * can reach those files any more (ids live in memory): they are removed. The owner removes
 * its own files when it closes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FILE_CHUNK_BYTES } from '../../src-preload/csv';
import { AppFailure, invalidField, notFound } from './errors';

export interface StagedFile {
  id: string;
  owner: number;
  name: string;
  path: string;
  bytes: number;
  complete: boolean;
  /** sha256 of the content, once complete. */
  hash: string | null;
  /** Sent by a renderer (file-upload), not written by the main process. */
  upload: boolean;
  /** When it was last written or used (ms); an idle file is abandoned (sweep). */
  touched: number;
}

const ID = /^[a-f0-9]{32}$/;

export interface StagingOptions {
  now?: () => number;
  /** The largest file a renderer may upload. */
  maxUploadBytes?: number;
}

/** Larger than any shop's clients or sales file (a million clients is about 150 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** A file nobody has written or used for this long is abandoned: a closed tab, a half-sent upload. */
export const ABANDONED_AFTER_MS = 2 * 60 * 60 * 1000;

export function createStaging(dir: string, options: StagingOptions = {}) {
  const now = options.now ?? Date.now;
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, StagedFile>();

  const find = (owner: number, id: string, field = 'fileId'): StagedFile => {
    const file = ID.test(id) ? files.get(id) : undefined;
    if (!file || file.owner !== owner) throw notFound('That file');
    if (!file.complete) throw invalidField(field, 'The file has not finished uploading');
    file.touched = now();
    return file;
  };

  /**
   * Removes abandoned files: uploads and finished files idle for ABANDONED_AFTER_MS. A file
   * the main process is still writing (a running export's or import's report) is kept.
   */
  const sweep = async (): Promise<number> => {
    const before = now() - ABANDONED_AFTER_MS;
    let removed = 0;
    for (const file of [...files.values()]) {
      if ((file.complete || file.upload) && file.touched < before) {
        files.delete(file.id);
        await rm(file.path, { force: true });
        removed++;
      }
    }
    return removed;
  };
  // Also on a timer, so an abandoned file does not wait for the next upload to go.
  const timer = setInterval(() => void sweep().catch(() => undefined), 10 * 60 * 1000);
  timer.unref();

  return {
    dir,
    /** A new, empty file for the main process to write (an export, an error report). */
    reserve(owner: number, name: string): StagedFile {
      const id = randomBytes(16).toString('hex');
      const file: StagedFile = { id, owner, name: safeName(name), path: join(dir, id), bytes: 0, complete: false, hash: null, upload: false, touched: now() };
      files.set(id, file);
      return file;
    },
    async finish(file: StagedFile): Promise<StagedFile> {
      file.bytes = (await stat(file.path)).size;
      file.complete = true;
      file.touched = now();
      return file;
    },
    /** One chunk of an upload, in order; the last one seals the file and hashes it. */
    async append(owner: number, input: { uploadId: string | null; name: string; offset: number; data: string; last: boolean }): Promise<StagedFile> {
      const bytes = Buffer.from(input.data, 'base64');
      if (bytes.length > FILE_CHUNK_BYTES) throw invalidField('data', `A chunk can be at most ${FILE_CHUNK_BYTES} bytes`);
      let file: StagedFile;
      if (input.uploadId === null) {
        if (input.offset !== 0) throw invalidField('offset', 'A new upload starts at offset 0');
        // Each new upload is a moment to drop the ones nobody finished or used.
        await sweep();
        file = this.reserve(owner, input.name);
        file.upload = true;
      } else {
        const found = ID.test(input.uploadId) ? files.get(input.uploadId) : undefined;
        if (!found || found.owner !== owner) throw notFound('That upload');
        if (found.complete) throw invalidField('uploadId', 'That upload is already complete');
        file = found;
      }
      if (input.offset !== file.bytes) {
        throw new AppFailure('CONFLICT', `The upload expected offset ${file.bytes}, not ${input.offset}.`, { expectedOffset: file.bytes });
      }
      if (file.bytes + bytes.length > maxUploadBytes) {
        await this.discard(file);
        throw invalidField('data', `A file can be at most ${Math.round(maxUploadBytes / (1024 * 1024))} MB; this one is larger, so it was not kept.`);
      }
      file.touched = now();
      // 'r+' for the chunks after the first: a file that went missing is an error, not a new
      // file that would quietly lack its first chunks; its size must be what was received.
      const handle = await open(file.path, file.bytes === 0 ? 'w' : 'r+').catch(() => null);
      const size = handle ? (await handle.stat()).size : -1;
      if (!handle || size !== file.bytes) {
        await handle?.close();
        await this.discard(file);
        throw new AppFailure('CONFLICT', 'The upload was lost on the way (its file changed on disk). Upload the file again.');
      }
      try {
        await handle.write(bytes, 0, bytes.length, file.bytes);
      } finally {
        await handle.close();
      }
      file.bytes += bytes.length;
      if (input.last) {
        file.hash = await hashFile(file.path);
        file.complete = true;
      }
      return file;
    },
    get: find,
    sweep,
    async read(owner: number, id: string, offset: number): Promise<{ data: string; nextOffset: number | null; name: string; bytes: number }> {
      const file = find(owner, id);
      const handle = await open(file.path, 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, Math.min(FILE_CHUNK_BYTES, file.bytes - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        const next = offset + bytesRead;
        return { data: buffer.subarray(0, bytesRead).toString('base64'), nextOffset: next < file.bytes ? next : null, name: file.name, bytes: file.bytes };
      } finally {
        await handle.close();
      }
    },
    /**
     * After an erasure: uploads, error reports and exports that name the person (by email,
     * phone or outside id, in any letter case) are deleted; their owner uploads or exports again.
     */
    async discardContaining(needles: string[]): Promise<number> {
      const wanted = needles.map((n) => n.toLowerCase());
      if (!wanted.length) return 0;
      let dropped = 0;
      for (const file of [...files.values()]) {
        const text = (await readFile(file.path).catch(() => Buffer.alloc(0))).toString('utf8').toLowerCase();
        if (wanted.some((n) => text.includes(n))) {
          await this.discard(file);
          dropped++;
        }
      }
      return dropped;
    },
    async discard(file: StagedFile): Promise<void> {
      files.delete(file.id);
      await rm(file.path, { force: true });
    },
    /** When the app closes (a command ends): nobody can ask for these files again. */
    removeAll(): void {
      clearInterval(timer);
      files.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Staging = ReturnType<typeof createStaging>;

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes from the name
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').trim();
  return (base || 'file.csv').slice(0, 200);
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
