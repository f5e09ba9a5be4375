/**
 * Calendar dates as 'YYYY-MM-DD' strings: a birthday is a day on the shop's calendar, not
 * an instant, so all arithmetic here is on dates alone, done in UTC to keep clocks and
 * daylight saving out of it.
 */

/** The shop's local date at an instant; `timeZone` defaults to the machine's own. */
export function localDate(at: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The month-days whose anniversaries fall on `date`: its own, plus 29 February on
 * 28 February of a year without one (a leap-day birthday is kept on the 28th).
 */
export function monthDaysFallingOn(date: string): string[] {
  const md = date.slice(5);
  const year = Number(date.slice(0, 4));
  return md === '02-28' && !isLeapYear(year) ? ['02-28', '02-29'] : [md];
}

/** When, in `year`, the anniversary of `monthDay` ('MM-DD') falls. */
export function occurrenceIn(year: number, monthDay: string): string {
  if (monthDay === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
  return `${year}-${monthDay}`;
}
