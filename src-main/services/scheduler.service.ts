/**
 * The daily life-event run: at start and whenever the local date changes, it creates each
 * due message once per rule, client, recipient and year (the outbox's unique key makes a
 * second run of the same day a no-op), catching up on days the app was closed, up to a week.
 *
 * Once the shop's mail server is set up, an email rule's message to a recipient who agreed to
 * email and has an address is queued for sending (the outbox item says `sent`, the message
 * keeps its own status); one without consent or address stays a task for staff and says why.
 * Text messages and calls stay tasks: SMS has no provider yet (the `channel` is the seam).
 *
 * The same daily run then reminds clients of tomorrow's appointments (reminders.service.ts)
 * and does the shop's housekeeping (Trash retention): once at start and once a day, after the
 * life events.
 */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db, Executor } from '../db/connection';
import type { OutboxTable } from '../db/schema';
import { dueRecipients, listRules, type DueRow } from '../db/queries/automations.queries';
import { getSettings } from '../db/queries/settings.queries';
import { getMailSettings } from '../db/queries/mail.queries';
import { enqueue } from '../db/queries/messages.queries';
import { addDays, localDate, monthDaysFallingOn } from '../domain/calendar';
import { describeReason, renderMessage, skipReason, type LifeEventRule } from '../domain/life-events';
import { isSymmetric } from '../domain/relationships';
import { createLogger } from '../logger';
import { routeClient } from '../domain/routing';

const log = createLogger('scheduler');

/** Days the app may have been closed that the first run after still covers. */
const CATCH_UP_DAYS = 7;

export interface RunResult {
  days: string[];
  created: number;
  skipped: number;
  /** Clients erased by Trash retention. */
  erased: number;
  /** Appointment reminders made (emails queued or tasks). */
  reminded: number;
}

/** Rows per INSERT: well under SQLite's limit of 32,766 bound values. */
const BATCH = 500;

