/**
 * Calendar files: a staff member's or a location's appointments over a range of the shop's
 * local days as iCalendar (RFC 5545), written by ical-generator, for staff to import into a
 * phone's or a desktop's calendar.
 *
 * - Only the appointments the person may see (the appointment book's reach), and of each
 *   client only the fields their role shows: contact details and notes are left out for a
 *   role that hides them.
 * - Times are UTC instants (DTSTART:...Z), which every calendar places in its own zone; the
 *   shop's zone is named in X-WR-TIMEZONE for the calendars that show it.
 * - Each appointment keeps one UID whatever its changes, and its version is the SEQUENCE, so
 *   importing a newer file updates the events instead of adding copies; a cancelled one goes
 *   in as STATUS:CANCELLED so the calendar drops it.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { BOOKED_THROUGH_LABELS, type Appointment, type AppointmentStatus, type ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { bookNames, listRange } from '../db/queries/appointments.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { findLocationById } from '../db/queries/locations.queries';
import { decide, type Actor } from '../domain/permissions';
import { dayBounds } from '../domain/shop-time';
import { appointmentView } from './appointments.mapping';
import { forbidden, invalidField } from './errors';
import type { SettingsService } from './settings.service';

/** The UID of an appointment's event: the same in every file, so a calendar updates it. */
export const appointmentUid = (id: number) => `appointment-${id}@clientele`;

const STATUS_WORDS: Record<AppointmentStatus, string> = { booked: 'Booked', arrived: 'Arrived', completed: 'Completed', no_show: 'No-show', cancelled: 'Cancelled' };

const clientName = (a: Appointment) => `${a.client.firstName} ${a.client.lastName}`.trim();

const fileSafe = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase() || 'calendar';

export function createCalendarFilesService(db: Db, now: () => Date, settings: SettingsService) {
  /** The appointment as the viewer sees it (appointmentView leaves out what their role hides). */
  function description(a: Appointment): string {
    const lines = [`Client: ${clientName(a)}`];
    if (a.client.phone) lines.push(`Phone: ${a.client.phone}`);
    if (a.client.email) lines.push(`Email: ${a.client.email}`);
    lines.push(`With: ${a.staff.name}`, `Status: ${STATUS_WORDS[a.status]}`, `Booked through: ${BOOKED_THROUGH_LABELS[a.bookedThrough]}`);
    if (a.status === 'cancelled' && a.cancelReason) lines.push(`Cancelled: ${a.cancelReason}`);
    if (a.notes) lines.push('', a.notes);
    return lines.join('\n');
  }

  return {
    async export(actor: Actor, input: ParsedInput<'appointment-ics'>): Promise<{ filename: string; ics: string; count: number }> {
      // A calendar file takes clients' names (and contact details) off the machine: it is an export.
      const d = decide(actor, 'export');
      if (!d.allowed) throw forbidden(d.reason, d.code);
      const tz = settings.timeZone();
      let name: string;
      if ('staffId' in input.by) {
        const s = await db.selectFrom('staff').select('name').where('id', '=', input.by.staffId).executeTakeFirst();
        if (!s) throw invalidField('by', 'Choose one of the shop’s staff members');
        name = s.name;
      } else {
        const l = await findLocationById(db, input.by.locationId);
        if (!l) throw invalidField('by', 'Choose one of the shop’s locations');
        name = l.name;
      }
      const names = await bookNames(db);
      const rows = (await listRange(db, actor, input.by, dayBounds(input.from, tz).startAt, dayBounds(input.to, tz).endAt, input.includeCancelled)).map((r) =>
        appointmentView(r, actor.hiddenFields, names, tz),
      );
      const shop = await settings.get();
      const calendar = ical({
        name: `${name} — ${shop.shopName}`,
        prodId: { company: 'Clientele', product: 'Clientele', language: 'EN' },
        x: [{ key: 'X-WR-TIMEZONE', value: tz }],
      });
      const stamp = now();
      for (const a of rows) {
        calendar.createEvent({
          id: appointmentUid(a.id),
          sequence: a.version,
          stamp,
          lastModified: new Date(a.updatedAt),
          created: new Date(a.createdAt),
          start: new Date(a.startAt),
          end: new Date(a.endAt),
          summary: a.service ? `${a.service.name}: ${clientName(a)}` : clientName(a),
          location: a.location.name,
          description: description(a),
          status: a.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        });
      }
      await insertAudit(db, {
        actorId: actor.id,
        action: 'appointment.export-calendar',
        entity: 'appointment',
        entityId: null,
        after: { by: input.by, from: input.from, to: input.to, includeCancelled: input.includeCancelled, count: rows.length },
        at: stamp.toISOString(),
      });
      return { filename: `${fileSafe(name)}-${input.from}-${input.to}.ics`, ics: calendar.toString(), count: rows.length };
    },
  };
}
export type CalendarFilesService = ReturnType<typeof createCalendarFilesService>;
