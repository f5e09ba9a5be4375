/**
 * The contract's channels for reports (seed 004: "track how many convert", "reporting"):
 * new clients, Guest to Existing conversion, appointments completed and no-shows, by week or
 * month, per location or per associate, and the clients who have lapsed; each counted
 * within the asking person's scope, and the same table as a CSV file. Composed into
 * `contract` in index.ts.
 *
 * Periods are the shop's local weeks (Monday first) and months in its time zone.
 */
import { z } from 'zod';
import { isoDate, returns } from '../fields';
import { channel } from './shared';

export const REPORT_PERIODS = ['week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_GROUPS = ['location', 'staff'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];

/** The longest span a report covers, in days: two years of weeks is about 105 columns of rows. */
export const REPORT_MAX_DAYS = 800;

export interface ReportPeriodSpan {
  /** The period's first and last shop-local day. */
  from: string;
  to: string;
  /** "2026-W10" for a week, "2026-03" for a month. */
  label: string;
}

/** A location, a staff member, or null: no home location, or Unassigned. */
export interface ReportGroup {
  id: number | null;
  name: string;
}

export interface ReportRow {
  period: string;
  group: ReportGroup;
  /** Clients added in the period. */
  newClients: number;
  /** Of those, how many are Existing now (have had a booking or purchase). */
  newConverted: number;
  /** Clients whose first visit fell in the period: they became Existing then. */
  becameExisting: number;
  /** Appointments starting in the period, by their status now. */
  completed: number;
  noShows: number;
}

export interface LapsedRow {
  group: ReportGroup;
  count: number;
}

export interface ClientReport {
  timeZone: string;
  period: ReportPeriod;
  groupBy: ReportGroupBy;
  periods: ReportPeriodSpan[];
  /** One row per period and group that has anything to count, periods in order. */
  rows: ReportRow[];
  /**
   * Clients with a visit, none in the last `days` days (as of today), per group. Null when the
   * person's role hides purchase history (the last visit belongs to it).
   */
  lapsed: { days: number; asOf: string; rows: LapsedRow[] } | null;
}

const reportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    period: z.enum(REPORT_PERIODS),
    groupBy: z.enum(REPORT_GROUPS),
    lapsedDays: z.number().int().min(1, 'Lapsed after at least 1 day').max(3650, 'Lapsed after at most 3650 days').default(90),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'The first day must come before the last', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= REPORT_MAX_DAYS * 86_400_000, {
    message: `A report covers at most ${REPORT_MAX_DAYS} days`,
    path: ['to'],
  });

export const reportChannels = {
  'report-run': channel({
    input: reportInput,
    output: returns<ClientReport>(),
    sample: { from: '2026-01-01', to: '2026-03-31', period: 'month', groupBy: 'location', lapsedDays: 90 },
  }),
  'report-export': channel({
    input: reportInput,
    output: returns<{ filename: string; csv: string; rows: number }>(),
    sample: { from: '2026-02-02', to: '2026-03-01', period: 'week', groupBy: 'staff', lapsedDays: 60 },
  }),
} as const;
