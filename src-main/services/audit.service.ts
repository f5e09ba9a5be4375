import type { AuditEntry, Page, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit, listAudit, type AuditFilter } from '../db/queries/audit.queries';
import type { Action, Actor, Resource } from '../domain/permissions';
import { excelCsv } from '../csv/write';

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/** The most rows one export carries; a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 100_000;

type FilterInput = Omit<ParsedInput<'audit-list'>, 'cursor' | 'limit'>;

const toFilter = (f: FilterInput): Omit<AuditFilter, 'limit'> => ({
  actorId: f.actorId,
  action: f.action,
  entity: f.entity,
  entityId: f.entityId,
  // Stored instants are UTC ISO strings; compare like with like.
  from: f.from ? new Date(f.from).toISOString() : undefined,
  to: f.to ? new Date(f.to).toISOString() : undefined,
});

export function createAuditService(db: Db, now: () => Date) {
  return {
    /** A refused action is recorded too: who tried what, on which channel, on what. */
    async denied(actor: Actor, action: Action, channel: string, resource?: Resource & { clientId?: number }): Promise<void> {
      await insertAudit(db, {
        actorId: actor.id,
        action: 'access.denied',
        entity: resource?.clientId !== undefined ? 'client' : 'channel',
        entityId: resource?.clientId ?? null,
        after: { channel, action, role: actor.roleName },
        at: now().toISOString(),
      });
    },

    async list(f: ParsedInput<'audit-list'>): Promise<Page<AuditEntry>> {
      const beforeId = f.cursor ? Number(f.cursor) : undefined;
      const rows = await listAudit(db, {
        ...toFilter(f),
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

    /** The filtered log as CSV, spreadsheet-safe, newest first. */
    async export(f: FilterInput): Promise<{ filename: string; csv: string; rows: number }> {
      const rows = await listAudit(db, { ...toFilter(f), limit: AUDIT_EXPORT_LIMIT });
      const body = rows.map((r) =>
        [r.at, r.actor_name ?? (r.actor_id === null ? 'System' : `#${r.actor_id}`), r.action, r.entity, r.entity_id ?? '', r.before ?? '', r.after ?? ''].map(String),
      );
      const csv = excelCsv(['When (UTC)', 'Who', 'Action', 'Entity', 'Entity id', 'Before', 'After'], body);
      return { filename: `clientele-audit-${now().toISOString().slice(0, 10)}.csv`, csv, rows: rows.length };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
