/** A client's activity: bookings, sales and notes added by hand, and the history newest first, with the client's emails among them. */
import type { Interaction, Page, ParsedInput } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { assignIfUnassigned } from '../db/queries/appointments.queries';
import { insertHistory } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { findClientById } from '../db/queries/clients.queries';
import { findInteraction, listActivity, type ActivityKey, type InteractionRow } from '../db/queries/interactions.queries';
import { listMessageActivity, type MessageActivityRow } from '../db/queries/messages.queries';
import { decideInteraction, type Actor } from '../domain/permissions';
import type { FieldGroup } from '../../src-preload/policy';
import { AppFailure, conflict, forbidden, invalidField, notFound } from './errors';
import type { WorkplaceService } from './workplace.service';

/** Whether this person may correct or remove the interaction: one they may see, recorded by them, or any with interaction.correct-others. */
export function mayChange(actor: Actor, r: Pick<InteractionRow, 'kind' | 'added_by'>): boolean {
  if (r.kind === 'message') return false;
  if (r.kind === 'sale' && actor.hiddenFields.has('purchases')) return false;
  if (r.kind === 'note' && actor.hiddenFields.has('notes')) return false;
  return decideInteraction(actor, 'correct', r.added_by).allowed;
}

export const toInteraction = (r: InteractionRow, hidden: ReadonlySet<FieldGroup>, canChange = false): Interaction => ({
  id: r.id,
  kind: r.kind,
  occurredAt: r.occurred_at,
  staff: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
  addedBy: r.added_by !== null && r.added_by_name !== null ? { id: r.added_by, name: r.added_by_name } : null,
  channel: r.channel,
  amountCents: hidden.has('purchases') ? null : r.amount_cents,
  body: hidden.has('notes') ? null : r.body,
  locationName: r.location_name,
  canChange,
});

const STATUS_WORDS = { queued: 'queued', sending: 'being sent', retrying: 'retrying', sent: 'sent', failed: 'failed', cancelled: 'cancelled' } as const;

