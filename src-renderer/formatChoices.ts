/** The date and number formats a shop can choose in Settings, each shown as it reads. */
import { localeForCountry } from './format';

const TAGS = [
  'en-GB', 'en-US', 'en-IE', 'en-CA', 'en-AU', 'en-NZ', 'en-ZA', 'en-IN',
  'fr-FR', 'fr-BE', 'fr-CA', 'fr-CH', 'de-DE', 'de-AT', 'de-CH', 'it-IT', 'es-ES', 'es-MX',
  'nl-NL', 'nl-BE', 'pt-PT', 'pt-BR', 'sv-SE', 'da-DK', 'nb-NO', 'fi-FI', 'pl-PL', 'cs-CZ',
  'ja-JP', 'zh-CN', 'ko-KR',
];

const SAMPLE_DAY = new Date(Date.UTC(2026, 2, 31, 12));
const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** How a format reads: "31 Mar 2026 · 1,234.50". */
export function sampleOf(tag: string): string {
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(SAMPLE_DAY);
  const number = new Intl.NumberFormat(tag, { minimumFractionDigits: 2 }).format(1234.5);
  return `${date} · ${number}`;
}

/** Stands for "no choice: as the shop's country" in the list (stored as null). */
export const AS_COUNTRY = 'country';

/** The choices, with the country's own first ("As the shop's country"), which is stored as no choice. */
export function formatChoices(country: string): { value: string; label: string }[] {
  const supported = Intl.DateTimeFormat.supportedLocalesOf(TAGS);
  return [
    { value: AS_COUNTRY, label: `As the shop’s country (${sampleOf(localeForCountry(country))})` },
    ...supported.map((tag) => ({ value: tag, label: `${names.of(tag) ?? tag} (${sampleOf(tag)})` })),
  ];
}
