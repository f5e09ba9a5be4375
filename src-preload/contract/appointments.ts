/**
 * The contract's channels for the appointment book: services, opening hours, appointments
 * (book, move, cancel and restore, status), the day and week views, a client's appointments
 * and the routing suggestion. Composed into `contract` in index.ts.
 *
 * Instants travel as ISO 8601 strings and are answered in UTC ('2026-03-08T15:00:00.000Z');
 * days are the shop's local days ('YYYY-MM-DD') in its time zone (settings), and each
 * appointment carries its local date and wall times so a screen never converts zones itself.
 */
import { z } from 'zod';
import { id, isoDate, optionalText, pageSize, required, returns } from '../fields';
import { cursor, type Page } from './shared';
import { channel } from './shared';
import type { StaffRef } from './assignment';

export const BOOKED_THROUGH = ['in_store', 'phone', 'online', 'walk_in'] as const;
export type BookedThrough = (typeof BOOKED_THROUGH)[number];
/** How each channel reads on a screen and in the client's activity ("Booked through"). */
export const BOOKED_THROUGH_LABELS: Record<BookedThrough, string> = { in_store: 'In store', phone: 'Phone', online: 'Online', walk_in: 'Walk-in' };

export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'completed', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Lengths an appointment or a service may have, in minutes; the schema repeats them. */
export const DURATION = { min: 5, max: 720 } as const;

export interface Service {
  id: number;
  name: string;
  defaultDurationMinutes: number;
  active: boolean;
}

/** One weekday's hours at a location: ISO weekday (1 = Monday ... 7 = Sunday), local 'HH:MM'. */
export interface OpeningDay {
  weekday: number;
  opens: string;
  closes: string;
}

export interface LocationHours {
  locationId: number;
  /** Days open; a weekday missing is closed. An empty list: no hours set, and no warnings. */
  days: OpeningDay[];
}

/** The client as an appointment shows them: contact details only to roles that may see them. */
export interface AppointmentClient {
  id: number;
  firstName: string;
  lastName: string;
  /** Null when empty or hidden from the viewer's role. */
  email: string | null;
  phone: string | null;
  status: 'guest' | 'existing';
}

export interface Appointment {
  id: number;
  /** Send it back with a change: a change over a newer version answers STALE. */
  version: number;
  client: AppointmentClient;
  staff: StaffRef;
  location: { id: number; name: string };
  service: { id: number; name: string } | null;
  startAt: string;
  endAt: string;
  durationMinutes: number;
  /** The shop-local date and wall times ('HH:MM') of the start and end. */
  local: { date: string; start: string; end: string; endDate: string };
  /** Null when empty or when the viewer's role hides notes. */
  notes: string | null;
  bookedThrough: BookedThrough;
  status: AppointmentStatus;
  cancelReason: string | null;
  /** Why someone booked it over a warning (an overlap, outside opening hours). */
  overrideReason: string | null;
  /** Who added the appointment ("Added by"). */
  createdBy: StaffRef | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a booking is warned about. Saving over a warning needs `overrideReason`; without one
 * the change answers OVERRIDE_REQUIRED with `details.warnings` holding these.
 */
export type AppointmentWarning =
  | {
      kind: 'overlap';
      message: string;
      staffId: number;
      /** The staff member's other appointments at that time (times only: whose they are is not said). */
      appointments: { id: number; startAt: string; endAt: string }[];
    }
  | {
      kind: 'hours';
      message: string;
      locationId: number;
      /** The shop-local date the appointment starts on, and its ISO weekday. */
      date: string;
      weekday: number;
      /** That day's hours, or null when the location is closed that day. */
      hours: { opens: string; closes: string } | null;
    };

export interface AppointmentDay {
  date: string;
  /** The day's first and last instant in the shop's time zone (a day is 23 or 25 hours across a DST change). */
  startAt: string;
  endAt: string;
  /** For a location's view: its hours that day, null when closed; undefined when no hours are set or by staff. */
  hours?: { opens: string; closes: string } | null;
}

export interface AppointmentRange {
  timeZone: string;
  days: AppointmentDay[];
  items: Appointment[];
}

export interface StaffSuggestion {
  /** Null when no rule names anyone: the person booking chooses. */
  staff: StaffRef | null;
  /** Why: the client's primary staff, the last staff member who served them, or the shop's default assignee. */
  reason: 'primary' | 'last' | 'default-assignee' | 'none';
  routing: 'primary' | 'last';
}

/** An instant with its offset, on a whole minute, stored in UTC. */
const instant = z.iso
  .datetime({ offset: true, error: 'Must be a date and time such as 2026-03-08T15:00:00Z' })
  .refine((s) => {
    const t = new Date(s).getTime();
    return t % 60_000 === 0 && t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1);
  }, 'Must be on a whole minute, between 2000 and 2099');
const duration = z.number().int().min(DURATION.min, `Length must be at least ${DURATION.min} minutes`).max(DURATION.max, `Length can be at most ${DURATION.max} minutes`);
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Time must be HH:MM, 00:00 to 24:00');
const reason = (label: string) => required(500, label);
const notes = optionalText(2000, 'Notes');

const openingDay = z
  .object({ weekday: z.number().int().min(1).max(7), opens: wallTime, closes: wallTime })
  .strict()
  .refine((d) => d.opens < d.closes && d.opens !== '24:00', { message: 'Opening must come before closing', path: ['closes'] });

