/** A client's activity: bookings, sales and notes added by hand, and the history newest first, with the client's emails among them. */
import type { Interaction, Page, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findClientById } from '../db/queries/clients.queries';
import { findInteraction, listActivity, type ActivityKey, type InteractionRow } from '../db/queries/interactions.queries';
import { listMessageActivity, type MessageActivityRow } from '../db/queries/messages.queries';
import type { Actor } from '../domain/permissions';
import type { FieldGroup } from '../../src-preload/policy';
import { AppFailure, notFound } from './errors';
import type { WorkplaceService } from './workplace.service';

export const toInteraction = (r: InteractionRow, hidden: ReadonlySet<FieldGroup>): Interaction => ({
  id: r.id,
  kind: r.kind,
  occurredAt: r.occurred_at,
  staff: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
  addedBy: r.added_by !== null && r.added_by_name !== null ? { id: r.added_by, name: r.added_by_name } : null,
  channel: r.channel,
  amountCents: hidden.has('purchases') ? null : r.amount_cents,
  body: hidden.has('notes') ? null : r.body,
  locationName: r.location_name,
});

const STATUS_WORDS = { queued: 'queued', sending: 'being sent', retrying: 'retrying', sent: 'sent', failed: 'failed', cancelled: 'cancelled' } as const;

/** An email as a line of activity: its id negated, so it never meets an interaction's. */
const emailActivity = (m: MessageActivityRow): Interaction => ({
  id: -m.id,
  kind: 'message',
  occurredAt: m.created_at,
  staff: null,
  addedBy: m.created_by !== null && m.created_by_name !== null ? { id: m.created_by, name: m.created_by_name } : null,
  channel: m.campaign_name ? `Email (campaign “${m.campaign_name}”)` : 'Email (life-event rule)',
  amountCents: null,
  body: `${m.subject}: ${STATUS_WORDS[m.status]}${m.reason && m.status !== 'sent' ? ` (${m.reason})` : ''}`,
  locationName: null,
});

/** Newest first; at the same instant, the higher id first (emails' ids are negative). */
const newer = (a: Interaction, b: Interaction) => (a.occurredAt === b.occurredAt ? b.id - a.id : a.occurredAt < b.occurredAt ? 1 : -1);

const encode = (k: ActivityKey) => Buffer.from(JSON.stringify([k.occurredAt, k.id])).toString('base64url');
function decode(cursor: string): ActivityKey {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof occurredAt === 'string' && Number.isSafeInteger(id) && id !== 0) return { occurredAt, id: id as number };
  } catch {
    // refused below
  }
  throw new AppFailure('VALIDATION', 'cursor: This list position is not valid; reload the list.', {
    issues: [{ field: 'cursor', message: 'Not a valid list position' }],
  });
}

export function createClientActivityService(db: Db, now: () => Date, workplace: WorkplaceService) {
  return {
    async list(actor: Actor, input: ParsedInput<'client-activity'>): Promise<Page<Interaction>> {
      if (!(await findClientById(db, actor.scope, input.clientId))) throw notFound('That client');
      const before = input.cursor ? decode(input.cursor) : undefined;
      const rows = await listActivity(db, input.clientId, before, input.limit + 1, actor.hiddenFields.has('purchases'));
      const emails = await listMessageActivity(db, input.clientId, before, input.limit + 1);
      const merged = [...rows.map((r) => toInteraction(r, actor.hiddenFields)), ...emails.map(emailActivity)].sort(newer);
      const items = merged.slice(0, input.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: merged.length > input.limit && last ? encode({ occurredAt: last.occurredAt, id: last.id }) : null };
    },

    /** A booking, sale or note recorded by hand: with and added by the person recording it, where they work today unless they say where. */
    async add(actor: Actor, input: ParsedInput<'client-interaction-add'>): Promise<Interaction> {
      // A sale is purchase history: a role that may not see it does not write it either.
      if (input.kind === 'sale' && actor.hiddenFields.has('purchases')) {
        throw new AppFailure('FORBIDDEN', 'Your role cannot record sales: purchase history is hidden from you.', { issues: [{ field: 'kind', message: 'Hidden from your role' }] });
      }
      const at = now().toISOString();
      const id = await db.transaction().execute(async (trx) => {
        if (!(await findClientById(trx, actor.scope, input.clientId))) throw notFound('That client');
        const locationId = await workplace.forRecording(trx, actor, input.locationId);
        const row = await trx
          .insertInto('interactions')
          .values({
            client_id: input.clientId,
            kind: input.kind,
            staff_id: actor.id,
            added_by: actor.id,
            location_id: locationId,
            amount_cents: input.kind === 'sale' ? (input.amountCents ?? null) : null,
            channel: input.channel ?? 'In store',
            body: input.body,
            // Stored in one format so the derived last-visit columns compare as text.
            occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : at,
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertAudit(trx, {
          actorId: actor.id,
          action: `client.${input.kind}.add`,
          entity: 'client',
          entityId: input.clientId,
          after: { interactionId: row.id, kind: input.kind, occurredAt: input.occurredAt ?? at, amountCents: input.amountCents ?? null, locationId },
          at,
        });
        return row.id;
      });
      return toInteraction((await findInteraction(db, id))!, actor.hiddenFields);
    },
  };
}
export type ClientActivityService = ReturnType<typeof createClientActivityService>;
