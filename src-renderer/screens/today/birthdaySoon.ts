/** How many days until a client's birthday from a shop-local day, when it is soon. */
import { addDays } from '../../shopClock';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Days from `today` to the next birthday (0 = today), or null when it is further than
 * `within` days or unknown. A birthday is 'YYYY-MM-DD' or '--MM-DD' (year not known); 29
 * February is kept on the 28th in a year without one, as the birthday automations do.
 */
export function daysToBirthday(birthday: string | null, today: string, within = 14): number | null {
  const md = birthday?.match(/(\d{2})-(\d{2})$/);
  if (!md) return null;
  for (let n = 0; n <= within; n++) {
    const day = addDays(today, n);
    const y = Number(day.slice(0, 4));
    const want = md[1] === '02' && md[2] === '29' && !isLeap(y) ? '02-28' : `${md[1]}-${md[2]}`;
    if (day.slice(5) === want) return n;
  }
  return null;
}
