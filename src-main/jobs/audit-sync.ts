import type { AuditInput } from '../db/queries/audit.queries';
import type { JobDb } from './job-db';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * The audit row of a job, written inside the job's own transaction on its own connection
 * (the job drives better-sqlite3 synchronously, so it runs Kysely's compiled insert itself).
 */
export function insertAuditSync(db: JobDb, row: AuditInput): void {
  const q = db.kysely
    .insertInto('audit_log')
    .values({
      at: row.at,
      actor_id: row.actorId,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      before: json(row.before),
      after: json(row.after),
    })
    .compile();
  db.sqlite.prepare(q.sql).run(...(q.parameters as unknown[]));
}
