/**
 * The one country list: ISO 3166-1 alpha-2 codes as i18n-iso-countries keeps them, shared by
 * the main process (import, validation) and the screens (pickers). Names for display come
 * from the platform (Intl.DisplayNames) in English (src-renderer/countries.ts).
 */
import countries from 'i18n-iso-countries';

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

const known = new Set(COUNTRY_CODES);
export const isCountryCode = (code: string): boolean => known.has(code);
