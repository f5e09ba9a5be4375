/**
 * The message queue: claiming due messages for a sender, recording what the server said,
 * and the lists people read. Claims and records are each one short transaction, so the
 * queue works the same from the main process and from the mail worker's own connection.
 */
import { sql, type Kysely } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { Database, MessageRow, NewMessage } from '../schema';
import { visibleTo } from './scope';

const BATCH_INSERT = 500;

// Written as SQL text, not bound values: SQLite uses a partial index only when it can see that
// the query's condition is the index's (messages_due, messages_sending).
const waiting = sql<boolean>`messages.status IN ('queued', 'retrying')`;
const beingSent = sql<boolean>`messages.status = 'sending'`;

/** Queues messages; one whose idempotency key is already queued (or sent) is left alone. Returns how many were new. */
export async function enqueue(db: Executor, rows: NewMessage[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += BATCH_INSERT) {
    const r = await db.insertInto('messages').values(rows.slice(i, i + BATCH_INSERT)).onConflict((oc) => oc.column('idempotency_key').doNothing()).executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** How many messages were handed to the server (or are being) since `since`: the hourly limit counts these. */
export async function attemptsSince(db: Executor, since: string): Promise<{ count: number; oldest: string | null }> {
  const r = await db
    .selectFrom('messages')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('last_attempt_at').as('oldest')])
    .where('last_attempt_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(r.count), oldest: r.oldest ?? null };
}

/** When the next queued or retrying message falls due; null when none waits. */
export async function nextDue(db: Executor): Promise<string | null> {
  const r = await db.selectFrom('messages').select('next_attempt_at').where(waiting).orderBy('next_attempt_at').limit(1).executeTakeFirst();
  return r?.next_attempt_at ?? null;
}

export type Claimed = MessageRow;

export type Claim = { claimed: Claimed[]; full: false } | { claimed: []; full: true; oldest: string | null };

/**
 * Takes up to `limit` due messages for sending, within what the hourly limit leaves: each is
 * marked `sending` (committed before a byte goes to the server). Counting and claiming share
 * one transaction, so senders running side by side cannot claim past the limit together; the
 * answers to the sender's previous round (`done`) are recorded in it too, first, so a round
 * costs one commit. Due messages whose client has since withdrawn email consent, or was
 * deleted, are cancelled here instead: a later send respects an unsubscribe.
 */
export async function claimDue(
  db: Kysely<Database>,
  at: string,
  want: number,
  hourly: { limit: number; since: string },
  done: { results: Recorded[]; at: string } = { results: [], at },
): Promise<Claim> {
  return db.transaction().execute(async (trx): Promise<Claim> => {
    if (done.results.length) await writeResults(trx, done.results, done.at);
    const used = await attemptsSince(trx, hourly.since);
    const limit = Math.min(want, hourly.limit - used.count);
    if (limit <= 0) return { claimed: [], full: true, oldest: used.oldest };
    const due = await trx
      .selectFrom('messages')
      .innerJoin('clients', 'clients.id', 'messages.client_id')
      .select(['messages.id', 'clients.consent_email', 'clients.deleted_at'])
      .where(waiting)
      .where('messages.next_attempt_at', '<=', at)
      .orderBy('messages.next_attempt_at')
      .orderBy('messages.id')
      .limit(limit)
      .execute();
    if (due.length === 0) return { claimed: [], full: false };
    const gone = due.filter((d) => d.consent_email !== 1 || d.deleted_at !== null).map((d) => d.id);
    if (gone.length) {
      await trx
        .updateTable('messages')
        .set({ status: 'cancelled', reason: 'Not sent: the client no longer agrees to email, or was deleted', updated_at: at })
        .where('id', 'in', gone)
        .execute();
    }
    const ids = due.filter((d) => !gone.includes(d.id)).map((d) => d.id);
    if (ids.length === 0) return { claimed: [], full: false };
    const claimed = await trx
      .updateTable('messages')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), last_attempt_at: at, updated_at: at }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return { claimed, full: false };
  });
}

export interface Recorded {
  id: number;
  clientId: number;
  campaignId: number | null;
  status: 'sent' | 'retrying' | 'failed';
  smtpId: string | null;
  reason: string | null;
  nextAttemptAt: string | null;
  attempt: number;
}

/** Records what the server said about each message, audits it, and closes campaigns with nothing left to send. */
export async function recordResults(db: Kysely<Database>, results: Recorded[], at: string): Promise<void> {
  if (results.length) await db.transaction().execute((trx) => writeResults(trx, results, at));
}

