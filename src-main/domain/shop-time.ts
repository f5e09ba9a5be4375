/**
 * The shop's clock: instants against local days and wall times in the shop's IANA time zone.
 * A day is the shop's local day, so across a daylight-saving change it is 23 or 25 hours
 * long; TZDate (@date-fns/tz) builds local wall times into instants, moving a time that a
 * spring-forward skips to the hour after and taking the first of a time that a fall-back
 * repeats.
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from './calendar';

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant a local wall time on a local date begins ('YYYY-MM-DD', 'HH:MM', 24:00 = the next midnight). */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  if (h === 24) return localToInstant(addDays(date, 1), '00:00', timeZone);
  return new Date(new TZDate(y, m - 1, d, h, min, 0, 0, timeZone).getTime());
}

/** A local day's first instant and the next day's, as ISO strings. */
export function dayBounds(date: string, timeZone: string): { startAt: string; endAt: string } {
  return { startAt: localToInstant(date, '00:00', timeZone).toISOString(), endAt: localToInstant(addDays(date, 1), '00:00', timeZone).toISOString() };
}

export interface LocalParts {
  date: string;
  time: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight by the wall clock. */
  minutes: number;
}

/** Where an instant falls on the shop's calendar and clock. */
export function localParts(at: Date | string, timeZone: string): LocalParts {
  const t = new TZDate(typeof at === 'string' ? Date.parse(at) : at.getTime(), timeZone);
  const date = `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
  return { date, time: `${pad(t.getHours())}:${pad(t.getMinutes())}`, weekday: t.getDay() === 0 ? 7 : t.getDay(), minutes: t.getHours() * 60 + t.getMinutes() };
}

/** 'HH:MM' as minutes since midnight. */
export const wallMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether an appointment from `startAt` to `endAt` lies within the day's hours: it starts
 * on a day the location is open, no earlier than opening, and ends no later than closing
 * on that same local day. Wall-clock times are compared, so opening hours mean the same
 * on the day the clocks change.
 */
export function withinHours(startAt: string, endAt: string, hours: { opens: string; closes: string } | null, timeZone: string): boolean {
  if (!hours) return false;
  const start = localParts(startAt, timeZone);
  const end = localParts(endAt, timeZone);
  const endMinutes = end.date === start.date ? end.minutes : end.date === addDays(start.date, 1) && end.minutes === 0 ? 24 * 60 : Infinity;
  return start.minutes >= wallMinutes(hours.opens) && endMinutes <= wallMinutes(hours.closes);
}
