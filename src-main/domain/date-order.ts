/**
 * Which way round a file writes its dates, guessed from its own values, then from the shop's
 * country: a "13/04/1985" can only be day first and a "04/13/1985" only month first; a file
 * whose dates all read both ways ("03/04/1985") is read as dates are written where the shop is
 * (3 April in a UK shop, March 4 in a US one). Pure, no I/O.
 */
import type { DateOrder } from './import-row';

/** Countries that write the month first (CLDR short date patterns M/d/y). */
const MONTH_FIRST = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW']);
/** Countries that write the year first (CLDR y-M-d / y/M/d). */
const YEAR_FIRST = new Set(['CN', 'JP', 'KR', 'KP', 'TW', 'HU', 'LT', 'MN', 'IR', 'SE']);

export const ORDER_WORDS: Record<DateOrder, string> = {
  dmy: 'day/month/year',
  mdy: 'month/day/year',
  ymd: 'year-month-day',
};
/** The same date written each way: what a person recognises. */
export const ORDER_EXAMPLE: Record<DateOrder, string> = {
  dmy: '03/04/1985 for 3 April 1985',
  mdy: '04/03/1985 for 3 April 1985',
  ymd: '1985-04-03 for 3 April 1985',
};

export interface DateOrderGuess {
  order: DateOrder;
  /** Why, in words: the value that decided, or the shop's country. */
  because: string;
}

export function countryDateOrder(country: string): DateOrder {
  const c = country.toUpperCase();
  return MONTH_FIRST.has(c) ? 'mdy' : YEAR_FIRST.has(c) ? 'ymd' : 'dmy';
}

const NUMERIC = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[T ].*)?$/;

/** `values`: the file's date cells with their lines, in file order; empty cells may be included. */
export function guessDateOrder(values: readonly { line: number; value: string }[], country: string): DateOrderGuess {
  let dayFirst: { line: number; value: string } | null = null;
  let monthFirst: { line: number; value: string } | null = null;
  let numeric = 0;
  let yearFirst = 0;
  for (const v of values) {
    const m = NUMERIC.exec(v.value.trim());
    if (!m) continue;
    numeric++;
    if (m[1]!.length === 4) {
      yearFirst++;
      continue;
    }
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) dayFirst ??= v;
    else if (b > 12 && a <= 12) monthFirst ??= v;
  }
  const shop = countryDateOrder(country);
  if (dayFirst && !monthFirst) return { order: 'dmy', because: `"${dayFirst.value}" on line ${dayFirst.line} can only be day first` };
  if (monthFirst && !dayFirst) return { order: 'mdy', because: `"${monthFirst.value}" on line ${monthFirst.line} can only be month first` };
  if (numeric > 0 && yearFirst === numeric) return { order: 'ymd', because: 'every date starts with its year' };
  const mixed = dayFirst && monthFirst ? 'the file has dates both ways round; ' : '';
  const order = shop === 'ymd' && yearFirst < numeric ? 'dmy' : shop;
  return { order, because: `${mixed}dates are written ${ORDER_WORDS[order]} in ${country.toUpperCase()}, the shop's country` };
}
