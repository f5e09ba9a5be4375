/**
 * Appointment reminders: the day before a booked appointment (the shop's local day), the
 * client is reminded. When the shop's mail server is set up and the client agreed to email
 * and has an address, the reminder is an email on the life events' path: an outbox item
 * marked sent and a message queued under the idempotency key `reminder:<item id>`, sent at
 * most once by the background sender, logged on the client's activity and in the audit log.
 * Otherwise it is a task in Today for the appointment's staff member, saying why it was not
 * emailed.
 *
 * `sync` is called in the transaction of every change to an appointment and by the daily run:
 * it makes the reminders match the appointment as it now is. A reminder not yet sent is
 * cancelled when the appointment is cancelled (or is no longer booked), and re-timed when it
 * moves: the old one is cancelled and, if the new day's reminder is already due, a new one is
 * made for the new start (each start has its own item and key). One already sent stays sent.
 */
import { DEFAULT_REMINDER_TEMPLATE, REMINDER_PLACEHOLDERS, type ReminderPlaceholder } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { getMailSettings } from '../db/queries/mail.queries';
import { enqueue } from '../db/queries/messages.queries';
import { appointmentsNeedingReminders, reminderSubject, remindersOf, type ReminderItem, type ReminderSubject } from '../db/queries/reminders.queries';
import { getSettings } from '../db/queries/settings.queries';
import { addDays } from '../domain/calendar';
import { dayBounds, localParts } from '../domain/shop-time';
import type { SettingsService } from './settings.service';

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function renderReminder(template: string, values: Record<ReminderPlaceholder, string>): string {
  return template.replace(TAG, (whole, name: string) => ((REMINDER_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as ReminderPlaceholder] : whole));
}

const WHY_NOT = { cancelled: 'The appointment was cancelled', moved: 'The appointment moved', unbooked: 'The appointment is no longer booked' } as const;
const WITHDRAWN: readonly string[] = Object.values(WHY_NOT);

/** Why a reminder that was not sent no longer goes. */
function whyNot(a: ReminderSubject, item: ReminderItem): string {
  if (a.status === 'cancelled') return WHY_NOT.cancelled;
  if (item.appointment_start_at !== a.start_at) return WHY_NOT.moved;
  return WHY_NOT.unbooked;
}

/** Still open: a task not yet done or skipped by staff, or an email handed to the sender. */
const isOpen = (item: ReminderItem) => item.status === 'due' || item.status === 'snoozed' || item.status === 'sent';