export const appointmentChannels = {
  'service-list': channel({
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: returns<Service[]>(),
    sample: { includeInactive: true },
  }),
  'service-create': channel({
    input: z.object({ name: required(120, 'Service name'), defaultDurationMinutes: duration }).strict(),
    output: returns<Service>(),
    sample: { name: 'Bridal fitting', defaultDurationMinutes: 60 },
  }),
  'service-update': channel({
    input: z
      .object({ id, name: required(120, 'Service name').optional(), defaultDurationMinutes: duration.optional(), active: z.boolean().optional() })
      .strict(),
    output: returns<Service>(),
    sample: { id: 1, defaultDurationMinutes: 45 },
  }),
  'location-hours-get': channel({
    input: z.object({ locationId: id }).strict(),
    output: returns<LocationHours>(),
    sample: { locationId: 1 },
  }),
  'location-hours-set': channel({
    input: z
      .object({ locationId: id, days: z.array(openingDay).max(7).refine((d) => new Set(d.map((x) => x.weekday)).size === d.length, 'A weekday is listed twice') })
      .strict(),
    output: returns<LocationHours>(),
    sample: { locationId: 1, days: [{ weekday: 1, opens: '09:00', closes: '18:00' }, { weekday: 6, opens: '10:00', closes: '16:00' }] },
  }),
  /**
   * The active staff members this person may book with: everyone for a role that books for
   * others (appointment.book-others), else themselves. The booking form and the calendar's
   * staff picker offer these, whatever else the role may list.
   */
  'appointment-staff-list': channel({
    input: z.object({}).strict(),
    output: returns<StaffRef[]>(),
    sample: {},
  }),
  'appointment-suggest-staff': channel({
    input: z.object({ clientId: id }).strict(),
    output: returns<StaffSuggestion>(),
    sample: { clientId: 1 },
  }),
  'appointment-check': channel({
    input: z.object({ staffId: id, locationId: id, startAt: instant, durationMinutes: duration, excludeId: id.optional() }).strict(),
    output: returns<{ warnings: AppointmentWarning[] }>(),
    sample: { staffId: 1, locationId: 1, startAt: '2026-03-02T10:00:00Z', durationMinutes: 60 },
  }),
  'appointment-create': channel({
    input: z
      .object({
        clientId: id,
        staffId: id,
        locationId: id,
        serviceId: id.nullable().default(null),
        startAt: instant,
        /** Defaults to the service's length. */
        durationMinutes: duration.optional(),
        notes,
        bookedThrough: z.enum(BOOKED_THROUGH),
        /** Needed only to save over a warning. */
        overrideReason: reason('Override reason').optional(),
      })
      .strict(),
    output: returns<Appointment>(),
    sample: { clientId: 1, staffId: 1, locationId: 1, startAt: '2026-03-02T10:00:00Z', durationMinutes: 60, bookedThrough: 'phone', notes: 'Bring the dress' },
  }),
  'appointment-update': channel({
    input: z
      .object({
        id,
        version: z.number().int().positive(),
        startAt: instant.optional(),
        durationMinutes: duration.optional(),
        staffId: id.optional(),
        locationId: id.optional(),
        serviceId: id.nullable().optional(),
        notes: notes.optional(),
        bookedThrough: z.enum(BOOKED_THROUGH).optional(),
        overrideReason: reason('Override reason').optional(),
      })
      .strict(),
    output: returns<Appointment>(),
    sample: { id: 1, version: 1, startAt: '2026-03-02T11:00:00Z' },
  }),
  'appointment-cancel': channel({
    input: z.object({ id, version: z.number().int().positive(), reason: reason('Reason') }).strict(),
    output: returns<Appointment>(),
    sample: { id: 1, version: 1, reason: 'Client called to cancel' },
  }),
  'appointment-restore': channel({
    input: z.object({ id, version: z.number().int().positive(), overrideReason: reason('Override reason').optional() }).strict(),
    output: returns<Appointment>(),
    sample: { id: 1, version: 2 },
  }),
  'appointment-status': channel({
    input: z.object({ id, version: z.number().int().positive(), status: z.enum(['booked', 'arrived', 'completed', 'no_show']) }).strict(),
    output: returns<Appointment>(),
    sample: { id: 1, version: 1, status: 'arrived' },
  }),
  'appointment-get': channel({
    input: z.object({ id }).strict(),
    output: returns<Appointment>(),
    sample: { id: 1 },
  }),
  'appointment-range': channel({
    input: z
      .object({
        by: z.union([z.object({ staffId: id }).strict(), z.object({ locationId: id }).strict()]),
        /** The first shop-local day. */
        from: isoDate,
        /** 1 for a day view, 7 for a week. */
        days: z.number().int().min(1).max(7),
        includeCancelled: z.boolean().default(false),
      })
      .strict(),
    output: returns<AppointmentRange>(),
    sample: { by: { locationId: 1 }, from: '2026-03-02', days: 7 },
  }),
  'appointment-client-list': channel({
    input: z.object({ clientId: id, when: z.enum(['upcoming', 'past']), cursor, limit: pageSize }).strict(),
    output: returns<Page<Appointment>>(),
    sample: { clientId: 1, when: 'upcoming', limit: 20 },
  }),
} as const;
