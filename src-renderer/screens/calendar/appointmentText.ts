/** How an appointment reads on screen: its status, its time, and the name its button carries. */
import type { Appointment, AppointmentStatus } from '../../../src-preload/contract';
import { formatWallTime, fullName } from '../../format';

export const STATUS: Record<AppointmentStatus, { label: string; color: string }> = {
  booked: { label: 'Booked', color: 'indigo' },
  arrived: { label: 'Arrived', color: 'yellow' },
  completed: { label: 'Completed', color: 'teal' },
  no_show: { label: 'No-show', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** "10:00–11:00" in the shop's way of writing times, from the shop-local wall times the server sends. */
export const timeRange = (a: Pick<Appointment, 'local'>): string => `${formatWallTime(a.local.start)}–${formatWallTime(a.local.end)}`;

/** The accessible name of an appointment's button: time, client, staff member, service, status. */
export function appointmentName(a: Appointment): string {
  const parts = [`${timeRange(a)} ${fullName(a.client)} with ${a.staff.name}`];
  if (a.service) parts.push(a.service.name);
  parts.push(STATUS[a.status].label);
  return parts.join(', ');
}
