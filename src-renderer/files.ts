/**
 * Files in and out of the main process, the same in Electron and in the browser host: the
 * chosen file streams up in 1 MB chunks (file-upload; never whole in memory, and under the
 * host's 4 MB message cap), and staged files (exports, error reports) stream down by
 * offset (file-read) into a download. The renderer never names a path on disk.
 */
import { FILE_CHUNK_BYTES } from '../src-preload/csv';
import type { BackupInfo } from '../src-preload/contract';
import { call } from './api';

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL's result is a string.
    reader.onload = () => resolve((reader.result as string).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export async function uploadFile(file: File, onProgress: (sent: number) => void): Promise<string> {
  let uploadId: string | null = null;
  let offset = 0;
  do {
    const chunk = file.slice(offset, offset + FILE_CHUNK_BYTES);
    const last = offset + chunk.size >= file.size;
    const info: { fileId: string } = await call('file-upload', { uploadId, name: file.name, offset, data: await toBase64(chunk), last });
    uploadId = info.fileId;
    offset += chunk.size;
    onProgress(offset);
  } while (offset < file.size);
  return uploadId;
}

/** A backup file chosen on the first-run screen, sent up the same way; answers with the backup as it now sits in the backup folder. */
export async function uploadBackupFile(file: File, onProgress: (sent: number) => void): Promise<BackupInfo> {
  let uploadId: string | null = null;
  let offset = 0;
  for (;;) {
    const chunk = file.slice(offset, offset + FILE_CHUNK_BYTES);
    const last = offset + chunk.size >= file.size;
    const answer: { uploadId: string; backup: BackupInfo | null } = await call('recovery-upload', { uploadId, name: file.name, offset, data: await toBase64(chunk), last });
    uploadId = answer.uploadId;
    offset += chunk.size;
    onProgress(offset);
    if (last) {
      if (!answer.backup) throw new Error('The backup file did not arrive whole. Choose it again.');
      return answer.backup;
    }
  }
}

export async function downloadStaged(fileId: string, fallbackName: string): Promise<void> {
  const parts: BlobPart[] = [];
  let offset: number | null = 0;
  let name = fallbackName;
  while (offset !== null) {
    const chunk: { data: string; nextOffset: number | null; name: string } = await call('file-read', { fileId, offset });
    const binary = atob(chunk.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parts.push(bytes);
    name = chunk.name;
    offset = chunk.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
