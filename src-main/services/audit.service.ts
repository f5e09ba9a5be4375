import type { AuditEntry, Page } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit, listAudit } from '../db/queries/audit.queries';
import type { Action, Actor } from '../domain/permissions';

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

export function createAuditService(db: Db, now: () => Date) {
  return {
    /** A refused action is recorded too: who tried what, on which channel. */
    async denied(actor: Actor, action: Action, channel: string): Promise<void> {
      await insertAudit(db, {
        actorId: actor.id,
        action: 'access.denied',
        entity: 'channel',
        entityId: null,
        after: { channel, action, role: actor.role },
        at: now().toISOString(),
      });
    },

    async list(f: { entity?: string; entityId?: number; cursor?: string | null; limit: number }): Promise<Page<AuditEntry>> {
      const beforeId = f.cursor ? Number(f.cursor) : undefined;
      const rows = await listAudit(db, {
        entity: f.entity,
        entityId: f.entityId,
        beforeId: Number.isSafeInteger(beforeId) ? beforeId : undefined,
        limit: f.limit + 1,
      });
      const items = rows.slice(0, f.limit).map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: parse(r.before),
        after: parse(r.after),
      }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > f.limit && last ? String(last.id) : null };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
