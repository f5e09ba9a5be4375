/**
 * One clock for the shop: the day a person works at a location, Today's open items and the
 * life-event day follow the shop's time zone setting, like the appointment book, and the
 * machine's zone only while the shop has none.
 */
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, testClock } from '../helpers/app';

describe('the shop’s time zone', () => {
  it('decides which day it is for the working location, as for the appointment book', async () => {
    // 20:00 UTC on 2 March: still the 2nd on the machine (UTC), already the 3rd in Tokyo.
    const app = await startApp({ now: testClock('2026-03-02T20:00:00.000Z').now, timeZone: 'UTC' });
    const admin = await setUpShop(app);
    const north = await admin.ok('location-create', { name: 'North' });
    const picked = async () => {
      await admin.ok('session-location-set', { locationId: north.id });
      return (await admin.ok('audit-list', { action: 'staff.working-location', limit: 1 })).items[0]!.after;
    };
    expect(await picked()).toEqual({ locationId: north.id, day: '2026-03-02' });
    await admin.ok('settings-update', { timeZone: 'Asia/Tokyo' });
    expect(await picked()).toEqual({ locationId: north.id, day: '2026-03-03' });
    expect((await admin.ok('appointment-range', { by: { staffId: 1 }, from: '2026-03-03', days: 1 })).days[0]!.startAt).toBe('2026-03-02T15:00:00.000Z');
  });
});