export function createRemindersService(db: Db, now: () => Date, settings: SettingsService, emailsQueued: () => void = () => undefined) {
  /** Dates and times as the shop writes them, in its zone. */
  async function when(trx: Executor, startAt: string, tz: string) {
    const shop = await getSettings(trx);
    const locale = shop?.format_locale ?? `en-${shop?.default_country ?? 'US'}`;
    const at = new Date(startAt);
    return {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: tz }).format(at),
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz }).format(at),
      shopName: shop?.shop_name ?? '',
      template: shop?.reminder_template ?? DEFAULT_REMINDER_TEMPLATE,
    };
  }

  /** Cancels a reminder's email if it has not gone, and closes its item; false when it already went. */
  async function withdraw(trx: Executor, a: ReminderSubject, item: ReminderItem, at: string): Promise<boolean> {
    const why = whyNot(a, item);
    const pending = item.message_id === null || item.message_status === 'queued' || item.message_status === 'retrying' || item.message_status === 'cancelled';
    if (!pending) return false;
    if (item.message_id !== null && item.message_status !== 'cancelled') {
      await trx.updateTable('messages').set({ status: 'cancelled', reason: `Not sent: ${why}`, updated_at: at }).where('id', '=', item.message_id).execute();
    }
    await trx.updateTable('outbox').set({ status: 'skipped', skip_reason: why, updated_at: at }).where('id', '=', item.id).execute();
    await insertAudit(trx, {
      actorId: null,
      action: 'reminder.cancel',
      entity: 'client',
      entityId: a.client_id,
      before: { appointmentId: a.id, outboxId: item.id, messageId: item.message_id, status: item.status },
      after: { appointmentId: a.id, outboxId: item.id, messageId: item.message_id, status: 'skipped', reason: why },
      at,
    });
    return true;
  }

  /** Makes (or brings back) the reminder for the appointment's current start; true when an email was queued. */
  async function remind(trx: Executor, a: ReminderSubject, existing: ReminderItem | undefined, at: string, tz: string): Promise<boolean> {
    const local = localParts(a.start_at, tz);
    const w = await when(trx, a.start_at, tz);
    const values: Record<ReminderPlaceholder, string> = {
      'client.first_name': a.first_name,
      'client.last_name': a.last_name,
      'appointment.date': w.date,
      'appointment.time': w.time,
      'staff.name': a.staff_name,
      'location.name': a.location_name,
      'service.name': a.service_name ?? '',
      'shop.name': w.shopName,
    };
    const rendered = renderReminder(w.template, values);
    const reason = `Appointment with ${a.staff_name} on ${local.date} at ${local.time}, ${a.location_name}${a.service_name ? ` (${a.service_name})` : ''}`;
    const mailOn = (await getMailSettings(trx)) !== undefined;
    const missing = !a.email ? 'No email address' : a.consent_email === 1 ? null : 'Has not agreed to email messages';
    const skip = !mailOn ? 'The shop’s mail server is not set up' : missing;
    const email = skip === null && a.email !== null;
    const row = {
      rule_id: null,
      appointment_id: a.id,
      appointment_start_at: a.start_at,
      client_id: a.client_id,
      recipient_id: a.client_id,
      year: Number(local.date.slice(0, 4)),
      event_date: local.date,
      due_date: addDays(local.date, -1),
      channel: 'email' as const,
      staff_id: a.staff_id,
      rendered,
      reason,
      status: email ? ('sent' as const) : ('due' as const),
      skip_reason: skip ? `Not emailed: ${skip}` : null,
      snoozed_until: null,
      updated_at: at,
    };
    let outboxId: number;
    if (existing) {
      outboxId = existing.id;
      await trx.updateTable('outbox').set(row).where('id', '=', outboxId).execute();
    } else {
      outboxId = (await trx.insertInto('outbox').values({ ...row, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    }
    let queued = false;
    if (email) {
      const message = {
        subject: `Reminder: your appointment on ${w.date} at ${w.time}`,
        body: rendered,
        to_address: a.email!,
        to_name: `${a.first_name} ${a.last_name}`.trim(),
      };
      if (existing?.message_id != null) {
        // Brought back (a cancelled appointment restored): the same key, queued again; one that went stays sent.
        const r = await trx
          .updateTable('messages')
          .set({ ...message, status: 'queued', reason: null, next_attempt_at: at, updated_at: at })
          .where('id', '=', existing.message_id)
          .where('status', '=', 'cancelled')
          .executeTakeFirst();
        queued = Number(r.numUpdatedRows) === 1;
      } else {
        queued =
          (await enqueue(trx, [
            {
              idempotency_key: `reminder:${outboxId}`,
              kind: 'reminder',
              client_id: a.client_id,
              outbox_id: outboxId,
              campaign_id: null,
              ...message,
              // A reminder is about the client's own booking, not marketing: no unsubscribe footer.
              marketing: 0,
              status: 'queued',
              next_attempt_at: at,
              last_attempt_at: null,
              smtp_id: null,
              reason: null,
              created_by: null,
              created_at: at,
              updated_at: at,
              sent_at: null,
            },
          ])) === 1;
      }
    }
    await insertAudit(trx, {
      actorId: null,
      action: email ? 'reminder.email' : 'reminder.task',
      entity: 'client',
      entityId: a.client_id,
      after: { appointmentId: a.id, outboxId, startAt: a.start_at, staffId: a.staff_id, skipReason: row.skip_reason },
      at,
    });
    return queued;
  }

  /** Brings one appointment's reminders in line with it; true when an email was queued (the caller wakes the sender). */
  async function sync(trx: Executor, appointmentId: number): Promise<boolean> {
    const a = await reminderSubject(trx, appointmentId);
    if (!a) return false;
    const tz = settings.timeZone();
    const at = now().toISOString();
    const today = localParts(at, tz).date;
    const due = addDays(localParts(a.start_at, tz).date, -1);
    const wanted = a.status === 'booked' && a.deleted_at === null && a.start_at > at && due <= today;
    const items = await remindersOf(trx, appointmentId);
    for (const item of items) {
      const current = wanted && item.appointment_start_at === a.start_at;
      if (!current && isOpen(item)) await withdraw(trx, a, item, at);
    }
    if (!wanted) return false;
    const mine = items.find((i) => i.appointment_start_at === a.start_at);
    // Made already: open, done or skipped by staff. Only one this service withdrew comes back (a cancelled appointment restored).
    if (mine && !(mine.status === 'skipped' && WITHDRAWN.includes(mine.skip_reason ?? ''))) {
      // Given to another staff member: an open task goes with the appointment.
      if ((mine.status === 'due' || mine.status === 'snoozed') && mine.staff_id !== a.staff_id) {
        await trx.updateTable('outbox').set({ staff_id: a.staff_id, updated_at: at }).where('id', '=', mine.id).execute();
      }
      return false;
    }
    return remind(trx, a, mine, at, tz);
  }

  return {
    sync,

    /** After a change's transaction committed: wakes the sender if the change queued an email. */
    queued(): void {
      emailsQueued();
    },

    /**
     * The daily run's part: every booked appointment from now to the end of the next local day
     * without a reminder for its start gets one. Returns how many were made.
     */
    async runDue(): Promise<number> {
      const tz = settings.timeZone();
      const at = now().toISOString();
      const tomorrow = addDays(localParts(at, tz).date, 1);
      const ids = await appointmentsNeedingReminders(db, at, dayBounds(tomorrow, tz).endAt);
      let made = 0;
      let queued = false;
      for (const id of ids) {
        const q = await db.transaction().execute((trx) => sync(trx, id));
        queued ||= q;
        made++;
      }
      if (queued) emailsQueued();
      return made;
    },
  };
}
export type RemindersService = ReturnType<typeof createRemindersService>;
