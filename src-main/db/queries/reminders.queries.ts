/**
 * Appointment reminders (0022b): what a reminder needs to know about its appointment, the
 * reminder items an appointment has, their emails, and the appointments that need one.
 * These reads are the shop's own (the daily run, a booking's side effect), never a person's:
 * nothing read here is shown to anyone but through the outbox and message queries, which
 * apply the reader's scope.
 */
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../connection';

/** An appointment as its reminder reads it: when, with whom, where, and how to reach the client. */
export function reminderSubject(db: Executor, appointmentId: number) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .innerJoin('locations as l', 'l.id', 'a.location_id')
    .leftJoin('services as sv', 'sv.id', 'a.service_id')
    .select([
      'a.id',
      'a.client_id',
      'a.staff_id',
      'a.start_at',
      'a.status',
      's.name as staff_name',
      'l.name as location_name',
      'sv.name as service_name',
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.consent_email',
      'c.deleted_at',
    ])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
}
export type ReminderSubject = NonNullable<Awaited<ReturnType<typeof reminderSubject>>>;

/** An appointment's reminder items, each with its email if one was queued. */
export function remindersOf(db: Executor, appointmentId: number) {
  return db
    .selectFrom('outbox')
    .leftJoin('messages', (j) => j.onRef('messages.outbox_id', '=', 'outbox.id').on('messages.kind', '=', 'reminder'))
    .select(['outbox.id', 'outbox.appointment_start_at', 'outbox.status', 'outbox.skip_reason', 'outbox.staff_id', 'messages.id as message_id', 'messages.status as message_status'])
    .where('outbox.appointment_id', '=', appointmentId)
    .orderBy('outbox.id')
    .execute();
}
export type ReminderItem = Awaited<ReturnType<typeof remindersOf>>[number];

/**
 * Booked appointments starting in [fromAt, toAt) that have no reminder for their start yet:
 * the daily run's list (the appointments of the next local day, and any it missed).
 */
export async function appointmentsNeedingReminders(db: Executor, fromAt: string, toAt: string): Promise<number[]> {
  const rows = await db
    .selectFrom('appointments')
    .select('appointments.id')
    .where('appointments.start_at', '>=', fromAt)
    .where('appointments.start_at', '<', toAt)
    .where('appointments.status', '=', 'booked')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox')
            .select(sql.lit(1).as('one'))
            .whereRef('outbox.appointment_id', '=', 'appointments.id')
            .where(sql<SqlBool>`outbox.appointment_start_at = appointments.start_at`),
        ),
      ),
    )
    .orderBy('appointments.start_at')
    .execute();
  return rows.map((r) => r.id);
}
