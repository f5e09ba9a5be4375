import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { FILE_CHUNK_BYTES } from '../../src-preload/csv';
import type { CliSession } from './context';

/** Streams a local file into the app through file-upload, as the renderer does; never whole in memory. */
export async function uploadFile(session: CliSession, path: string): Promise<string> {
  let uploadId: string | null = null;
  let offset = 0;
  const send = async (chunk: Buffer, last: boolean) => {
    const info: { fileId: string } = await session.call('file-upload', { uploadId, name: basename(path), offset, data: chunk.toString('base64'), last });
    uploadId = info.fileId;
    offset += chunk.length;
  };
  // One chunk behind, so the last one is known to be last.
  let pending: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    if (pending) await send(pending, false);
    pending = chunk;
  }
  await send(pending ?? Buffer.alloc(0), true);
  return uploadId!;
}

/** Copies a staged file (an export, an error report) out to a local path. */
export async function downloadFile(session: CliSession, fileId: string, path: string): Promise<number> {
  const handle = await open(path, 'w');
  let offset: number | null = 0;
  let bytes = 0;
  try {
    while (offset !== null) {
      const chunk: { data: string; nextOffset: number | null } = await session.call('file-read', { fileId, offset });
      const data = Buffer.from(chunk.data, 'base64');
      await handle.write(data);
      bytes += data.length;
      offset = chunk.nextOffset;
    }
  } finally {
    await handle.close();
  }
  return bytes;
}
