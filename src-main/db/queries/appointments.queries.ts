/**
 * Appointments as a person may see them, and the writes the appointment service makes.
 *
 * Reach: everyone whose scope is the whole book sees every appointment; anyone else sees
 * the appointments with them, those at their locations when their scope is by location, and
 * those of the clients in their scope (the same `visibleTo` condition every client read
 * applies). A client's fields come from the client-field catalogue: a field in a group the
 * viewer's role hides is never selected.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { CLIENT_FIELDS, type ClientColumn } from '../../domain/client-fields';
import type { Actor } from '../../domain/permissions';
import type { Executor } from '../connection';
import type { AppointmentsTable, Database } from '../schema';
import type { Insertable, Updateable } from 'kysely';
import { visibleTo } from './scope';

/** Who sees what: the parts of the actor the reach depends on. */
export type Viewer = Pick<Actor, 'id' | 'scope' | 'hiddenFields'>;

type AppointmentEb = ExpressionBuilder<Database, 'appointments' | 'clients'>;

export function withinReach(eb: AppointmentEb, viewer: Viewer): Expression<SqlBool> {
  const scope = viewer.scope;
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [eb('appointments.staff_id', '=', viewer.id)];
  if (scope.kind === 'locations' && scope.locationIds.length) parts.push(eb('appointments.location_id', 'in', scope.locationIds));
  parts.push(visibleTo(eb, scope));
  return eb.or(parts);
}

/** The client columns an appointment shows; each is selected only when the viewer's role sees its group. */
const CLIENT_COLUMNS = ['first_name', 'last_name', 'email', 'phone', 'first_visit_at'] as const satisfies readonly ClientColumn[];
type ShownClientColumn = (typeof CLIENT_COLUMNS)[number];

export type AppointmentRecord = {
  id: number;
  version: number;
  client_id: number;
  staff_id: number;
  location_id: number;
  service_id: number | null;
  start_at: string;
  end_at: string;
  duration_minutes: number;
  notes: string | null;
  booked_through: AppointmentsTable['booked_through'];
  status: 'booked' | 'arrived' | 'completed' | 'no_show' | 'cancelled';
  cancel_reason: string | null;
  override_reason: string | null;
  interaction_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
} & { [C in ShownClientColumn as `client_${C}`]: string | null };

/**
 * Appointments with their client's shown fields, within the viewer's reach, live clients
 * only. Staff, location and service names come from `bookNames` rather than joins: a
 * location's week is thousands of rows, and each join was a probe per row.
 */
export function appointmentsFor(db: Executor, viewer: Viewer) {
  const hidden = viewer.hiddenFields;
  const clientColumns = CLIENT_COLUMNS.map((c) => {
    const group = CLIENT_FIELDS[c].group;
    return group === null || !hidden.has(group) ? sql<string | null>`clients.${sql.ref(c)}`.as(`client_${c}`) : sql<null>`NULL`.as(`client_${c}`);
  });
  return db
    .selectFrom('appointments')
    .innerJoin('clients', 'clients.id', 'appointments.client_id')
    .select([
      'appointments.id',
      'appointments.version',
      'appointments.client_id',
      'appointments.staff_id',
      'appointments.location_id',
      'appointments.service_id',
      'appointments.start_at',
      'appointments.end_at',
      'appointments.duration_minutes',
      'appointments.notes',
      'appointments.booked_through',
      'appointments.status',
      'appointments.cancel_reason',
      'appointments.override_reason',
      'appointments.interaction_id',
      'appointments.created_by',
      'appointments.created_at',
      'appointments.updated_at',
    ])
    .select(clientColumns)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => withinReach(eb, viewer));
}

export async function findAppointment(db: Executor, viewer: Viewer, id: number): Promise<AppointmentRecord | undefined> {
  return (await appointmentsFor(db, viewer).where('appointments.id', '=', id).executeTakeFirst());
}

/**
 * Every appointment of one client, cancelled ones too, oldest first, with the client's fields
 * as `hidden` allows: for the access-request export, whose caller has already found the
 * client in their scope (the whole record of a client one may see, as with interactions).
 */
export async function allForClient(db: Executor, viewer: Viewer, clientId: number): Promise<AppointmentRecord[]> {
  return appointmentsFor(db, { ...viewer, scope: { kind: 'all' } })
    .where('appointments.client_id', '=', clientId)
    .orderBy('appointments.start_at')
    .orderBy('appointments.id')
    .execute();
}

/** The names an appointment shows: every staff member, location and service, by id (small tables, read whole). */
export async function bookNames(db: Executor) {
  const staff = await db.selectFrom('staff').select(['id', 'name']).execute();
  const locations = await db.selectFrom('locations').select(['id', 'name']).execute();
  const services = await db.selectFrom('services').select(['id', 'name']).execute();
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { staff: byId(staff), locations: byId(locations), services: byId(services) };
}
export type BookNames = Awaited<ReturnType<typeof bookNames>>;

