import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalisedPhone {
  /** As the person typed it, trimmed. */
  typed: string;
  /** E.164 when the number is valid for the given or default country, else null (flagged). */
  e164: string | null;
}

/**
 * A phone that cannot be normalised is kept as typed with no E.164: half of a shop's
 * phones may be national formats, and losing them would be worse than flagging them.
 */
export function normalisePhone(typed: string, defaultCountry: string): NormalisedPhone {
  const parsed = parsePhoneNumberFromString(typed, defaultCountry as CountryCode);
  return { typed, e164: parsed && parsed.isValid() ? parsed.number : null };
}
