/** How dates, roles and empty values read on screen. */
import dayjs from 'dayjs';
import type { Role } from '../src-preload/contract';

export function formatDate(iso: string | null): string {
  return iso ? dayjs(iso).format('D MMM YYYY') : '—';
}

export function formatDateTime(iso: string | null): string {
  return iso ? dayjs(iso).format('D MMM YYYY, HH:mm') : '—';
}

/** A calendar date ('YYYY-MM-DD') has no time zone: format it without converting. */
export function formatCalendarDate(date: string | null): string {
  return date ? dayjs(date, 'YYYY-MM-DD').format('D MMMM YYYY') : '—';
}

/** A date picker's value (a 'YYYY-MM-DD' string, or a Date in the person's zone) as a calendar day. */
export const calendarDay = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  associate: 'Associate',
};

export function fullName(person: { firstName: string; lastName: string }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}

/** A count with its noun: "1 warning", "1,204 warnings" ("many" when the plural is not just an s). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
