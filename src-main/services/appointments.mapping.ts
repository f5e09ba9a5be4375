/**
 * An appointment row as the contract answers it: its client's fields as the viewer's role
 * sees them (the query selected only those), its notes only where notes are not hidden, and
 * its local date and wall times in the shop's time zone.
 */
import type { Appointment } from '../../src-preload/contract';
import type { FieldGroup } from '../../src-preload/policy';
import type { AppointmentRecord, BookNames } from '../db/queries/appointments.queries';
import { localParts } from '../domain/shop-time';
import { clientStatus } from './clients.mapping';

export function appointmentView(r: AppointmentRecord, hidden: ReadonlySet<FieldGroup>, names: BookNames, timeZone: string): Appointment {
  const start = localParts(r.start_at, timeZone);
  const end = localParts(r.end_at, timeZone);
  const serviceName = r.service_id === null ? undefined : names.services.get(r.service_id);
  const creatorName = r.created_by === null ? undefined : names.staff.get(r.created_by);
  return {
    id: r.id,
    version: r.version,
    client: {
      id: r.client_id,
      firstName: r.client_first_name ?? '',
      lastName: r.client_last_name ?? '',
      email: r.client_email,
      phone: r.client_phone,
      status: clientStatus(r.client_first_visit_at ?? ''),
    },
    staff: { id: r.staff_id, name: names.staff.get(r.staff_id) ?? '' },
    location: { id: r.location_id, name: names.locations.get(r.location_id) ?? '' },
    service: r.service_id !== null && serviceName !== undefined ? { id: r.service_id, name: serviceName } : null,
    startAt: r.start_at,
    endAt: r.end_at,
    durationMinutes: r.duration_minutes,
    local: { date: start.date, start: start.time, end: end.time, endDate: end.date },
    notes: hidden.has('notes') ? null : r.notes,
    bookedThrough: r.booked_through,
    status: r.status,
    cancelReason: r.cancel_reason,
    overrideReason: r.override_reason,
    createdBy: r.created_by !== null && creatorName !== undefined ? { id: r.created_by, name: creatorName } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