async function writeResults(trx: Executor, results: Recorded[], at: string): Promise<void> {
  {
    // One statement for the whole batch: the results travel as one JSON array.
    const rows = results.map((r) => ({ id: r.id, status: r.status, smtpId: r.smtpId, reason: r.reason, next: r.nextAttemptAt ?? at, sentAt: r.status === 'sent' ? at : null }));
    await sql`UPDATE messages SET status = r.value ->> 'status', smtp_id = r.value ->> 'smtpId', reason = r.value ->> 'reason',
        next_attempt_at = r.value ->> 'next', sent_at = r.value ->> 'sentAt', updated_at = ${at}
      FROM json_each(${JSON.stringify(rows)}) AS r
      WHERE messages.id = r.value ->> 'id' AND messages.status = 'sending'`.execute(trx);
    if (results.length) {
      await trx
        .insertInto('audit_log')
        .values(
          results.map((r) => ({
            at,
            actor_id: null,
            action: `message.${r.status}`,
            entity: 'client',
            entity_id: r.clientId,
            before: null,
            after: JSON.stringify({ messageId: r.id, campaignId: r.campaignId, attempt: r.attempt, status: r.status }),
          })),
        )
        .execute();
    }
    await closeFinishedCampaigns(trx, [...new Set(results.map((r) => r.campaignId).filter((c): c is number => c !== null))]);
  }
}

export async function closeFinishedCampaigns(db: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('campaigns')
    .set({ status: 'done' })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('messages').select(sql.lit(1).as('one')).whereRef('messages.campaign_id', '=', 'campaigns.id').where('messages.status', 'in', ['queued', 'retrying', 'sending']))),
    )
    .execute();
}

export const INTERRUPTED =
  'Clientele stopped while this email was being sent, so the server may have received it. It was not sent again (every email goes at most once): check the shop’s Sent folder, and retry it by hand if it did not go.';

/**
 * At start, before any sender runs: a message still `sending` was cut off between handing it
 * to the server and recording the answer. It may have gone, so it is failed, never resent by itself.
 */
export async function failInterrupted(db: Kysely<Database>, at: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('messages')
      .set({ status: 'failed', reason: INTERRUPTED, updated_at: at })
      .where(beingSent)
      .returning(['id', 'client_id', 'campaign_id', 'attempts'])
      .execute();
    if (rows.length) {
      await trx
        .insertInto('audit_log')
        .values(rows.map((r) => ({ at, actor_id: null, action: 'message.interrupted', entity: 'client', entity_id: r.client_id, before: null, after: JSON.stringify({ messageId: r.id, campaignId: r.campaign_id, attempt: r.attempts }) })))
        .execute();
    }
    await closeFinishedCampaigns(trx, [...new Set(rows.map((r) => r.campaign_id).filter((c): c is number => c !== null))]);
    return rows.length;
  });
}

/** A client's messages, newest first, for someone whose scope holds the client. */
export function listClientMessages(db: Executor, scope: ClientScope, clientId: number) {
  return db
    .selectFrom('messages')
    .innerJoin('clients', 'clients.id', 'messages.client_id')
    .leftJoin('campaigns', 'campaigns.id', 'messages.campaign_id')
    .select([
      'messages.id',
      'messages.kind',
      'messages.client_id',
      'messages.campaign_id',
      'campaigns.name as campaign_name',
      'messages.to_address',
      'messages.subject',
      'messages.body',
      'messages.status',
      'messages.attempts',
      'messages.next_attempt_at',
      'messages.smtp_id',
      'messages.reason',
      'messages.created_at',
      'messages.sent_at',
    ])
    .where('messages.client_id', '=', clientId)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, scope))
    .orderBy('messages.id', 'desc')
    .limit(200)
    .execute();
}
export type ClientMessageRow = Awaited<ReturnType<typeof listClientMessages>>[number];

/** One message, if its client is in `scope`. */
export function findMessage(db: Executor, scope: ClientScope, id: number) {
  return db
    .selectFrom('messages')
    .innerJoin('clients', 'clients.id', 'messages.client_id')
    .selectAll('messages')
    .where('messages.id', '=', id)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, scope))
    .executeTakeFirst();
}

/**
 * A client's emails as activity, newest first, each keyed by its queueing time and its id
 * negated (interactions keep their positive ids), so one keyset cursor pages both lists.
 */
export function listMessageActivity(db: Executor, clientId: number, before: { occurredAt: string; id: number } | undefined, limit: number) {
  let q = db
    .selectFrom('messages')
    .leftJoin('staff', 'staff.id', 'messages.created_by')
    .leftJoin('campaigns', 'campaigns.id', 'messages.campaign_id')
    .select(['messages.id', 'messages.created_at', 'messages.subject', 'messages.status', 'messages.reason', 'messages.kind', 'campaigns.name as campaign_name', 'messages.created_by', 'staff.name as created_by_name'])
    .where('messages.client_id', '=', clientId)
    .orderBy('messages.created_at', 'desc')
    .orderBy('messages.id', 'asc')
    .limit(limit);
  if (before) {
    q = q.where((eb) =>
      eb.or([eb('messages.created_at', '<', before.occurredAt), eb.and([eb('messages.created_at', '=', before.occurredAt), eb('messages.id', '>', -before.id)])]),
    );
  }
  return q.execute();
}
export type MessageActivityRow = Awaited<ReturnType<typeof listMessageActivity>>[number];