/** Appointments can be at most this long: one overlapping [a, b) starts after a minus this. */
const LONGEST_MS = 720 * 60_000;
export const earliestStartOverlapping = (startAt: string) => new Date(Date.parse(startAt) - LONGEST_MS).toISOString();

/**
 * Appointments of one staff member or at one location that overlap [fromAt, toAt), by start:
 * one key range of the staff or location index, already in its order (no sort).
 */
export function rangeQuery(
  db: Executor,
  viewer: Viewer,
  by: { staffId: number } | { locationId: number },
  fromAt: string,
  toAt: string,
  includeCancelled: boolean,
) {
  let q = appointmentsFor(db, viewer)
    .where('appointments.start_at', '>', earliestStartOverlapping(fromAt))
    .where('appointments.start_at', '<', toAt)
    .where('appointments.end_at', '>', fromAt);
  if (!includeCancelled) q = q.where('appointments.status', '!=', 'cancelled');
  // Each in its index's own order: by start, then (the staff index's next columns) end and status, then id.
  if ('staffId' in by) {
    return q
      .where('appointments.staff_id', '=', by.staffId)
      .orderBy('appointments.start_at')
      .orderBy('appointments.end_at')
      .orderBy('appointments.status')
      .orderBy('appointments.id');
  }
  return q.where('appointments.location_id', '=', by.locationId).orderBy('appointments.start_at').orderBy('appointments.id');
}

export async function listRange(...args: Parameters<typeof rangeQuery>): Promise<AppointmentRecord[]> {
  return rangeQuery(...args).execute();
}

/** A client's appointments from (upcoming) or before (past) an instant, after a keyset position. */
export async function listForClient(
  db: Executor,
  viewer: Viewer,
  clientId: number,
  when: 'upcoming' | 'past',
  nowAt: string,
  after: { startAt: string; id: number } | undefined,
  limit: number,
): Promise<AppointmentRecord[]> {
  const up = when === 'upcoming';
  let q = appointmentsFor(db, viewer)
    .where('appointments.client_id', '=', clientId)
    .where('appointments.start_at', up ? '>=' : '<', nowAt);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('appointments.start_at', up ? '>' : '<', after.startAt),
        eb.and([eb('appointments.start_at', '=', after.startAt), eb('appointments.id', up ? '>' : '<', after.id)]),
      ]),
    );
  }
  const dir = up ? 'asc' : 'desc';
  return (await q.orderBy('appointments.start_at', dir).orderBy('appointments.id', dir).limit(limit).execute());
}

/**
 * The staff member's appointments that overlap [startAt, endAt), cancelled and no-shows
 * aside (their time is free again): one key range of appointments_staff_start, read from
 * the index alone.
 */
export async function overlapping(db: Executor, staffId: number, startAt: string, endAt: string, excludeId: number | null) {
  let q = db
    .selectFrom('appointments')
    .select(['id', 'start_at', 'end_at'])
    .where('staff_id', '=', staffId)
    .where('start_at', '>', earliestStartOverlapping(startAt))
    .where('start_at', '<', endAt)
    .where('end_at', '>', startAt)
    // Literals, so the plan sees the condition on the index's own column.
    .where(sql<SqlBool>`status NOT IN ('cancelled', 'no_show')`);
  if (excludeId !== null) q = q.where('id', '!=', excludeId);
  return q.orderBy('start_at').limit(20).execute();
}

export const hoursOf = (db: Executor, locationId: number) =>
  db.selectFrom('location_hours').select(['weekday', 'opens', 'closes']).where('location_id', '=', locationId).orderBy('weekday').execute();

export async function setHours(db: Executor, locationId: number, days: { weekday: number; opens: string; closes: string }[]): Promise<void> {
  await db.deleteFrom('location_hours').where('location_id', '=', locationId).execute();
  if (days.length) await db.insertInto('location_hours').values(days.map((d) => ({ location_id: locationId, ...d }))).execute();
}

/** The raw row, for a change: who it is with, its version and status, whatever the caller may see. */
export const appointmentRow = (db: Executor, id: number) => db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertAppointment(db: Executor, row: Insertable<AppointmentsTable>): Promise<number> {
  const { id } = await db.insertInto('appointments').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Applies a change if the row is still at `version`; false when someone changed it meanwhile. */
export async function updateAppointment(db: Executor, id: number, version: number, patch: Updateable<AppointmentsTable>): Promise<boolean> {
  const r = await db
    .updateTable('appointments')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The staff member of the client's latest interaction with one, if still active. */
export async function lastStaffOf(db: Executor, clientId: number): Promise<number | null> {
  const row = await db
    .selectFrom('interactions as i')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .select(['i.staff_id', 's.active'])
    .where('i.client_id', '=', clientId)
    .where('i.staff_id', 'is not', null)
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && row.active === 1 ? row.staff_id : null;
}

/** Assigns an Unassigned client to a staff member; false when the client was assigned meanwhile. */
export async function assignIfUnassigned(db: Executor, clientId: number, staffId: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('clients')
    .set({ assigned_staff_id: staffId, updated_at: at, version: sql<number>`version + 1` })
    .where('id', '=', clientId)
    .where('assigned_staff_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
