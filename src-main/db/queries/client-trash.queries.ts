import { sql, type SqlBool } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { withNames, type ClientRow } from './clients.queries';

export interface TrashKey {
  deletedAt: string;
  id: number;
}

/** Deleted (not merged, not erased) clients in the scope, most recently deleted first. */
export function listTrash(db: Executor, scope: ClientScope, before: TrashKey | undefined, limit: number): Promise<ClientRow[]> {
  let q = withNames(db, scope)
    .where('clients.deleted_at', 'is not', null)
    .where('clients.merged_into_id', 'is', null)
    .where('clients.purged_at', 'is', null)
    .orderBy('clients.deleted_at', 'desc')
    .orderBy('clients.id', 'desc')
    .limit(limit);
  if (before) q = q.where(sql<SqlBool>`(clients.deleted_at, clients.id) < (${before.deletedAt}, ${before.id})`);
  return q.execute();
}

/** A client in the Trash this scope may see. */
export const findTrashed = (db: Executor, scope: ClientScope, id: number): Promise<ClientRow | undefined> =>
  withNames(db, scope)
    .where('clients.id', '=', id)
    .where('clients.deleted_at', 'is not', null)
    .where('clients.merged_into_id', 'is', null)
    .where('clients.purged_at', 'is', null)
    .executeTakeFirst();

/**
 * Clients in the Trash since before `cutoff`, whoever's they are (the retention run acts for
 * the shop, not for a person), oldest first, along the Trash index.
 */
export const expiredInTrash = (db: Executor, cutoff: string, limit: number) =>
  db
    .selectFrom('clients')
    .select(['id', 'version', 'deleted_at', 'email', 'external_id', 'phone', 'phone_e164'])
    .where('deleted_at', 'is not', null)
    .where('merged_into_id', 'is', null)
    .where('deleted_at', '<', cutoff)
    .where('purged_at', 'is', null)
    .orderBy('deleted_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Any client row, live or deleted, not yet erased, in the scope. */
export const findUnpurged = (db: Executor, scope: ClientScope, id: number): Promise<ClientRow | undefined> =>
  withNames(db, scope).where('clients.id', '=', id).where('clients.purged_at', 'is', null).executeTakeFirst();

/** Audit payloads are personal data too: an erased person's rows keep who/what/when, not the values. */
export async function redactClientAudit(db: Executor, clientId: number): Promise<void> {
  await db
    .updateTable('audit_log')
    .set({ before: sql`CASE WHEN before IS NULL THEN NULL ELSE '{"erased":true}' END`, after: sql`CASE WHEN after IS NULL THEN NULL ELSE '{"erased":true}' END` })
    .where('entity', '=', 'client')
    .where('entity_id', '=', clientId)
    .execute();
}
