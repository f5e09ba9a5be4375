/**
 * Each staff member's Today list: the messages and call tasks the life-event run routed to
 * them. Managers with the automation permission can look at everyone's.
 */
import type { ParsedInput } from '../../src-preload/contract';
import type { OutboxItem } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { listOutbox, setOutboxStatus, type OutboxRow } from '../db/queries/outbox.queries';
import { localDate } from '../domain/calendar';
import { decide, type Actor } from '../domain/permissions';
import { excelCsv } from '../csv/write';
import { forbidden, notFound } from './errors';

const name = (first: string, last: string) => `${first} ${last}`.trim();

function toItem(r: OutboxRow, actor: Actor): OutboxItem {
  const contact = !actor.hiddenFields.has('contact');
  // The event's date is the client's birthday or anniversary: a role that hides dates sees neither it nor the reason's copy.
  const dates = !actor.hiddenFields.has('dates');
  return {
    id: r.id,
    ruleName: r.rule_name,
    channel: r.channel,
    client: { id: r.client_id, name: name(r.client_first_name, r.client_last_name) },
    recipient: {
      id: r.recipient_id,
      name: name(r.recipient_first_name, r.recipient_last_name),
      email: contact ? r.recipient_email : null,
      phone: contact ? r.recipient_phone : null,
    },
    staff: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
    eventDate: dates ? r.event_date : null,
    dueDate: r.due_date,
    rendered: r.rendered,
    reason: dates ? r.reason : r.reason.replace(` on ${r.event_date}`, '').replace(/ \((today|in \d+ days|\d+ days ago)\)/, ''),
    status: r.status,
    skipReason: r.skip_reason,
    snoozedUntil: r.snoozed_until,
  };
}

export function createOutboxService(db: Db, now: () => Date, timeZone: () => string) {
  function staffFilter(actor: Actor, scope: 'mine' | 'everyone'): number | undefined {
    if (scope === 'mine') return actor.id;
    const d = decide(actor, 'automation.manage');
    if (!d.allowed) throw forbidden('Only staff who manage automations can see everyone’s messages.');
    return undefined;
  }

  return {
    async list(actor: Actor, input: ParsedInput<'outbox-list'>): Promise<OutboxItem[]> {
      const rows = await listOutbox(db, {
        scope: actor.scope,
        staffId: staffFilter(actor, input.scope),
        openOn: input.include === 'open' ? localDate(now(), timeZone()) : undefined,
      });
      return rows.map((r) => toItem(r, actor));
    },

    async update(actor: Actor, input: ParsedInput<'outbox-update'>): Promise<OutboxItem> {
      const manages = decide(actor, 'automation.manage').allowed;
      return db.transaction().execute(async (trx) => {
        const [row] = await listOutbox(trx, { scope: actor.scope, staffId: manages ? undefined : actor.id, id: input.id });
        if (!row) throw notFound('That message');
        const at = now().toISOString();
        await setOutboxStatus(trx, row.id, {
          status: input.status,
          snoozed_until: input.status === 'snoozed' ? input.snoozedUntil! : null,
          skip_reason: input.status === 'skipped' ? input.skipReason || 'Skipped by staff' : null,
          updated_at: at,
        });
        await insertAudit(trx, {
          actorId: actor.id,
          action: `outbox.${input.status}`,
          entity: 'client',
          entityId: row.recipient_id,
          before: { outboxId: row.id, status: row.status },
          after: { outboxId: row.id, status: input.status, snoozedUntil: input.snoozedUntil ?? null },
          at,
        });
        const [fresh] = await listOutbox(trx, { scope: actor.scope, id: row.id });
        return toItem(fresh!, actor);
      });
    },

    /** Open messages as CSV for a campaign tool: who, how to reach them, the text and why. */
    async export(actor: Actor, input: ParsedInput<'outbox-export'>): Promise<{ filename: string; csv: string; rows: number }> {
      const rows = await listOutbox(db, { scope: actor.scope, staffId: staffFilter(actor, input.scope), openOn: localDate(now(), timeZone()) });
      const items = rows.filter((r) => r.status !== 'skipped').map((r) => toItem(r, actor));
      const body = items.map((i) => [i.recipient.name, i.recipient.email ?? '', i.recipient.phone ?? '', i.channel, i.dueDate, i.rendered, i.reason]);
      const csv = excelCsv(['Recipient', 'Email', 'Phone', 'Channel', 'Due', 'Message', 'Reason'], body);
      return { filename: `clientele-outbox-${localDate(now(), timeZone())}.csv`, csv, rows: items.length };
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
