import type { Executor } from '../connection';
import type { AuditRow } from '../schema';

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function insertAudit(db: Executor, row: AuditInput): Promise<void> {
  await db
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
    .execute();
}

export interface AuditFilter {
  entity?: string;
  entityId?: number;
  /** Rows with an id below this one (keyset, newest first). */
  beforeId?: number;
  limit: number;
}

export async function listAudit(db: Executor, f: AuditFilter): Promise<(AuditRow & { actor_name: string | null })[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('staff.name as actor_name')
    .orderBy('audit_log.id', 'desc')
    .limit(f.limit);
  if (f.entity !== undefined) q = q.where('audit_log.entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.beforeId !== undefined) q = q.where('audit_log.id', '<', f.beforeId);
  return q.execute();
}
