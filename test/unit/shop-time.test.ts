import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { dayBounds, localParts, localToInstant, withinHours } from '../../src-main/domain/shop-time';

describe('the shop’s clock', () => {
  it('reads instants the way TZDate does, over two years and at each side of DST changes, in zones with whole-, half- and no-DST offsets', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const expected = (ms: number, zone: string) => {
      const t = new TZDate(ms, zone);
      return { date: `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`, time: `${pad(t.getHours())}:${pad(t.getMinutes())}`, weekday: t.getDay() === 0 ? 7 : t.getDay(), minutes: t.getHours() * 60 + t.getMinutes() };
    };
    // The minutes either side of changes: New York and Paris (whole hours), Lord Howe (half an hour, at :30 UTC).
    const edges = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'].flatMap((e) => [-60_000, 0, 60_000].map((d) => Date.parse(e) + d));
    for (const zone of ['America/New_York', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'UTC']) {
      const instants = [...edges];
      // Every 97 minutes of two years: each minute of the hour comes round.
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 97 * 60_000) instants.push(ms);
      expect(instants.map((ms) => localParts(new Date(ms), zone)), zone).toEqual(instants.map((ms) => expected(ms, zone)));
    }
  });

  it('makes local days 23 and 25 hours long across the changes, and moves a skipped wall time forward', () => {
    expect(dayBounds('2026-03-08', 'America/New_York')).toEqual({ startAt: '2026-03-08T05:00:00.000Z', endAt: '2026-03-09T04:00:00.000Z' });
    expect(dayBounds('2026-11-01', 'America/New_York')).toEqual({ startAt: '2026-11-01T04:00:00.000Z', endAt: '2026-11-02T05:00:00.000Z' });
    // Santiago skips its midnight: the day starts at 01:00.
    expect(dayBounds('2026-09-06', 'America/Santiago').startAt).toBe('2026-09-06T04:00:00.000Z');
    expect(localToInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localToInstant('2026-03-08', '24:00', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('keeps an appointment within a day’s hours by the wall clock, up to a closing at midnight', () => {
    const hours = { opens: '09:00', closes: '24:00' };
    expect(withinHours('2026-03-08T13:00:00.000Z', '2026-03-09T04:00:00.000Z', hours, 'America/New_York')).toBe(true);
    expect(withinHours('2026-03-08T13:00:00.000Z', '2026-03-09T04:15:00.000Z', hours, 'America/New_York')).toBe(false);
    expect(withinHours('2026-03-08T12:45:00.000Z', '2026-03-08T13:15:00.000Z', hours, 'America/New_York')).toBe(false);
    expect(withinHours('2026-03-08T13:00:00.000Z', '2026-03-08T13:30:00.000Z', null, 'America/New_York')).toBe(false);
  });
});
