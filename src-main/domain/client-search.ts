/**
 * What a typed search looks for, decided without I/O: word prefixes (FTS5 unicode61,
 * accents folded), a substring (FTS5 trigram, three characters or more), a run of a phone's
 * digits anywhere in it (FTS5 trigram over the digits reversed) or a whole phone (E.164), and
 * an exact email shown first.
 */
import { getCountryCallingCode, Metadata, type CountryCode } from 'libphonenumber-js';
import { normalisePhone } from './phone';

/** What a search looks for, prepared once from the typed text. */
export interface SearchPlan {
  /** FTS5 expression of word prefixes ("jo"* "sm"*), or null when the text has no words. */
  prefix: string | null;
  /** FTS5 trigram phrase for substrings, when the text is three characters or more. */
  substring: string | null;
  /** FTS5 trigram expression over the phone key (digits reversed): phones holding the typed digits anywhere. */
  phoneDigits: string | null;
  /** The text as an E.164 number, when it reads as a whole phone number. */
  phoneE164: string | null;
  /** The text as an email, matched exactly and shown first. */
  email: string | null;
}

/** A search with more words than this uses the first ones: names rarely have more. */
const MAX_WORDS = 6;
/** Fewer typed digits than this match too many phones to be useful (and trigrams need three). */
const MIN_PHONE_DIGITS = 3;
const PHONE_LIKE = /^[\d\s()+.\-/]+$/;
/**
 * A whole address typed (a dot after the @): the exact match and the ANDed words find it;
 * a trigram phrase over "gmail.com" would read the huge lists of its common trigrams.
 */
const WHOLE_EMAIL = /@[^@\s]*\./;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const reversed = (s: string) => [...s].reverse().join('');
const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, MAX_WORDS);

/** The country's calling code and national (trunk) prefix: 44 and 0 for GB, 1 and 1 for US. */
function dialling(country: string): { cc: string; trunk: string | null } | null {
  try {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(country as CountryCode);
    // Declared by the library's types only as an opaque plan; nationalPrefix() is its documented reader.
    const plan = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined };
    return { cc: getCountryCallingCode(country as CountryCode), trunk: plan.nationalPrefix() || null };
  } catch {
    return null;
  }
}

/**
 * The digit runs a phone holding the typed ones may have in its key, which holds the E.164
 * digits when libphonenumber read the phone and the typed digits when it did not: as typed;
 * an international "+44 7911" or "0044 7911" also as 447911 and, in a UK shop, as the
 * national 07911; a national "07911" also as 447911. Each reversed as the key is, joined
 * into one FTS5 OR expression (trigram phrases need three digits).
 */
function phoneDigitRuns(text: string, digits: string, defaultCountry: string): string | null {
  const plan = dialling(defaultCountry);
  const runs = new Set([digits]);
  const international = text.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    runs.add(international);
    if (plan?.trunk && international.startsWith(plan.cc)) runs.add(plan.trunk + international.slice(plan.cc.length));
  } else if (plan?.trunk && digits.startsWith(plan.trunk)) {
    runs.add(plan.cc + digits.slice(plan.trunk.length));
  }
  const usable = [...runs].filter((run) => run.length >= MIN_PHONE_DIGITS);
  return usable.length ? usable.map((run) => quote(reversed(run))).join(' OR ') : null;
}

/**
 * `contact: false` for a role that may not see contact details: it may not find clients by
 * them either, so only names are searched.
 */
export function planSearch(text: string, defaultCountry: string, contact = true): SearchPlan {
  const q = text.trim();
  const words = wordsOf(q);
  const digits = q.replace(/\D/g, '');
  const phoneLike = PHONE_LIKE.test(q) && digits.length >= MIN_PHONE_DIGITS;
  // Text with an @ is an email: someone who may not see emails finds nothing by one.
  if (!contact && q.includes('@')) return { prefix: null, substring: null, phoneDigits: null, phoneE164: null, email: null };
  const names = (expr: string) => (contact ? expr : `{first_name last_name} : (${expr})`);
  // A whole address typed: the exact match comes first, and the words of its local part
  // (whole words, they are typed out) find the same person under another address. Its
  // domain's words would read huge lists ("gmail", "com": 4-11 ms against 0.1-0.2 ms).
  const wholeEmail = WHOLE_EMAIL.test(q);
  const terms = wholeEmail ? wordsOf(q.slice(0, q.lastIndexOf('@'))).map(quote) : words.map((w) => `${quote(w)}*`);
  return {
    prefix: terms.length ? names(terms.join(' ')) : null,
    // The trigram tokenizer needs three characters to use its index; code points, not UTF-16 units.
    substring: [...q].length >= 3 && !phoneLike && !WHOLE_EMAIL.test(q) ? names(quote(q)) : null,
    phoneDigits: contact && phoneLike ? phoneDigitRuns(q, digits, defaultCountry) : null,
    phoneE164: contact && phoneLike && digits.length >= 7 ? normalisePhone(q, defaultCountry).e164 : null,
    email: contact && q.includes('@') ? q : null,
  };
}
