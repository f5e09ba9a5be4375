/**
 * The shop's clock on screen: local days ('YYYY-MM-DD') and wall times ('HH:MM') in the
 * shop's IANA time zone, whatever zone the computer showing them is in. TZDate
 * (@date-fns/tz) turns a wall time on a day into an instant; across a spring-forward the
 * skipped times do not exist on the shop's clock, and across a fall-back the first of the
 * repeated times is taken, as the main process does.
 */
import { TZDate } from '@date-fns/tz';

const pad = (n: number) => String(n).padStart(2, '0');

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week a date falls in. */
export const weekStart = (date: string): string => addDays(date, 1 - isoWeekday(date));

/** The shop's local date and wall time at an instant. */
export function localParts(at: Date | string | number, timeZone: string): { date: string; time: string; minutes: number } {
  const t = new TZDate(typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime(), timeZone);
  return { date: `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`, time: `${pad(t.getHours())}:${pad(t.getMinutes())}`, minutes: t.getHours() * 60 + t.getMinutes() };
}

/** Today on the shop's calendar. */
export const shopToday = (timeZone: string, now: Date = new Date()): string => localParts(now, timeZone).date;

/** 'HH:MM' as minutes since midnight, and back. */
export const wallMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const wallTime = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The instant a wall time on a local date begins, as an ISO string in UTC (a skipped time moves forward). */
export function toInstant(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const minutes = wallMinutes(time);
  return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, 0, 0, timeZone).getTime()).toISOString();
}

/** Whether the shop's clock shows this wall time on this day (false for the hour a spring-forward skips). */
export function onTheClock(date: string, time: string, timeZone: string): boolean {
  const back = localParts(toInstant(date, time, timeZone), timeZone);
  return back.date === date && back.time === time;
}

/** Where a booking from a profile starts: the next whole hour on the shop's clock today, or 10:00 the next day from 19:00 on. */
export function nextBookableStart(timeZone: string, now = new Date()): { date: string; time: string } {
  const here = localParts(now, timeZone);
  const hour = Math.floor(here.minutes / 60) + 1;
  return hour <= 19 ? { date: here.date, time: wallTime(hour * 60) } : { date: addDays(here.date, 1), time: '10:00' };
}
