/**
 * An access request: everything the book holds about one person, as one JSON document —
 * profile, tags, notes, consents, interactions, appointments, relationships, assignment
 * history, life-event messages, emails and the audit rows about them (and about records merged
 * into them, and about their appointments).
 *
 * Managers and Admins may export, within their visibility. The exporting role's hidden
 * field groups still never leave the main process: they are blanked in every section, and
 * audit rows come without their before/after (those payloads mix every field group, so
 * they cannot be trimmed safely). The document says what was withheld; a complete export
 * is an Admin's, whose built-in role hides nothing.
 */
import type { AuditEntry } from '../../src-preload/contract';
import type { ClientDataExport } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { allForClient, bookNames } from '../db/queries/appointments.queries';
import { listHistory } from '../db/queries/assignment.queries';
import { auditNames, insertAudit } from '../db/queries/audit.queries';
import { describeAudit, idsIn } from '../domain/audit-text';
import {
  listAllInteractions,
  listAllLinks,
  listClientAudit,
  listMergedRecords,
  listMessagesFor,
  listOutboxFor,
  visibleNames,
} from '../db/queries/client-data.queries';
import { tagsFor } from '../db/queries/client-list.queries';
import { findUnpurged } from '../db/queries/client-trash.queries';
import type { Actor } from '../domain/permissions';
import { wordForOther } from '../domain/relationships';
import { appointmentView } from './appointments.mapping';
import { toInteraction } from './client-activity.service';
import { toClientDetail } from './clients.mapping';
import { AppFailure, notFound } from './errors';

const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

export function createClientDataService(db: Db, now: () => Date, timeZone: () => string) {
  return {
    async exportClient(actor: Actor, id: number): Promise<{ filename: string; data: ClientDataExport }> {
      const at = now().toISOString();
      const hidden = actor.hiddenFields;
      // One transaction: every section read from the same moment, and the export audited with it.
      const data = await db.transaction().execute(async (trx) => {
        const row = await findUnpurged(trx, actor.scope, id);
        if (!row) throw notFound('That client');
        if (row.merged_into_id !== null) {
          throw new AppFailure('CONFLICT', `This client was merged into client #${row.merged_into_id}; export that client instead.`, {
            survivorId: row.merged_into_id,
          });
        }
        const tags = (await tagsFor(trx, [row.id])).get(row.id) ?? [];
        const merged = await listMergedRecords(trx, row.id);
        const links = await listAllLinks(trx, row.id);
        const otherIds = links.map((l) => (l.from_client_id === row.id ? l.to_client_id : l.from_client_id));
        const names = new Map((await visibleNames(trx, actor.scope, otherIds)).map((n) => [n.id, n]));
        const audit = await listClientAudit(trx, [row.id, ...merged.map((m) => m.id)]);

        const document: ClientDataExport = {
          format: 'clientele-client-data',
          version: 1,
          exportedAt: at,
          exportedBy: { id: actor.id, name: actor.name },
          withheld: [...hidden],
          complete: hidden.size === 0,
          client: { ...toClientDetail(row, hidden, tags), deletedAt: row.deleted_at, externalId: row.external_id },
          mergedRecords: merged.map((m) => ({ id: m.id, firstName: m.first_name, lastName: m.last_name, mergedAt: m.deleted_at })),
          interactions: (await listAllInteractions(trx, row.id)).map((r) => toInteraction(r, hidden)),
          appointments: await (async () => {
            const bookNamesNow = await bookNames(trx);
            return (await allForClient(trx, actor, row.id)).map((a) => appointmentView(a, hidden, bookNamesNow, timeZone()));
          })(),
          relationships: links.map((l, i) => {
            const other = names.get(otherIds[i]!);
            return {
              id: l.id,
              word: wordForOther(l, l, otherIds[i]!),
              other: other ? { id: other.id, firstName: other.first_name, lastName: other.last_name } : null,
              createdAt: l.created_at,
            };
          }),
          assignmentHistory: (await listHistory(trx, row.id)).reverse().map((h) => ({
            id: h.id,
            at: h.at,
            from: ref(h.from_staff_id, h.from_name),
            to: ref(h.to_staff_id, h.to_name),
            reason: h.reason,
            actor: ref(h.actor_id, h.actor_name),
          })),
          automationMessages: (await listOutboxFor(trx, row.id)).map((o) => ({
            id: o.id,
            role: o.client_id === row.id ? 'about' : 'to',
            rule: o.rule_name,
            eventDate: hidden.has('dates') ? null : o.event_date,
            dueDate: o.due_date,
            channel: o.channel,
            text: o.rendered,
            status: o.status,
            skipReason: o.skip_reason,
            createdAt: o.created_at,
          })),
          emails: (await listMessagesFor(trx, row.id)).map((m) => ({
            id: m.id,
            kind: m.kind,
            to: hidden.has('contact') ? null : m.to_address,
            subject: m.subject,
            body: m.body,
            status: m.status,
            reason: m.reason,
            createdAt: m.created_at,
            sentAt: m.sent_at,
          })),
          audit: await (async () => {
            const raw = audit.map((a) => ({
              id: a.id,
              at: a.at,
              actorId: a.actor_id,
              actorName: a.actor_name,
              action: a.action,
              entity: a.entity,
              entityId: a.entity_id,
              before: hidden.size ? null : parse(a.before),
              after: hidden.size ? null : parse(a.after),
            }));
            const names = await auditNames(trx, idsIn(raw), actor.scope);
            return raw.map((a): AuditEntry => ({ ...a, ...describeAudit(a, names) }));
          })(),
        };
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'client.data-export',
          entity: 'client',
          entityId: row.id,
          after: { withheld: document.withheld, interactions: document.interactions.length, auditRows: document.audit.length },
          at,
        });
        return document;
      });
      return { filename: `clientele-client-${id}-${at.slice(0, 10)}.json`, data };
    },
  };
}
export type ClientDataService = ReturnType<typeof createClientDataService>;
