/**
 * A country as a file writes it, read as its ISO 3166-1 alpha-2 code: a code (GB, gb), an
 * alpha-3 code (GBR), or a name in one of the languages shops here write in, with the common
 * variants i18n-iso-countries keeps ("United Kingdom", "Great Britain", "UK", "Deutschland",
 * "Espagne"). Null when it reads as none.
 */
import countries from 'i18n-iso-countries';
import { isCountryCode } from '../../src-preload/countries';

/** Languages whose country names an import reads, most common first. */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'cs'];

export function readCountry(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (/^[A-Za-z]{2}$/.test(v) && isCountryCode(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(v)) {
    const code = countries.alpha3ToAlpha2(v.toUpperCase());
    if (code) return code;
  }
  for (const lang of LANGUAGES) {
    const code = countries.getAlpha2Code(v, lang);
    if (code) return code;
  }
  return null;
}
