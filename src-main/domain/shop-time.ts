/**
 * The shop's clock: instants against local days and wall times in the shop's IANA time zone.
 * A day is the shop's local day, so across a daylight-saving change it is 23 or 25 hours
 * long; TZDate (@date-fns/tz) builds local wall times into instants, moving a time that a
 * spring-forward skips to the hour after and taking the first of a time that a fall-back
 * repeats.
 *
 * Reading an instant's local date and time is on every appointment a view answers (tens of
 * thousands in a location's week), so the zone's offset is looked up once per quarter hour
 * of UTC and kept: every offset change of this century falls on a quarter hour.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
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

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC in minutes at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone} ${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = tzOffset(timeZone, new Date(quarter * QUARTER_HOUR));
    offsets.set(key, offset);
  }
  return offset;
}

/** Where an instant falls on the shop's calendar and clock. */
export function localParts(at: Date | string, timeZone: string): LocalParts {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  // The wall clock as a UTC date: its UTC fields are the local ones.
  const t = new Date(ms + offsetAt(ms, timeZone) * 60_000);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return { date, time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`, weekday: t.getUTCDay() === 0 ? 7 : t.getUTCDay(), minutes: t.getUTCHours() * 60 + t.getUTCMinutes() };
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
