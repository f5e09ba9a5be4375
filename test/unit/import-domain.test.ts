import { describe, expect, it } from 'vitest';
import { headerSetKey, recogniseHeaders } from '../../src-main/domain/import-fields';
import { normaliseRow, parseDate } from '../../src-main/domain/import-row';
import { detectDelimiter, detectEncoding } from '../../src-main/csv/read';
import { neutraliseFormula as neutralise } from '../../src-main/domain/spreadsheet';
import iconv from 'iconv-lite';
import { toAppError } from '../../src-main/services/errors';

describe('header recognition', () => {
  it('knows our headers, synonyms in any case and separator, and maps each field once', () => {
    expect(recogniseHeaders(['FIRST_NAME', 'surname', 'E-mail Address', 'Zip Code', 'Email'])).toEqual([
      'firstName', 'lastName', 'email', 'postalCode', null,
    ]);
    expect(headerSetKey(['B', 'a'])).toBe(headerSetKey(['A ', 'b']));
  });
});

describe('dates', () => {
  it('parses in the chosen day/month order, always accepts ISO, refuses impossible dates and two-digit years', () => {
    expect(parseDate('03/04/1990', 'dmy')).toBe('1990-04-03');
    expect(parseDate('03/04/1990', 'mdy')).toBe('1990-03-04');
    expect(parseDate('1990-4-3', 'mdy')).toBe('1990-04-03');
    expect(parseDate('1990.04.03', 'ymd')).toBe('1990-04-03');
    expect(parseDate('31/02/1990', 'dmy')).toBeNull();
    // Leap days by the Gregorian rule, and months and days out of range.
    expect(['29/02/2024', '29/02/2000', '29/02/1900', '29/02/2023'].map((v) => parseDate(v, 'dmy'))).toEqual(['2024-02-29', '2000-02-29', null, null]);
    expect(['31/04/1990', '00/04/1990', '12/13/1990', '31/12/1990', '2023-11-31'].map((v) => parseDate(v, 'dmy'))).toEqual([null, null, null, '1990-12-31', null]);
    expect(parseDate('03/04/90', 'dmy')).toBeNull();
    expect(parseDate('yesterday', 'ymd')).toBeNull();
  });
});

describe('row normalisation', () => {
  const ctx = (mapping: Parameters<typeof normaliseRow>[1]['mapping']) => ({
    headers: mapping.map((m, i) => m ?? `c${i}`),
    mapping,
    dateOrder: 'ymd' as const,
    at: '2026-01-01T00:00:00.000Z',
  });
  it('trims, strips a Shopify apostrophe, splits and dedupes tags, reads consent words', () => {
    const r = normaliseRow(['  Ana ', "'+1 212 555 0101", 'vip, VIP ,new', 'Yes', ''], ctx(['firstName', 'phone', 'tags', 'consentEmail', 'consentSms']));
    expect(r).toMatchObject({
      ok: true,
      row: { first_name: 'Ana', phone: '+1 212 555 0101', tags: ['vip', 'new'], consent_email: 1, consent_email_at: '2026-01-01T00:00:00.000Z', consent_sms: null },
    });
  });
  it('rejects naming the column: too long, bad consent; reads a country name, and warns of one that is none', () => {
    expect(normaliseRow(['A'.repeat(81)], ctx(['firstName']))).toEqual({ ok: false, column: 'firstName', reason: 'First name can be at most 80 characters' });
    expect(normaliseRow(['Ann', 'maybe'], ctx(['firstName', 'consentSms']))).toEqual({ ok: false, column: 'consentSms', reason: '"maybe" is not yes or no' });
    expect(normaliseRow(['Ann', 'France'], ctx(['firstName', 'country']))).toMatchObject({ ok: true, row: { country: 'FR' }, warnings: [] });
    expect(normaliseRow(['Ann', 'Francia x'], ctx(['firstName', 'country']))).toMatchObject({ ok: true, row: { country: null }, warnings: [{ column: 'country' }] });
  });
});

describe('detection and neutralising', () => {
  it('detects BOMs, UTF-8, Windows-1252 and the delimiter', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('Zoë,Köln\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode('Prénom;Ville\nZoë;Köln\nRenée;Besançon\n', 'windows-1252'))).toBe('windows-1252');
    expect(detectDelimiter('a;b;"c,d,e"\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
  it('reads UTF-16 saved without a byte-order mark as UTF-16, and still calls binary data binary', () => {
    const text = 'First name;City\nZoë;Köln\nRenée;Besançon\n';
    expect(detectEncoding(iconv.encode(text, 'utf-16le'))).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(text, 'utf-16be'))).toBe('utf-16be');
    const binary = Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? 0 : (i * 37) % 251)));
    expect(() => detectEncoding(binary)).toThrow('This looks like a binary file, not a CSV file.');
  });
  it('prefixes an apostrophe only to cells a spreadsheet would run', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx', 'a=1', "'x", ''].map(neutralise)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", 'a=1', "'x", '']);
  });
});

describe('a write that found the book busy', () => {
  it('is refused as unavailable, to try again, saying the book is busy, never naming an import it does not know of', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']) {
      expect(toAppError(Object.assign(new Error('database is locked'), { code }))).toEqual({
        code: 'UNAVAILABLE',
        message: 'The book is busy: another change held it for more than 5 seconds. Nothing was changed; try again.',
        details: { retryable: true },
      });
    }
    expect(toAppError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), { writer: 'An import' })).toEqual({
      code: 'UNAVAILABLE',
      message: 'An import is writing to the book right now. Nothing was changed; try again when it has finished.',
      details: { retryable: true },
    });
  });
});
