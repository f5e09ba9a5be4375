/**
 * The appointment book: booking, moving and resizing, cancelling and restoring, status
 * changes with their effects, the day and week views, a client's appointments and the
 * routing suggestion. Every change is authorised by the policy (decideAppointment), guarded
 * by the appointment's version, and audited with its before and after.
 *
 * Warnings (the staff member's other appointments at that time; outside the location's
 * opening hours) stop a change until it is made again with a reason, which is kept.
 *
 * Status effects: completing an appointment records a visit, an interaction of kind
 * 'booking' with the staff member, at the location, at the appointment's start, added by
 * whoever booked it, through the channel it was booked through. Everything else follows from
 * that interaction as it does from a recorded sale: the staff member becomes additional
 * staff (never the primary), the client Existing (status is derived from visits, 0003), and
 * the visit counts. Leaving 'completed' removes it again. Booking an Unassigned client with a
 * staff member assigns the client to them, as a sale does.
 */
import {
  BOOKED_THROUGH_LABELS,
  type Appointment,
  type AppointmentRange,
  type AppointmentWarning,
  type Page,
  type ParsedInput,
  type StaffRef,
  type StaffSuggestion,
} from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import {
  appointmentRow,
  assignIfUnassigned,
  bookNames,
  findAppointment,
  hoursOf,
  insertAppointment,
  lastStaffOf,
  listForClient,
  listRange,
  overlapping,
  updateAppointment,
  type AppointmentRecord,
  type BookNames,
} from '../db/queries/appointments.queries';
import { insertHistory } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { findService } from '../db/queries/booking-services.queries';
import { findClientById } from '../db/queries/clients.queries';
import { findLocationById } from '../db/queries/locations.queries';
import type { Updateable } from 'kysely';
import type { AppointmentRow, AppointmentsTable } from '../db/schema';
import { addDays } from '../domain/calendar';
import { decideAppointment, type Actor, type AppointmentChange } from '../domain/permissions';
import { routeClient } from '../domain/routing';
import { dayBounds, localParts, withinHours } from '../domain/shop-time';
import { appointmentView } from './appointments.mapping';
import { AppFailure, conflict, forbidden, invalidField, notFound, stale } from './errors';
import type { SettingsService } from './settings.service';

const endOf = (startAt: string, minutes: number) => new Date(Date.parse(startAt) + minutes * 60_000).toISOString();
const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Slot = { staffId: number; locationId: number; startAt: string; endAt: string; excludeId: number | null };

/** What else an appointment's change brings in line, in its transaction: its reminders (reminders.service.ts). */
export interface AppointmentFollowers {
  changed(trx: Executor, appointmentId: number): Promise<void>;
}

