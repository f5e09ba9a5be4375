import { resolve } from 'node:path';
import { FILE_CHUNK_BYTES } from '../../src-preload/csv';
import type { ImportInspection, Input } from '../../src-preload/contract';
import type { TestClient } from './app';

/** The data generator, in the shared folder beside the repository (../shared/data/gen.mjs). */
export const GENERATOR = resolve(__dirname, '../../../shared/data/gen.mjs');

/** Uploads content through file-upload in chunks, as the renderer does; returns the upload id. */
export async function upload(client: TestClient, name: string, content: string | Buffer): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let uploadId: string | null = null;
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + FILE_CHUNK_BYTES);
    const last = offset + chunk.length >= bytes.length;
    const info: { fileId: string } = await client.ok('file-upload', { uploadId, name, offset, data: chunk.toString('base64'), last });
    uploadId = info.fileId;
    offset += chunk.length;
  } while (offset < bytes.length);
  return uploadId;
}

/** Reads a staged file out through file-read. */
export async function download(client: TestClient, fileId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: { data: string; nextOffset: number | null } = await client.ok('file-read', { fileId, offset });
    parts.push(Buffer.from(chunk.data, 'base64'));
    offset = chunk.nextOffset;
  }
  return Buffer.concat(parts);
}

/** Upload + inspect + run with the recognised mapping, overridable. */
export async function importCsv(
  client: TestClient,
  content: string | Buffer,
  options: Partial<Omit<Input<'import-run'>, 'uploadId'>> & { name?: string } = {},
): Promise<{ inspection: ImportInspection; result: Awaited<ReturnType<typeof runImport>> }> {
  const { name = 'clients.csv', ...settings } = options;
  const uploadId = await upload(client, name, content);
  const inspection = await client.ok('import-inspect', { uploadId });
  const result = await runImport(client, inspection, settings);
  return { inspection, result };
}

export function runImport(client: TestClient, inspection: ImportInspection, settings: Partial<Omit<Input<'import-run'>, 'uploadId'>> = {}) {
  return client.ok('import-run', {
    uploadId: inspection.uploadId,
    encoding: inspection.encoding,
    delimiter: inspection.delimiter as ',',
    mapping: inspection.mapping,
    dryRun: false,
    ...settings,
  });
}

/** The id of the first job this client hears progress from (a running import, sales file or undo). */
export async function firstJobId(client: TestClient): Promise<string> {
  return (await client.firstEvent('job-progress')).jobId;
}
