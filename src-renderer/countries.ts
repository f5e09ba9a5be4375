/** The shared ISO 3166-1 list (src-preload/countries.ts); names come from the platform (Intl) in English. */
import { COUNTRY_CODES } from '../src-preload/countries';

const names = new Intl.DisplayNames(['en'], { type: 'region' });

const codes = new Set(COUNTRY_CODES);

export const countryOptions = [...codes]
  .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** The country this computer's locale names, if it is one we list; else the US. */
export function guessCountry(): string {
  const region = new Intl.Locale(navigator.language).maximize().region;
  return region && codes.has(region) ? region : 'US';
}
