import type { AuditEntry, Page, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { auditNames, insertAudit, listAudit, type AuditFilter } from '../db/queries/audit.queries';
import { changeText, describeAudit, idsIn } from '../domain/audit-text';
import type { Action, Actor, Resource } from '../domain/permissions';
import { excelCsv } from '../csv/write';
import { redactClientValues } from '../domain/client-fields';

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/** A row's before/after as this reader may see them: values of hidden field groups redacted. */
const readable = (v: string | null, actor: Actor): unknown => redactClientValues(parse(v), actor.hiddenFields);

/** The most rows one export carries; a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 100_000;

type FilterInput = Omit<ParsedInput<'audit-list'>, 'cursor' | 'limit'>;

const toFilter = (f: FilterInput): Omit<AuditFilter, 'limit' | 'scope'> => ({
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

    /** The log as this reader may see it: rows about clients out of their scope left out, hidden values redacted. */
    async list(actor: Actor, f: ParsedInput<'audit-list'>): Promise<Page<AuditEntry>> {
      const beforeId = f.cursor ? Number(f.cursor) : undefined;
      const rows = await listAudit(db, {
        ...toFilter(f),
        scope: actor.scope,
        beforeId: Number.isSafeInteger(beforeId) ? beforeId : undefined,
        limit: f.limit + 1,
      });
      const page = rows.slice(0, f.limit).map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: readable(r.before, actor),
        after: readable(r.after, actor),
      }));
      // Names only after redaction, so a hidden value never becomes a looked-up name.
      const names = await auditNames(db, idsIn(page), actor.scope);
      const items = page.map((r) => ({ ...r, ...describeAudit(r, names) }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > f.limit && last ? String(last.id) : null };
    },

    /** The filtered log as CSV, spreadsheet-safe, newest first. */
    async export(actor: Actor, f: FilterInput): Promise<{ filename: string; csv: string; rows: number }> {
      const rows = await listAudit(db, { ...toFilter(f), scope: actor.scope, limit: AUDIT_EXPORT_LIMIT });
      // The same words as the screen: hidden values redacted first, then named.
      const readableRows = rows.map((r) => ({ ...r, entityId: r.entity_id, before: readable(r.before, actor), after: readable(r.after, actor) }));
      const names = await auditNames(db, idsIn(readableRows), actor.scope);
      const body = readableRows.map((r) => {
        const words = describeAudit(r, names);
        return [r.at, r.actor_name ?? (r.actor_id === null ? 'Clientele (automatic)' : 'A former staff member'), words.summary, words.subject ?? '', words.changes.map(changeText).join('; ')];
      });
      const csv = excelCsv(['When (UTC)', 'Who', 'Action', 'About', 'Changes'], body);
      return { filename: `clientele-audit-${now().toISOString().slice(0, 10)}.csv`, csv, rows: rows.length };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
