/**
 * The contract's channel for calendar files: a staff member's or a location's appointments
 * over a range of the shop's local days as an iCalendar (.ics) file, for a phone's or a
 * desktop's calendar. Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { id, isoDate, returns } from '../fields';
import { channel } from './shared';

/** The longest range a calendar file covers, in days. */
export const CALENDAR_FILE_MAX_DAYS = 400;

export const calendarFileChannels = {
  'appointment-ics': channel({
    input: z
      .object({
        by: z.union([z.object({ staffId: id }).strict(), z.object({ locationId: id }).strict()]),
        /** The first and last shop-local day. */
        from: isoDate,
        to: isoDate,
        /** Cancelled appointments go in as STATUS:CANCELLED, so a calendar that imported them before drops them. */
        includeCancelled: z.boolean().default(true),
      })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'The first day must come before the last', path: ['to'] })
      .refine((r) => Date.parse(r.to) - Date.parse(r.from) < CALENDAR_FILE_MAX_DAYS * 86_400_000, {
        message: `A calendar file covers at most ${CALENDAR_FILE_MAX_DAYS} days`,
        path: ['to'],
      }),
    output: returns<{ filename: string; ics: string; count: number }>(),
    sample: { by: { staffId: 1 }, from: '2026-03-01', to: '2026-03-31' },
  }),
} as const;