async function insertNew(trx: Executor, rows: Insertable<OutboxTable>[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await trx.insertInto('outbox').values(rows.slice(i, i + BATCH)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** The subject of a life-event email: the template is its body. */
export const lifeEventSubject = (shopName: string) => `A message from ${shopName}`;

/**
 * The channels Clientele sends by itself, and what each is called in a task's reason. Email,
 * once the mail server is set up; SMS has no provider yet, so its messages stay tasks. A
 * provider would be one more entry here and a queue like queueEmails below.
 */
const SENDERS: Partial<Record<LifeEventRule['channel'], { ready: (mailOn: boolean) => boolean; missed: string }>> = {
  email: { ready: (mailOn) => mailOn, missed: 'Not emailed' },
};

/** What becomes of a due item: a task, a skipped item, or a message handed to a sender's queue. */
function itemStatus(channel: LifeEventRule['channel'], skip: string | null, mailOn: boolean): { status: 'due' | 'sent' | 'skipped'; reason: string | null } {
  const sender = SENDERS[channel];
  if (sender?.ready(mailOn)) return skip ? { status: 'due', reason: `${sender.missed}: ${skip}` } : { status: 'sent', reason: null };
  return skip ? { status: 'skipped', reason: skip } : { status: 'due', reason: null };
}

async function queueEmails(trx: Executor, day: string, at: string): Promise<number> {
  const rows = await trx
    .selectFrom('outbox')
    .innerJoin('clients', 'clients.id', 'outbox.recipient_id')
    .innerJoin('shop_settings', (j) => j.on('shop_settings.id', '=', 1))
    .select(['outbox.id', 'outbox.recipient_id', 'outbox.rendered', 'clients.first_name', 'clients.last_name', 'clients.email', 'shop_settings.shop_name'])
    .where('outbox.due_date', '=', day)
    .where('outbox.rule_id', 'is not', null)
    .where('outbox.channel', '=', 'email')
    .where('outbox.status', '=', 'sent')
    .where('clients.email', 'is not', null)
    .execute();
  return enqueue(
    trx,
    rows.map((r) => ({
      idempotency_key: `life-event:${r.id}`,
      kind: 'life-event' as const,
      client_id: r.recipient_id,
      outbox_id: r.id,
      campaign_id: null,
      to_address: r.email!,
      to_name: `${r.first_name} ${r.last_name}`.trim(),
      subject: lifeEventSubject(r.shop_name),
      body: r.rendered,
      marketing: 1,
      status: 'queued' as const,
      next_attempt_at: at,
      last_attempt_at: null,
      smtp_id: null,
      reason: null,
      created_by: null,
      created_at: at,
      updated_at: at,
      sent_at: null,
    })),
  );
}

export interface Housekeeping {
  /** Erases the clients kept in the Trash longer than the shop allows; how many. */
  eraseExpiredTrash(): Promise<number>;
  /** Reminds clients of tomorrow's appointments (and any missed); how many reminders were made. */
  remindAppointments?(): Promise<number>;
}

export function createScheduler(
  db: Db,
  now: () => Date,
  timeZone: () => string,
  emailsQueued: () => void = () => undefined,
  housekeeping: Housekeeping = { eraseExpiredTrash: async () => 0 },
) {
  async function runDay(day: string): Promise<{ created: number; skipped: number }> {
    const shop = await getSettings(db);
    // Before the first run of the app there is no shop, and so nothing to remind anyone of.
    if (!shop) return { created: 0, skipped: 0 };
    const defaultAssignee = shop.default_assignee_id;
    // Returning-client routing: the primary staff, or the last staff member the client worked with.
    const routeTo = (row: DueRow) =>
      routeClient({
        routing: shop.returning_client_routing,
        assignedStaffId: row.recipient_assigned_staff_id,
        lastStaffId: row.recipient_last_staff_id,
        defaultAssigneeId: defaultAssignee,
      }).staffId;
    const result = await db.transaction().execute(async (trx) => {
      const mailOn = (await getMailSettings(trx)) !== undefined;
      const toSend: Insertable<OutboxTable>[] = [];
      const toSkip: Insertable<OutboxTable>[] = [];
      const at = now().toISOString();
      for (const rule of await listRules(trx)) {
        if (rule.active !== 1 || (rule.recipient === 'related' && rule.relationship_type_id === null)) continue;
        const eventDate = addDays(day, rule.days_before);
        const word = rule.relationship_side === 'name' ? rule.type_name : rule.relationship_side === 'reverse' ? rule.type_reverse_name : null;
        // The other side of the same link: what the celebrating client is to the recipient.
        const clientWord = rule.relationship_side === 'name' ? rule.type_reverse_name : rule.relationship_side === 'reverse' ? rule.type_name : null;
        const symmetric = rule.type_name !== null && isSymmetric({ name: rule.type_name, reverse_name: rule.type_reverse_name ?? '' });
        const lifeRule: LifeEventRule = { name: rule.name, event: rule.event, daysBefore: rule.days_before, channel: rule.channel, template: rule.template, word, clientWord };
        for (const row of await dueRecipients(trx, rule, monthDaysFallingOn(eventDate), symmetric)) {
          const client = { firstName: row.client_first_name, lastName: row.client_last_name };
          const recipient = {
            firstName: row.recipient_first_name,
            lastName: row.recipient_last_name,
            email: row.recipient_email,
            phone: row.recipient_phone,
            consentEmail: row.recipient_consent_email === 1,
            consentSms: row.recipient_consent_sms === 1,
          };
          const { status, reason } = itemStatus(rule.channel, skipReason(rule.channel, recipient), mailOn);
          (status === 'skipped' ? toSkip : toSend).push({
            rule_id: rule.id,
            client_id: row.client_id,
            recipient_id: row.recipient_id,
            year: Number(eventDate.slice(0, 4)),
            event_date: eventDate,
            due_date: day,
            channel: rule.channel,
            staff_id: routeTo(row),
            rendered: renderMessage(lifeRule, client, recipient, shop.shop_name),
            reason: describeReason(lifeRule, client, recipient, eventDate),
            status,
            skip_reason: reason,
            snoozed_until: null,
            created_at: at,
            updated_at: at,
          });
        }
      }
      // The outbox's unique key drops what an earlier run of this day already created.
      const created = await insertNew(trx, toSend);
      const skipped = await insertNew(trx, toSkip);
      await trx
        .insertInto('scheduler_days')
        .values({ day, created, skipped, ran_at: at })
        .onConflict((oc) => oc.column('day').doUpdateSet({ created: sql`created + excluded.created`, skipped: sql`skipped + excluded.skipped`, ran_at: at }))
        .execute();
      const queued = mailOn ? await queueEmails(trx, day, at) : 0;
      return { created, skipped, queued };
    });
    if (result.queued > 0) emailsQueued();
    return { created: result.created, skipped: result.skipped };
  }

  let timer: NodeJS.Timeout | undefined;
  /** The run the timer started, so closing the book can wait for it rather than pull the connection from under it. */
  let running: Promise<unknown> | undefined;
  let lastDay = '';

  const scheduler = {
    runDay,
    /** Runs today and any missed days since the last run (at most a week back). */
    async runDue(): Promise<RunResult> {
      const today = localDate(now(), timeZone());
      const last = (await db.selectFrom('scheduler_days').select((eb) => eb.fn.max('day').as('day')).executeTakeFirst())?.day ?? null;
      const days: string[] = [];
      for (let i = CATCH_UP_DAYS - 1; i >= 0; i--) {
        const day = addDays(today, -i);
        if (last === null ? day === today : day > last || day === today) days.push(day);
      }
      let created = 0;
      let skipped = 0;
      for (const day of days) {
        const r = await runDay(day);
        created += r.created;
        skipped += r.skipped;
      }
      const reminded = (await housekeeping.remindAppointments?.()) ?? 0;
      const erased = await housekeeping.eraseExpiredTrash();
      lastDay = today;
      return { days, created, skipped, erased, reminded };
    },
    /** At start, then whenever the local date turns over. */
    start(): void {
      const tick = () => {
        if (running || localDate(now(), timeZone()) === lastDay) return;
        running = scheduler
          .runDue()
          .catch((err) => log.error('the daily run failed', err))
          .finally(() => {
            running = undefined;
          });
      };
      tick();
      timer = setInterval(tick, 60_000);
      timer.unref();
    },
    /** Stops the timer and waits for a run it started. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
  return scheduler;
}
export type Scheduler = ReturnType<typeof createScheduler>;
