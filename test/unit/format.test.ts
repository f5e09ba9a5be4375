import { describe, expect, it } from 'vitest';
import { countOf, datePickerPattern, formatCalendarDate, formatDate, localeForCountry, setFormatLocale, shopLocale } from '../../src-renderer/format';
import { formatMoney } from '../../src-renderer/money';

describe('countOf', () => {
  it('puts the noun in the singular for one, in the plural otherwise, and groups digits as the locale does', () => {
    expect(countOf(1, 'warning')).toBe('1 warning');
    expect(countOf(0, 'warning')).toBe('0 warnings');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(countOf(1, 'person', 'people')).toBe('1 person');
    expect(countOf(456_790, 'warning')).toBe(`${(456_790).toLocaleString()} warnings`);
  });
});

describe('the shop’s format', () => {
  it('follows the country unless the shop chose one, and every formatter follows it', () => {
    expect(localeForCountry('GB')).toBe('en-GB');
    expect(localeForCountry('DE')).toBe('de-DE');
    expect(localeForCountry('CH')).toBe('de-CH');
    expect(shopLocale({ defaultCountry: 'FR', formatLocale: null })).toBe('fr-FR');
    expect(shopLocale({ defaultCountry: 'FR', formatLocale: 'en-GB' })).toBe('en-GB');
    try {
      setFormatLocale('de-DE');
      expect(formatCalendarDate('1985-04-03')).toBe('03.04.1985');
      expect(formatMoney(123450)).toBe('1.234,50');
      expect(countOf(456_790, 'Kunde', 'Kunden')).toBe('456.790 Kunden');
      setFormatLocale('en-GB');
      expect(formatCalendarDate('1985-04-03')).toBe('3 Apr 1985');
      expect(formatDate('2026-03-31T12:00:00.000Z')).toBe('31 Mar 2026');
    } finally {
      setFormatLocale(undefined);
    }
  });
});

describe('the date pickers’ pattern', () => {
  it('writes the numeric date in the shop’s order, with its separators kept literally', () => {
    try {
      const pattern = (tag: string) => {
        setFormatLocale(tag);
        return datePickerPattern();
      };
      expect(pattern('en-GB')).toBe('DD[/]MM[/]YYYY');
      expect(pattern('en-US')).toBe('MM[/]DD[/]YYYY');
      expect(pattern('de-DE')).toBe('DD[.]MM[.]YYYY');
    } finally {
      setFormatLocale(undefined);
    }
  });
});
