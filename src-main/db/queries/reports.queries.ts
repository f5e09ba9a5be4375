/**
 * The counts behind reports, each within a person's reach: clients through the scoped base
 * query (`clientsFor`), appointments through the appointment book's own reach (`withinReach`).
 * Periods arrive as one JSON array of [startAt, endAt) instants and are joined with
 * json_each, so one statement counts every period and group.
 *
 * Deleted clients still count (the Trash keeps them for reporting); a merged-away record
 * does not (it was a duplicate of the survivor, which counts).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { withinReach, type Viewer } from './appointments.queries';
import { clientsFor } from './scope';

export interface PeriodBounds {
  label: string;
  startAt: string;
  endAt: string;
}

export type GroupBy = 'location' | 'staff';

/** The whole span of the periods, so each row outside it is dropped before the periods are looked at. */
const span = (periods: PeriodBounds[]) => ({ startAt: periods[0]?.startAt ?? '', endAt: periods[periods.length - 1]?.endAt ?? '' });

const periodsTable = (periods: PeriodBounds[]) => sql<{ value: string }>`json_each(${JSON.stringify(periods)})`.as('p');
const periodLabel = sql<string>`p.value ->> 'label'`;
const inPeriod = (column: RawBuilder<string>) => sql<SqlBool>`${column} >= p.value ->> 'startAt' AND ${column} < p.value ->> 'endAt'`;

const clientGroup = (by: GroupBy) => (by === 'location' ? sql<number | null>`clients.home_location_id` : sql<number | null>`clients.assigned_staff_id`);

/** Per period and group: clients added, how many of them are Existing now, and how many became Existing. */
export async function clientCounts(db: Executor, scope: ClientScope, periods: PeriodBounds[], by: GroupBy) {
  const group = clientGroup(by);
  const added = await clientsFor(db, scope)
    .innerJoin(periodsTable(periods), (j) => j.on(inPeriod(sql`clients.created_at`)))
    .select([periodLabel.as('period'), group.as('group_id'), sql<number>`count(*)`.as('new_clients'), sql<number>`sum(clients.first_visit_at != '')`.as('new_converted')])
    .where('clients.created_at', '>=', span(periods).startAt)
    .where('clients.created_at', '<', span(periods).endAt)
    .where('clients.merged_into_id', 'is', null)
    .groupBy([sql`1`, sql`2`])
    .execute();
  const became = await clientsFor(db, scope)
    .innerJoin(periodsTable(periods), (j) => j.on(sql<SqlBool>`clients.first_visit_at != '' AND ${inPeriod(sql`clients.first_visit_at`)}`))
    .select([periodLabel.as('period'), group.as('group_id'), sql<number>`count(*)`.as('became_existing')])
    .where('clients.first_visit_at', '>=', span(periods).startAt)
    .where('clients.first_visit_at', '<', span(periods).endAt)
    .where('clients.merged_into_id', 'is', null)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return { added, became };
}

/** Per period and group: appointments starting in the period that were completed, and no-shows. */
export function appointmentCounts(db: Executor, viewer: Viewer, periods: PeriodBounds[], by: GroupBy) {
  const group = by === 'location' ? sql<number>`appointments.location_id` : sql<number>`appointments.staff_id`;
  return db
    .selectFrom('appointments')
    .innerJoin('clients', 'clients.id', 'appointments.client_id')
    .innerJoin(periodsTable(periods), (j) => j.on(inPeriod(sql`appointments.start_at`)))
    .select([
      periodLabel.as('period'),
      group.as('group_id'),
      sql<number>`sum(appointments.status = 'completed')`.as('completed'),
      sql<number>`sum(appointments.status = 'no_show')`.as('no_shows'),
    ])
    .where('appointments.start_at', '>=', span(periods).startAt)
    .where('appointments.start_at', '<', span(periods).endAt)
    .where('appointments.status', 'in', ['completed', 'no_show'])
    .where((eb) => withinReach(eb, viewer))
    .groupBy([sql`1`, sql`2`])
    .execute();
}

/** Live clients in scope with a visit, the last one before `before`, per group. */
export function lapsedCounts(db: Executor, scope: ClientScope, before: string, by: GroupBy) {
  return clientsFor(db, scope)
    .select([clientGroup(by).as('group_id'), sql<number>`count(*)`.as('count')])
    .where('clients.deleted_at', 'is', null)
    .where('clients.last_visit_at', '!=', '')
    .where('clients.last_visit_at', '<', before)
    .groupBy(sql`1`)
    .execute();
}

/** The names of the groups a report shows. */
export async function groupNames(db: Executor, by: GroupBy, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    by === 'location'
      ? await db.selectFrom('locations').select(['id', 'name']).where('id', 'in', ids).execute()
      : await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
