/** Today's appointment cards flag a birthday coming up within two weeks of the shop's day. */
import { describe, expect, it } from 'vitest';
import { daysToBirthday } from '../../src-renderer/screens/today/birthdaySoon';

describe('daysToBirthday', () => {
  it('counts the days to a birthday with or without a year, across a year end', () => {
    expect(daysToBirthday('1985-12-06', '2026-12-06')).toBe(0);
    expect(daysToBirthday('--12-10', '2026-12-06')).toBe(4);
    expect(daysToBirthday('--01-02', '2026-12-25')).toBe(8);
  });

  it('says nothing of a birthday further off, just past, or unknown', () => {
    expect(daysToBirthday('--12-21', '2026-12-06')).toBeNull();
    expect(daysToBirthday('--12-05', '2026-12-06')).toBeNull();
    expect(daysToBirthday(null, '2026-12-06')).toBeNull();
  });

  it('keeps 29 February on the 28th in a year without one', () => {
    expect(daysToBirthday('--02-29', '2027-02-20')).toBe(8);
    expect(daysToBirthday('--02-29', '2028-02-20')).toBe(9);
  });
});
