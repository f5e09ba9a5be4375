/**
 * Reports (seed 004): how many clients were added and how many of them converted from Guest
 * to Existing, how many became Existing, appointments completed and no-shows, by the shop's
 * local weeks (Monday first) or months, per location or per associate; and the clients who
 * have lapsed (a visit, but none in the last N days). Every count is within the asking
 * person's reach, so an Associate's report counts their clients and appointments only.
 *
 * Groups: per location, a client counts at their home location and an appointment where it
 * takes place; per associate, a client under their primary staff (or Unassigned) and an
 * appointment under the staff member it is with.
 */
import type { ClientReport, LapsedRow, ParsedInput, ReportGroup, ReportPeriodSpan, ReportRow } from '../../src-preload/contract';
import { excelCsv } from '../csv/write';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { appointmentCounts, clientCounts, groupNames, lapsedCounts, type PeriodBounds } from '../db/queries/reports.queries';
import { addDays, localDate } from '../domain/calendar';
import { decide, type Actor } from '../domain/permissions';
import { dayBounds } from '../domain/shop-time';
import { forbidden } from './errors';
import type { SettingsService } from './settings.service';

type ReportInput = ParsedInput<'report-run'>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week of a Monday: the week belongs to the year its Thursday falls in. */
function isoWeekLabel(monday: string): string {
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** Whole weeks or months covering [from, to], as shop-local days. */
export function reportPeriods(from: string, to: string, period: 'week' | 'month'): ReportPeriodSpan[] {
  const spans: ReportPeriodSpan[] = [];
  if (period === 'week') {
    const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
    for (let start = addDays(from, -weekday); start <= to; start = addDays(start, 7)) {
      spans.push({ from: start, to: addDays(start, 6), label: isoWeekLabel(start) });
    }
    return spans;
  }
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const start = `${y}-${pad(m)}-01`;
    if (start > to) break;
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    spans.push({ from: start, to: addDays(`${ny}-${pad(nm)}-01`, -1), label: `${y}-${pad(m)}` });
    [y, m] = [ny, nm];
  }
  return spans;
}

export function createReportsService(db: Db, now: () => Date, settings: SettingsService) {
  async function run(actor: Actor, input: ReportInput): Promise<ClientReport> {
    const tz = settings.timeZone();
    const periods = reportPeriods(input.from, input.to, input.period);
    const bounds: PeriodBounds[] = periods.map((p) => ({ label: p.label, startAt: dayBounds(p.from, tz).startAt, endAt: dayBounds(p.to, tz).endAt }));
    const { added, became } = await clientCounts(db, actor.scope, bounds, input.groupBy);
    const visits = await appointmentCounts(db, actor, bounds, input.groupBy);

    const rows = new Map<string, ReportRow>();
    const row = (period: string, groupId: number | null): ReportRow => {
      const key = `${period}|${groupId ?? ''}`;
      let r = rows.get(key);
      if (!r) {
        r = { period, group: { id: groupId, name: '' }, newClients: 0, newConverted: 0, becameExisting: 0, completed: 0, noShows: 0 };
        rows.set(key, r);
      }
      return r;
    };
    for (const a of added) Object.assign(row(a.period, a.group_id), { newClients: Number(a.new_clients), newConverted: Number(a.new_converted) });
    for (const b of became) row(b.period, b.group_id).becameExisting = Number(b.became_existing);
    for (const v of visits) Object.assign(row(v.period, v.group_id), { completed: Number(v.completed), noShows: Number(v.no_shows) });

    const today = localDate(now(), tz);
    let lapsed: ClientReport['lapsed'] = null;
    const lapsedRows: LapsedRow[] = [];
    // The last visit is purchase history: a role that hides it is not told who lapsed, even as a count.
    const seesVisits = !actor.hiddenFields.has('purchases');
    if (seesVisits) {
      const before = dayBounds(addDays(today, -input.lapsedDays + 1), tz).startAt;
      for (const l of await lapsedCounts(db, actor.scope, before, input.groupBy)) lapsedRows.push({ group: { id: l.group_id, name: '' }, count: Number(l.count) });
      lapsed = { days: input.lapsedDays, asOf: today, rows: lapsedRows };
    }

    const ids = [...new Set([...rows.values(), ...lapsedRows].map((r) => r.group.id).filter((id): id is number => id !== null))];
    const names = await groupNames(db, input.groupBy, ids);
    const none = input.groupBy === 'location' ? 'No location' : 'Unassigned';
    const name = (g: ReportGroup) => {
      g.name = g.id === null ? none : (names.get(g.id) ?? `#${g.id}`);
    };
    const order = new Map(periods.map((p, i) => [p.label, i]));
    const sorted = [...rows.values()].sort((a, b) => order.get(a.period)! - order.get(b.period)! || byGroup(a.group, b.group, names));
    sorted.forEach((r) => name(r.group));
    lapsedRows.forEach((r) => name(r.group));
    lapsedRows.sort((a, b) => byGroup(a.group, b.group, names));
    return { timeZone: tz, period: input.period, groupBy: input.groupBy, periods, rows: sorted, lapsed };
  }

  return {
    run,

    /** The report as CSV (formula-safe, Excel-friendly), one line per period and group, then the lapsed clients per group. */
    async export(actor: Actor, input: ReportInput): Promise<{ filename: string; csv: string; rows: number }> {
      const d = decide(actor, 'export');
      if (!d.allowed) throw forbidden(d.reason, d.code);
      const report = await run(actor, input);
      const spans = new Map(report.periods.map((p) => [p.label, p]));
      const groupHeader = input.groupBy === 'location' ? 'Location' : 'Associate';
      const header = ['Period', 'From', 'To', groupHeader, 'New clients', 'New clients now Existing', 'Became Existing', 'Appointments completed', 'No-shows', 'Lapsed clients'];
      const body = report.rows.map((r) => {
        const p = spans.get(r.period)!;
        return [r.period, p.from, p.to, r.group.name, String(r.newClients), String(r.newConverted), String(r.becameExisting), String(r.completed), String(r.noShows), ''];
      });
      if (report.lapsed) {
        const label = `No visit in ${report.lapsed.days} days`;
        for (const l of report.lapsed.rows) body.push([label, '', report.lapsed.asOf, l.group.name, '', '', '', '', '', String(l.count)]);
      }
      await insertAudit(db, {
        actorId: actor.id,
        action: 'report.export',
        entity: 'report',
        entityId: null,
        after: { from: input.from, to: input.to, period: input.period, groupBy: input.groupBy, lapsedDays: input.lapsedDays, rows: body.length },
        at: now().toISOString(),
      });
      return { filename: `clientele-report-${input.period}-${input.from}-${input.to}.csv`, csv: excelCsv(header, body), rows: body.length };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;

function byGroup(a: ReportGroup, b: ReportGroup, names: Map<number, string>): number {
  if (a.id === b.id) return 0;
  if (a.id === null) return 1;
  if (b.id === null) return -1;
  return (names.get(a.id) ?? '').localeCompare(names.get(b.id) ?? '') || a.id - b.id;
}
