/**
 * Undoing an import, in one transaction: the clients it created are removed and the fields
 * it overwrote are restored — each only if nobody changed that client since (its version
 * moved, or it gained history or relationships); those are kept and named in the answer,
 * as are clients erased since, whose old fields the erasure removed.
 */
import { insertAuditSync } from './audit-sync';
import { openJobDb } from './job-db';
import { JobCancelled, type JobContext, type UndoParams, type UndoResult } from './types';

const KEPT_LIMIT = 200;
// Purge emptied the client and the import's copy of its old fields (client-erasure.queries).
const ERASED = 'was erased; an erased client cannot be restored';

export class UndoRefused extends Error {}

export async function runUndo(p: UndoParams, ctx: JobContext): Promise<UndoResult> {
  const db = openJobDb(p);
  const { sqlite } = db;
  const result: UndoResult = { removed: 0, restored: 0, kept: [] };
  let keptTotal = 0;
  const keep = (clientId: number, name: string, reason: string) => {
    keptTotal++;
    if (result.kept.length < KEPT_LIMIT) result.kept.push({ clientId, name, reason });
  };
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    const imp = sqlite.prepare('SELECT * FROM imports WHERE id = ?').get(p.importId) as
      | { id: number; at: string; undone_at: string | null; first_created_id: number | null; last_created_id: number | null; file_name: string }
      | undefined;
    if (!imp) throw new UndoRefused('That import was not found.');
    if (imp.undone_at) throw new UndoRefused(`That import was already undone at ${imp.undone_at}.`);

    if (imp.first_created_id !== null && imp.last_created_id !== null) {
      const created = sqlite.prepare(
        `SELECT c.id, c.first_name || ' ' || c.last_name AS name, c.version, c.deleted_at, c.purged_at,
           EXISTS (SELECT 1 FROM interactions i WHERE i.client_id = c.id) AS has_history,
           EXISTS (SELECT 1 FROM relationships r WHERE r.from_client_id = c.id OR r.to_client_id = c.id) AS has_links
         FROM clients c WHERE c.id BETWEEN ? AND ? AND c.created_at = ? ORDER BY c.id`,
      );
      const remove = sqlite.prepare('DELETE FROM clients WHERE id = ?');
      let n = 0;
      for (const c of created.all(imp.first_created_id, imp.last_created_id, imp.at) as {
        id: number; name: string; version: number; deleted_at: string | null; purged_at: string | null; has_history: number; has_links: number;
      }[]) {
        if (c.purged_at) keep(c.id, c.name.trim(), ERASED);
        else if (c.version !== 1 || c.deleted_at) keep(c.id, c.name.trim(), 'changed since the import');
        else if (c.has_history) keep(c.id, c.name.trim(), 'has sales, bookings or notes since the import');
        else if (c.has_links) keep(c.id, c.name.trim(), 'was linked to another client since the import');
        else {
          remove.run(c.id);
          result.removed++;
        }
        if (++n % 10_000 === 0) {
          if (ctx.cancelled()) throw new JobCancelled();
          ctx.progress({ phase: 'undo', done: n, total: null, rows: n });
        }
      }
    }

    const updated = sqlite.prepare(
      `SELECT r.client_id, r.before, r.version_after, c.version, c.purged_at, c.first_name || ' ' || c.last_name AS name
       FROM import_rows r JOIN clients c ON c.id = r.client_id WHERE r.import_id = ?`,
    );
    const unlink = sqlite.prepare('DELETE FROM client_tags WHERE client_id = ? AND tag_id = ?');
    for (const r of updated.all(p.importId) as { client_id: number; before: string; version_after: number; version: number; purged_at: string | null; name: string }[]) {
      if (r.purged_at) {
        keep(r.client_id, r.name.trim(), ERASED);
        continue;
      }
      if (r.version !== r.version_after) {
        keep(r.client_id, r.name.trim(), 'changed since the import');
        continue;
      }
      const before = JSON.parse(r.before) as { columns: Record<string, unknown>; tagsAdded: number[] };
      const cols = Object.keys(before.columns).filter((c) => /^[a-z_0-9]+$/.test(c));
      if (cols.length) {
        sqlite
          .prepare(`UPDATE clients SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, version = version + 1, updated_at = @at WHERE id = @id`)
          .run({ ...before.columns, at: p.at, id: r.client_id });
      }
      for (const tagId of before.tagsAdded) unlink.run(r.client_id, tagId);
      result.restored++;
    }

    sqlite.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(p.at, p.actor.id, p.importId);
    insertAuditSync(db, {
      actorId: p.actor.id,
      action: 'import.undo',
      entity: 'import',
      entityId: p.importId,
      after: { file: imp.file_name, removed: result.removed, restored: result.restored, kept: keptTotal },
      at: p.at,
    });
    sqlite.exec('COMMIT');
    return result;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    db.close();
  }
}