/** An email as a line of activity: its id negated, so it never meets an interaction's. */
const emailActivity = (m: MessageActivityRow): Interaction => ({
  id: -m.id,
  kind: 'message',
  occurredAt: m.created_at,
  staff: null,
  addedBy: m.created_by !== null && m.created_by_name !== null ? { id: m.created_by, name: m.created_by_name } : null,
  channel: m.campaign_name ? `Email (campaign “${m.campaign_name}”)` : m.kind === 'reminder' ? 'Email (appointment reminder)' : 'Email (life-event rule)',
  amountCents: null,
  body: `${m.subject}: ${STATUS_WORDS[m.status]}${m.reason && m.status !== 'sent' ? ` (${m.reason})` : ''}`,
  locationName: null,
  canChange: false,
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

/** The assignment-history reason when a hand-recorded interaction assigns an Unassigned client. */
const HISTORY_REASON = { sale: 'sale', booking: 'booking', note: 'manual' } as const;
/** The contract's names for a corrected interaction's columns, as its audit row gives them. */
const AUDIT_NAMES = { occurred_at: 'occurredAt', amount_cents: 'amountCents', channel: 'channel', body: 'body', staff_id: 'staffId' } as const;

export function createClientActivityService(db: Db, now: () => Date, workplace: WorkplaceService) {
  async function requireActiveStaff(trx: Executor, staffId: number): Promise<void> {
    const staff = await trx.selectFrom('staff').select('active').where('id', '=', staffId).executeTakeFirst();
    if (!staff || staff.active !== 1) throw invalidField('staffId', 'There is no active staff member with that id');
  }

  /**
   * What is recorded by hand has happened: a time ahead of now would be a last visit in the
   * future (a typed year, a wrong month), which lapsed-client reports and filters then trust.
   * A future visit is an appointment.
   */
  function notLater(occurredAt: string | undefined): void {
    if (occurredAt !== undefined && Date.parse(occurredAt) > now().getTime() + 60 * 60_000) {
      throw invalidField('occurredAt', 'The date and time cannot be in the future: record it once it has happened, or book an appointment');
    }
  }

  /** The appointment whose completion recorded this visit, if any. */
  const appointmentOf = (trx: Executor, visit: { id: number; client_id: number }) =>
    trx.selectFrom('appointments').select('id').where('client_id', '=', visit.client_id).where('interaction_id', '=', visit.id).executeTakeFirst();

  /** The interaction, if this person may see it and change it; NOT_FOUND for one out of their sight. */
  async function requireChangeable(trx: Executor, actor: Actor, id: number) {
    const row = await trx.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.kind === 'message' || !(await findClientById(trx, actor.scope, row.client_id))) throw notFound('That interaction');
    // A sale is purchase history: hidden from a role that may not see it, so not there to change.
    if (row.kind === 'sale' && actor.hiddenFields.has('purchases')) throw notFound('That interaction');
    if (row.kind === 'note' && actor.hiddenFields.has('notes')) throw forbidden('Your role cannot change notes: they are hidden from you.', 'ROLE_LACKS_PERMISSION');
    const d = decideInteraction(actor, 'correct', row.added_by);
    if (!d.allowed) throw forbidden(d.reason, d.code);
    return row;
  }

  return {
    async list(actor: Actor, input: ParsedInput<'client-activity'>): Promise<Page<Interaction>> {
      if (!(await findClientById(db, actor.scope, input.clientId))) throw notFound('That client');
      const before = input.cursor ? decode(input.cursor) : undefined;
      const rows = await listActivity(db, input.clientId, before, input.limit + 1, actor.hiddenFields.has('purchases'));
      const emails = await listMessageActivity(db, input.clientId, before, input.limit + 1);
      // An appointment's visit changes through the appointment only (the client's appointments: one range of their index).
      const visits = new Set(
        (await db.selectFrom('appointments').select('interaction_id').where('client_id', '=', input.clientId).where('interaction_id', 'is not', null).execute()).map((a) => a.interaction_id),
      );
      const merged = [...rows.map((r) => toInteraction(r, actor.hiddenFields, !visits.has(r.id) && mayChange(actor, r))), ...emails.map(emailActivity)].sort(newer);
      const items = merged.slice(0, input.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: merged.length > input.limit && last ? encode({ occurredAt: last.occurredAt, id: last.id }) : null };
    },

    /**
     * A booking, sale or note recorded by hand: with the staff member chosen (the recorder
     * unless they may record for others), added by the recorder, when and where they say
     * (now, and where they work today, otherwise). As with an imported sale, an Unassigned
     * client goes to the staff member it was with, and the history says why.
     */
    async add(actor: Actor, input: ParsedInput<'client-interaction-add'>): Promise<Interaction> {
      notLater(input.occurredAt);
      // A sale is purchase history: a role that may not see it does not write it either.
      if (input.kind === 'sale' && actor.hiddenFields.has('purchases')) {
        throw new AppFailure('FORBIDDEN', 'Your role cannot record sales: purchase history is hidden from you.', { issues: [{ field: 'kind', message: 'Hidden from your role' }] });
      }
      const staffId = input.staffId ?? actor.id;
      const d = decideInteraction(actor, 'record', staffId);
      if (!d.allowed) throw forbidden(d.reason, d.code);
      const at = now().toISOString();
      const id = await db.transaction().execute(async (trx) => {
        const client = await findClientById(trx, actor.scope, input.clientId);
        if (!client) throw notFound('That client');
        await requireActiveStaff(trx, staffId);
        const locationId = await workplace.forRecording(trx, actor, input.locationId);
        const row = await trx
          .insertInto('interactions')
          .values({
            client_id: input.clientId,
            kind: input.kind,
            staff_id: staffId,
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
        const assigned = client.assigned_staff_id === null && (await assignIfUnassigned(trx, input.clientId, staffId, at));
        if (assigned) {
          await insertHistory(trx, [
            { clientId: input.clientId, fromStaffId: null, toStaffId: staffId, reason: HISTORY_REASON[input.kind], detail: { interactionId: row.id, kind: input.kind, byHand: true }, actorId: actor.id, at },
          ]);
        }
        await insertAudit(trx, {
          actorId: actor.id,
          action: `client.${input.kind}.add`,
          entity: 'client',
          entityId: input.clientId,
          after: { interactionId: row.id, kind: input.kind, occurredAt: input.occurredAt ?? at, amountCents: input.amountCents ?? null, locationId, staffId, ...(assigned ? { assignedTo: staffId } : {}) },
          at,
        });
        return row.id;
      });
      return toInteraction((await findInteraction(db, id))!, actor.hiddenFields, true);
    },

    /** Corrects a recorded interaction, with a reason; the triggers recompute the client's visits, spend and status. */
    async update(actor: Actor, input: ParsedInput<'client-interaction-update'>): Promise<Interaction> {
      notLater(input.occurredAt);
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const row = await requireChangeable(trx, actor, input.id);
        // An appointment's visit takes its time, staff member, channel and service from the appointment, and is made again from it when it moves.
        if (await appointmentOf(trx, row)) throw conflict('This visit was recorded by completing an appointment: change the appointment instead.');
        if (input.body !== undefined && actor.hiddenFields.has('notes')) throw forbidden('Your role cannot change notes: they are hidden from you.', 'ROLE_LACKS_PERMISSION');
        if (input.amountCents !== undefined && row.kind !== 'sale') throw invalidField('amountCents', 'Only a sale has an amount');
        if (input.body === null && row.kind === 'note') throw invalidField('body', 'A note needs some text');
        if (input.staffId !== undefined && input.staffId !== row.staff_id) {
          const d = decideInteraction(actor, 'record', input.staffId);
          if (!d.allowed) throw forbidden(d.reason, d.code);
          await requireActiveStaff(trx, input.staffId);
        }
        const patch = {
          occurred_at: input.occurredAt === undefined ? undefined : new Date(input.occurredAt).toISOString(),
          amount_cents: input.amountCents,
          channel: input.channel,
          body: input.body,
          staff_id: input.staffId,
        };
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
          if (value === undefined || value === row[column]) continue;
          before[AUDIT_NAMES[column]] = row[column];
          after[AUDIT_NAMES[column]] = value;
        }
        if (Object.keys(after).length === 0) throw invalidField('reason', 'Nothing was changed');
        await trx.updateTable('interactions').set(patch).where('id', '=', row.id).execute();
        await insertAudit(trx, {
          actorId: actor.id,
          action: `client.${row.kind}.correct`,
          entity: 'client',
          entityId: row.client_id,
          before: { interactionId: row.id, ...before },
          after: { interactionId: row.id, ...after, reason: input.reason },
          at,
        });
      });
      const r = (await findInteraction(db, input.id))!;
      return toInteraction(r, actor.hiddenFields, mayChange(actor, r));
    },

    /** Removes a recorded interaction, with a reason; the client's visits, spend and status follow. */
    async remove(actor: Actor, input: ParsedInput<'client-interaction-delete'>): Promise<null> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const row = await requireChangeable(trx, actor, input.id);
        if (await appointmentOf(trx, row)) throw conflict('This visit was recorded by completing an appointment: undo the appointment instead.');
        await trx.deleteFrom('interactions').where('id', '=', row.id).execute();
        await insertAudit(trx, {
          actorId: actor.id,
          action: `client.${row.kind}.remove`,
          entity: 'client',
          entityId: row.client_id,
          before: {
            interactionId: row.id, kind: row.kind, occurredAt: row.occurred_at, amountCents: row.amount_cents, staffId: row.staff_id,
            locationId: row.location_id, channel: row.channel, body: row.body, transactionId: row.external_id,
          },
          after: { reason: input.reason },
          at,
        });
      });
      return null;
    },
  };
}
export type ClientActivityService = ReturnType<typeof createClientActivityService>;
