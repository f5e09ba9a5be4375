/**
 * The calendar's reading of the shop's clock and where appointments sit: wall times on a
 * local day become the right instants across daylight-saving changes, skipped times are
 * not on the clock, and overlapping appointments share a day side by side.
 */
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../src-preload/contract';
import { nextPlaced, placeItems } from '../../src-renderer/screens/calendar/layout';
import { addDays, localParts, nextBookableStart, onTheClock, shopToday, toInstant, weekStart } from '../../src-renderer/shopClock';

const NY = 'America/New_York';

describe('the shop’s clock', () => {
  it('turns a wall time into the instant it is in the shop’s zone, on either side of a change', () => {
    expect(toInstant('2026-03-07', '10:00', NY)).toBe('2026-03-07T15:00:00.000Z');
    expect(toInstant('2026-03-08', '10:00', NY)).toBe('2026-03-08T14:00:00.000Z');
    expect(toInstant('2026-11-01', '10:00', NY)).toBe('2026-11-01T15:00:00.000Z');
    expect(toInstant('2026-03-08', '10:00', 'Europe/Paris')).toBe('2026-03-08T09:00:00.000Z');
  });

  it('knows the hour a spring-forward skips is not on the clock, and takes the first of a repeated hour', () => {
    expect(onTheClock('2026-03-08', '02:00', NY)).toBe(false);
    expect(onTheClock('2026-03-08', '02:30', NY)).toBe(false);
    expect(onTheClock('2026-03-08', '03:00', NY)).toBe(true);
    expect(onTheClock('2026-11-01', '01:30', NY)).toBe(true);
    expect(toInstant('2026-11-01', '01:30', NY)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads an instant as the shop’s local date and time, and today as the shop’s day', () => {
    expect(localParts('2026-03-09T03:30:00Z', NY)).toMatchObject({ date: '2026-03-08', time: '23:30' });
    expect(shopToday('Pacific/Auckland', new Date('2026-06-01T13:00:00Z'))).toBe('2026-06-02');
    expect(shopToday(NY, new Date('2026-06-01T03:00:00Z'))).toBe('2026-05-31');
  });

  it('starts weeks on Monday and counts days across month ends', () => {
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });
});

const appt = (id: number, date: string, start: string, minutes: number): Appointment =>
  ({ id, local: { date, start, end: '', endDate: date }, durationMinutes: minutes }) as Appointment;

describe('placeItems', () => {
  const dates = ['2026-03-02', '2026-03-03'];

  it('puts each appointment in its day’s column at its wall-clock minutes, and leaves out other days', () => {
    const placed = placeItems([appt(1, '2026-03-03', '10:30', 45), appt(2, '2026-03-09', '10:00', 30)], dates);
    expect(placed).toEqual([expect.objectContaining({ column: 1, top: 630, bottom: 675, lane: 0, lanes: 1 })]);
  });

  it('gives overlapping appointments their own lanes, and the next free one after', () => {
    const placed = placeItems([appt(1, '2026-03-02', '10:00', 60), appt(2, '2026-03-02', '10:30', 60), appt(3, '2026-03-02', '11:00', 30), appt(4, '2026-03-02', '12:00', 30)], dates);
    const byId = Object.fromEntries(placed.map((p) => [p.item.id, [p.lane, p.lanes]]));
    expect(byId).toEqual({ 1: [0, 2], 2: [1, 2], 3: [0, 2], 4: [0, 1] });
  });

  it('moves the keyboard by time within a day and to the nearest in time on the next day', () => {
    const placed = placeItems([appt(1, '2026-03-02', '09:00', 30), appt(2, '2026-03-02', '14:00', 30), appt(3, '2026-03-03', '08:00', 30), appt(4, '2026-03-03', '13:30', 30)], dates);
    const at = (id: number) => placed.find((p) => p.item.id === id)!;
    expect(nextPlaced(placed, at(1), 'ArrowDown')?.item.id).toBe(2);
    expect(nextPlaced(placed, at(1), 'ArrowUp')).toBeNull();
    expect(nextPlaced(placed, at(2), 'ArrowRight')?.item.id).toBe(4);
    expect(nextPlaced(placed, at(3), 'ArrowLeft')?.item.id).toBe(1);
    expect(nextPlaced(placed, at(4), 'ArrowRight')).toBeNull();
  });
});

describe('nextBookableStart', () => {
  it('offers the next whole hour on the shop’s clock, or 10:00 the next day once the evening has come', () => {
    expect(nextBookableStart(NY, new Date('2026-03-08T14:20:00Z'))).toEqual({ date: '2026-03-08', time: '11:00' });
    expect(nextBookableStart(NY, new Date('2026-03-09T00:10:00Z'))).toEqual({ date: '2026-03-09', time: '10:00' });
    expect(nextBookableStart('Europe/Paris', new Date('2026-06-01T16:59:00Z'))).toEqual({ date: '2026-06-01', time: '19:00' });
  });
});
