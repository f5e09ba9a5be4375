/**
 * The backup every import takes before its transaction (README: "before every import
 * commits"), on the job's own connection with SQLite's online backup API, reported as the
 * job's first phase ('backup') so the person sees it in the import's progress. With no
 * backup there is no import: the job fails with the folder's reason and writes nothing.
 */
import { dirname } from 'node:path';
import { createBackupStore } from '../backup/store';
import { BackupFolderError } from '../backup/folder-errors';
import { insertAuditSync } from './audit-sync';
import type { JobDb } from './job-db';
import { JobCancelled, type JobContext, type JobDatabase } from './types';

export class PreImportBackupFailed extends Error {
  constructor(reason: string) {
    super(`Clientele could not back up the book before the import, so it imported nothing. ${reason}`);
    this.name = 'PreImportBackupFailed';
  }
}

export async function backUpBeforeImport(db: JobDb, p: JobDatabase & { actor: { id: number }; at: string }, ctx: JobContext): Promise<void> {
  ctx.progress({ phase: 'backup', done: 0, total: null, rows: 0 });
  const store = createBackupStore({ dataDir: dirname(p.databaseFile), now: () => new Date(), nativeBinding: p.nativeBinding });
  let info;
  try {
    info = await store.take(db.sqlite, 'pre-import', { progress: (done, total) => ctx.progress({ phase: 'backup', done, total, rows: 0 }) });
  } catch (err) {
    if (err instanceof BackupFolderError) throw new PreImportBackupFailed(err.message);
    throw err;
  }
  // Copied and checked: the phase ends here (the copy's last step came before the check).
  ctx.progress({ phase: 'backup', done: 1, total: 1, rows: 0 });
  // Outside the import's transaction: the backup stays taken whatever the import does next.
  insertAuditSync(db, {
    actorId: p.actor.id,
    action: 'backup.take',
    entity: 'backup',
    entityId: null,
    after: { file: info.file, reason: 'pre-import', clients: info.clients, sizeBytes: info.sizeBytes },
    at: p.at,
  });
  if (ctx.cancelled()) throw new JobCancelled();
}