export function createAppointmentsService(db: Db, now: () => Date, settings: SettingsService, followers: AppointmentFollowers = { changed: async () => undefined }) {
  const zone = () => settings.timeZone();

  const toAppointment = (r: AppointmentRecord, actor: Pick<Actor, 'hiddenFields'>, names: BookNames) => appointmentView(r, actor.hiddenFields, names, zone());

  /** The appointment as this person sees it; outside their reach it does not exist. */
  async function visible(trx: Executor, actor: Actor, id: number): Promise<AppointmentRecord> {
    const r = await findAppointment(trx, actor, id);
    if (!r) throw notFound('That appointment');
    return r;
  }

  function allow(actor: Actor, change: AppointmentChange, staffId: number, toStaffId?: number) {
    const d = decideAppointment(actor, change, staffId, toStaffId);
    if (!d.allowed) throw forbidden(d.reason, d.code);
  }

  async function activeStaff(trx: Executor, id: number, field = 'staffId') {
    const s = await trx.selectFrom('staff').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
    if (!s || s.active !== 1) throw invalidField(field, 'Choose an active staff member');
    return s;
  }

  async function location(trx: Executor, id: number) {
    const l = await findLocationById(trx, id);
    if (!l) throw invalidField('locationId', 'Choose one of the shop’s locations');
    return l;
  }

  async function service(trx: Executor, id: number | null) {
    if (id === null) return null;
    const s = await findService(trx, id);
    if (!s || s.active !== 1) throw invalidField('serviceId', 'Choose an active service');
    return s;
  }

  async function warningsFor(trx: Executor, slot: Slot): Promise<AppointmentWarning[]> {
    const tz = zone();
    const warnings: AppointmentWarning[] = [];
    const others = await overlapping(trx, slot.staffId, slot.startAt, slot.endAt, slot.excludeId);
    if (others.length) {
      const staff = await trx.selectFrom('staff').select('name').where('id', '=', slot.staffId).executeTakeFirst();
      const times = others.map((o) => `${localParts(o.start_at, tz).time}–${localParts(o.end_at, tz).time}`).join(', ');
      warnings.push({
        kind: 'overlap',
        message: `${staff?.name ?? 'This staff member'} already has ${others.length === 1 ? 'an appointment' : `${others.length} appointments`} at that time (${times}).`,
        staffId: slot.staffId,
        appointments: others.map((o) => ({ id: o.id, startAt: o.start_at, endAt: o.end_at })),
      });
    }
    const week = await hoursOf(trx, slot.locationId);
    if (week.length) {
      const start = localParts(slot.startAt, tz);
      const day = week.find((d) => d.weekday === start.weekday) ?? null;
      if (!withinHours(slot.startAt, slot.endAt, day, tz)) {
        const where = (await findLocationById(trx, slot.locationId))?.name ?? 'The location';
        warnings.push({
          kind: 'hours',
          message: day
            ? `${where} is open ${day.opens}–${day.closes} on ${WEEKDAYS[start.weekday]}s; this is ${start.time}–${localParts(slot.endAt, tz).time}.`
            : `${where} is closed on ${WEEKDAYS[start.weekday]}s.`,
          locationId: slot.locationId,
          date: start.date,
          weekday: start.weekday,
          hours: day ? { opens: day.opens, closes: day.closes } : null,
        });
      }
    }
    return warnings;
  }

  /** Stops a change that meets a warning unless it comes with a reason. */
  function overridden(warnings: AppointmentWarning[], reason: string | undefined): void {
    if (warnings.length && !reason) {
      throw new AppFailure('OVERRIDE_REQUIRED', `${warnings.map((w) => w.message).join(' ')} Give a reason to book it anyway.`, { warnings });
    }
  }

  /** The visit a completed appointment records, with the channel it was booked through and who booked it. */
  async function recordVisit(trx: Executor, row: Pick<AppointmentRow, 'client_id' | 'staff_id' | 'location_id' | 'start_at' | 'booked_through' | 'created_by' | 'service_id'>, at: string) {
    const svc = row.service_id === null ? null : await findService(trx, row.service_id);
    const { id } = await trx
      .insertInto('interactions')
      .values({
        client_id: row.client_id,
        kind: 'booking',
        staff_id: row.staff_id,
        location_id: row.location_id,
        amount_cents: null,
        channel: BOOKED_THROUGH_LABELS[row.booked_through],
        added_by: row.created_by,
        external_id: null,
        pos_associate_id: null,
        body: svc ? svc.name : null,
        occurred_at: row.start_at,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async function removeVisit(trx: Executor, interactionId: number | null) {
    if (interactionId !== null) await trx.deleteFrom('interactions').where('id', '=', interactionId).execute();
  }

  /** Writes a change guarded by the version the caller read, and audits it. */
  async function change(trx: Executor, actor: Actor, before: AppointmentRecord, version: number, patch: Updateable<AppointmentsTable>, action: string, extra: Record<string, unknown> = {}) {
    const at = now().toISOString();
    if (!(await updateAppointment(trx, before.id, version, { ...patch, updated_at: at }))) {
      throw stale('Someone changed this appointment after you opened it. Reload it, then make your change again.');
    }
    const after = (await appointmentRow(trx, before.id))!;
    const keys = Object.keys(patch) as (keyof AppointmentsTable)[];
    await insertAudit(trx, {
      actorId: actor.id,
      action,
      entity: 'appointment',
      entityId: before.id,
      before: { clientId: before.client_id, ...Object.fromEntries(keys.map((k) => [k, (before as unknown as Record<string, unknown>)[k]])) },
      after: { clientId: before.client_id, ...Object.fromEntries(keys.map((k) => [k, after[k]])), ...extra },
      at,
    });
    await followers.changed(trx, before.id);
  }

  async function answer(trx: Executor, actor: Actor, id: number): Promise<Appointment> {
    return toAppointment(await visible(trx, actor, id), actor, await bookNames(trx));
  }

  const checkVersion = (row: AppointmentRecord, version: number) => {
    if (row.version !== version) throw stale('Someone changed this appointment after you opened it. Reload it, then make your change again.');
  };

  return {
    toAppointment,

    async get(actor: Actor, id: number): Promise<Appointment> {
      return answer(db, actor, id);
    },

    /**
     * The warnings a booking or a move would meet. Asked only for what the person may do: a
     * booking with that staff member, or a move of an appointment they reach (its warnings
     * list the staff member's other appointments, which nobody else is shown).
     */
    async check(actor: Actor, input: ParsedInput<'appointment-check'>): Promise<{ warnings: AppointmentWarning[] }> {
      if (input.excludeId === undefined) allow(actor, 'book', input.staffId);
      else allow(actor, 'move', (await visible(db, actor, input.excludeId)).staff_id, input.staffId);
      await activeStaff(db, input.staffId);
      await location(db, input.locationId);
      const startAt = new Date(input.startAt).toISOString();
      return { warnings: await warningsFor(db, { staffId: input.staffId, locationId: input.locationId, startAt, endAt: endOf(startAt, input.durationMinutes), excludeId: input.excludeId ?? null }) };
    },

    async create(actor: Actor, input: ParsedInput<'appointment-create'>): Promise<Appointment> {
      return db.transaction().execute(async (trx) => {
        const client = await findClientById(trx, actor.scope, input.clientId);
        if (!client) throw notFound('That client');
        allow(actor, 'book', input.staffId);
        await activeStaff(trx, input.staffId);
        await location(trx, input.locationId);
        const svc = await service(trx, input.serviceId);
        const minutes = input.durationMinutes ?? svc?.default_duration_minutes;
        if (minutes === undefined) throw invalidField('durationMinutes', 'Give a length, or choose a service');
        const startAt = new Date(input.startAt).toISOString();
        const endAt = endOf(startAt, minutes);
        const warnings = await warningsFor(trx, { staffId: input.staffId, locationId: input.locationId, startAt, endAt, excludeId: null });
        overridden(warnings, input.overrideReason);
        const at = now().toISOString();
        const id = await insertAppointment(trx, {
          client_id: input.clientId,
          staff_id: input.staffId,
          location_id: input.locationId,
          service_id: svc?.id ?? null,
          start_at: startAt,
          duration_minutes: minutes,
          end_at: endAt,
          notes: input.notes,
          booked_through: input.bookedThrough,
          cancel_reason: null,
          override_reason: warnings.length ? input.overrideReason! : null,
          interaction_id: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
        });
        // An Unassigned client booked with a staff member goes to them, as with a sale.
        const assigned = client.assigned_staff_id === null && (await assignIfUnassigned(trx, input.clientId, input.staffId, at));
        if (assigned) {
          await insertHistory(trx, [{ clientId: input.clientId, fromStaffId: null, toStaffId: input.staffId, reason: 'booking', detail: { appointmentId: id }, actorId: actor.id, at }]);
        }
        const row = (await appointmentRow(trx, id))!;
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'appointment.create',
          entity: 'appointment',
          entityId: id,
          after: { clientId: row.client_id, ...row, warnings: warnings.map((w) => w.message), assignedClient: assigned },
          at,
        });
        await followers.changed(trx, id);
        return answer(trx, actor, id);
      });
    },

    async update(actor: Actor, input: ParsedInput<'appointment-update'>): Promise<Appointment> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(trx, actor, input.id);
        checkVersion(row, input.version);
        if (row.status === 'cancelled') throw conflict('This appointment is cancelled. Restore it before changing it.');
        const staffId = input.staffId ?? row.staff_id;
        allow(actor, 'move', row.staff_id, staffId);
        if (staffId !== row.staff_id) await activeStaff(trx, staffId);
        const locationId = input.locationId ?? row.location_id;
        if (locationId !== row.location_id) await location(trx, locationId);
        const serviceId = input.serviceId === undefined ? row.service_id : input.serviceId;
        if (serviceId !== row.service_id) await service(trx, serviceId);
        const startAt = input.startAt ? new Date(input.startAt).toISOString() : row.start_at;
        const minutes = input.durationMinutes ?? row.duration_minutes;
        const endAt = endOf(startAt, minutes);
        const patch: Updateable<AppointmentsTable> = {};
        if (startAt !== row.start_at) patch.start_at = startAt;
        if (minutes !== row.duration_minutes) patch.duration_minutes = minutes;
        if (endAt !== row.end_at) patch.end_at = endAt;
        if (staffId !== row.staff_id) patch.staff_id = staffId;
        if (locationId !== row.location_id) patch.location_id = locationId;
        if (serviceId !== row.service_id) patch.service_id = serviceId;
        if (input.notes !== undefined && input.notes !== row.notes) patch.notes = input.notes;
        if (input.bookedThrough !== undefined && input.bookedThrough !== row.booked_through) patch.booked_through = input.bookedThrough;
        if (Object.keys(patch).length === 0) return answer(trx, actor, row.id);
        const moved = ['start_at', 'end_at', 'staff_id', 'location_id'].some((k) => k in patch);
        if (moved) {
          const warnings = await warningsFor(trx, { staffId, locationId, startAt, endAt, excludeId: row.id });
          overridden(warnings, input.overrideReason);
          if (warnings.length) patch.override_reason = input.overrideReason!;
        }
        await change(trx, actor, row, input.version, patch, moved ? 'appointment.move' : 'appointment.update');
        // A completed appointment's visit follows it.
        if (row.interaction_id !== null && (moved || 'booked_through' in patch || 'service_id' in patch)) {
          await removeVisit(trx, row.interaction_id);
          const now2 = now().toISOString();
          const fresh = (await appointmentRow(trx, row.id))!;
          await trx.updateTable('appointments').set({ interaction_id: await recordVisit(trx, fresh, now2) }).where('id', '=', row.id).execute();
        }
        return answer(trx, actor, row.id);
      });
    },

    async cancel(actor: Actor, input: ParsedInput<'appointment-cancel'>): Promise<Appointment> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(trx, actor, input.id);
        checkVersion(row, input.version);
        allow(actor, 'cancel', row.staff_id);
        if (row.status === 'cancelled') throw conflict('This appointment is already cancelled.');
        if (row.status === 'completed') throw conflict('A completed appointment cannot be cancelled. Change its status first if it did not happen.');
        await change(trx, actor, row, input.version, { status: 'cancelled', cancel_reason: input.reason }, 'appointment.cancel');
        return answer(trx, actor, row.id);
      });
    },

    async restore(actor: Actor, input: ParsedInput<'appointment-restore'>): Promise<Appointment> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(trx, actor, input.id);
        checkVersion(row, input.version);
        allow(actor, 'cancel', row.staff_id);
        if (row.status !== 'cancelled') throw conflict('This appointment is not cancelled.');
        const warnings = await warningsFor(trx, { staffId: row.staff_id, locationId: row.location_id, startAt: row.start_at, endAt: row.end_at, excludeId: row.id });
        overridden(warnings, input.overrideReason);
        const patch: Updateable<AppointmentsTable> = { status: 'booked', cancel_reason: null };
        if (warnings.length) patch.override_reason = input.overrideReason!;
        await change(trx, actor, row, input.version, patch, 'appointment.restore');
        return answer(trx, actor, row.id);
      });
    },

    async setStatus(actor: Actor, input: ParsedInput<'appointment-status'>): Promise<Appointment> {
      return db.transaction().execute(async (trx) => {
        const row = await visible(trx, actor, input.id);
        checkVersion(row, input.version);
        allow(actor, 'move', row.staff_id);
        if (row.status === 'cancelled') throw conflict('This appointment is cancelled. Restore it before changing its status.');
        if (row.status === input.status) return answer(trx, actor, row.id);
        const at = now().toISOString();
        const patch: Updateable<AppointmentsTable> = { status: input.status };
        if (row.status === 'completed') {
          await removeVisit(trx, row.interaction_id);
          patch.interaction_id = null;
        }
        if (input.status === 'completed') patch.interaction_id = await recordVisit(trx, (await appointmentRow(trx, row.id))!, at);
        await change(trx, actor, row, input.version, patch, 'appointment.status');
        return answer(trx, actor, row.id);
      });
    },

    async range(actor: Actor, input: ParsedInput<'appointment-range'>): Promise<AppointmentRange> {
      const tz = zone();
      const dates = Array.from({ length: input.days }, (_, i) => addDays(input.from, i));
      const week = 'locationId' in input.by ? await hoursOf(db, input.by.locationId) : [];
      const days = dates.map((date) => {
        const bounds = dayBounds(date, tz);
        if (!week.length) return { date, ...bounds };
        const open = week.find((d) => d.weekday === localParts(bounds.startAt, tz).weekday);
        return { date, ...bounds, hours: open ? { opens: open.opens, closes: open.closes } : null };
      });
      const items = await listRange(db, actor, input.by, days[0]!.startAt, days[days.length - 1]!.endAt, input.includeCancelled);
      const names = await bookNames(db);
      return { timeZone: tz, days, items: items.map((r) => toAppointment(r, actor, names)) };
    },

    async forClient(actor: Actor, input: ParsedInput<'appointment-client-list'>): Promise<Page<Appointment>> {
      if (!(await findClientById(db, actor.scope, input.clientId))) throw notFound('That client');
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      const rows = await listForClient(db, actor, input.clientId, input.when, now().toISOString(), after, input.limit + 1);
      const items = rows.slice(0, input.limit);
      const last = items[items.length - 1];
      const names = await bookNames(db);
      return {
        items: items.map((r) => toAppointment(r, actor, names)),
        nextCursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.start_at, last.id])).toString('base64url') : null,
      };
    },

    /** Whom this person may book with, by the policy's own rule for a booking: active staff, by name. */
    async bookableStaff(actor: Actor): Promise<StaffRef[]> {
      const staff = await db.selectFrom('staff').select(['id', 'name']).where('active', '=', 1).orderBy('name').orderBy('id').execute();
      return staff.filter((s) => decideAppointment(actor, 'book', s.id).allowed).map((s) => ({ id: s.id, name: s.name }));
    },

    async suggestStaff(actor: Actor, clientId: number): Promise<StaffSuggestion> {
      const client = await findClientById(db, actor.scope, clientId);
      if (!client) throw notFound('That client');
      const shop = await settings.get();
      const active = async (id: number | null) => {
        if (id === null) return null;
        const s = await db.selectFrom('staff').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
        return s && s.active === 1 ? s : null;
      };
      const routed = routeClient({
        routing: shop.returningClientRouting,
        assignedStaffId: (await active(client.assigned_staff_id))?.id ?? null,
        lastStaffId: await lastStaffOf(db, clientId),
        defaultAssigneeId: (await active(shop.defaultAssigneeId))?.id ?? null,
      });
      const staff = await active(routed.staffId);
      return { staff: staff ? { id: staff.id, name: staff.name } : null, reason: staff ? routed.reason : 'none', routing: shop.returningClientRouting };
    },
  };
}
export type AppointmentsService = ReturnType<typeof createAppointmentsService>;

function decodeCursor(cursor: string): { startAt: string; id: number } {
  try {
    const [startAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof startAt === 'string' && Number.isSafeInteger(id)) return { startAt, id: id as number };
  } catch {
    // refused below
  }
  throw invalidField('cursor', 'This list position is not valid; reload the list.');
}
