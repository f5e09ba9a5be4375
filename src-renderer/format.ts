/**
 * How dates, numbers, money, roles and empty values read on screen: every screen formats
 * through this module (and money.ts), in the shop's format. The shop's format is its own
 * choice in Settings, else the way its country writes dates and numbers; until the settings
 * have loaded (the login screen), the person's own.
 */
import type { Role, ShopSettings } from '../src-preload/contract';

let locale: string | undefined;
let dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
let dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
let calendarFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
let numberFormat = new Intl.NumberFormat(locale);
let moneyFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The language a country writes in, with the country: 'GB' → 'en-GB', 'DE' → 'de-DE', 'CH' → 'de-CH' (CLDR's likely subtags). */
export function localeForCountry(country: string): string {
  try {
    return `${new Intl.Locale('und', { region: country }).maximize().language}-${country}`;
  } catch {
    return 'en-US';
  }
}

/** The format the shop chose, else its country's. */
export const shopLocale = (s: Pick<ShopSettings, 'formatLocale' | 'defaultCountry'>): string => s.formatLocale ?? localeForCountry(s.defaultCountry);

/** Every screen formats in this locale from now on (the shell sets it from the shop's settings). */
export function setFormatLocale(tag: string | undefined): void {
  if (tag === locale) return;
  locale = tag;
  dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  calendarFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  numberFormat = new Intl.NumberFormat(locale);
  moneyFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const formatLocale = (): string | undefined => locale;

export function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}

/** A calendar date ('YYYY-MM-DD') has no time zone: read and written as UTC, so the day never shifts. */
export function formatCalendarDate(date: string | null): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : calendarFormat.format(d);
}

/**
 * The shop's numeric date as a dayjs pattern, for the date pickers' display ('DD/MM/YYYY' in
 * the UK, 'MM/DD/YYYY' in the US, 'DD.MM.YYYY' in Germany); text between the numbers is kept
 * literally.
 */
export function datePickerPattern(): string {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 11, 31)));
  return parts.map((p) => (p.type === 'day' ? 'DD' : p.type === 'month' ? 'MM' : p.type === 'year' ? 'YYYY' : `[${p.value}]`)).join('');
}

/** A count or any plain number, grouped as the shop writes it (1,234 or 1.234). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** An amount with two decimals (money.ts says why there is no currency). */
export function formatAmount(n: number): string {
  return moneyFormat.format(n);
}

/** A date picker's value (a 'YYYY-MM-DD' string, or a Date in the person's zone) as a calendar day. */
export const calendarDay = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const cached = new Map<string, Intl.DateTimeFormat>();
/** A date formatter in the shop's locale, made once per locale and options. */
function dateFormatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cached.get(key);
  if (!f) cached.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A wall time ('HH:MM' on the shop's clock) as the shop writes times: 14:30 or 2:30 PM. */
export function formatWallTime(time: string): string {
  return dateFormatter({ timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`1970-01-01T${time}:00Z`));
}

/** An instant's time on the shop's clock (its IANA zone), as the shop writes times. */
export function formatTimeIn(iso: string, timeZone: string): string {
  return dateFormatter({ timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A calendar date ('YYYY-MM-DD') with its weekday, short ("Mon, 2 Mar") or long ("Monday, 2 March 2026"). */
export function formatDay(date: string, length: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    length === 'short' ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'full', timeZone: 'UTC' };
  return dateFormatter(options).format(new Date(`${date}T00:00:00Z`));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} KB`;
  return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
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
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
