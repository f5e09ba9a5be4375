import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { AuditRow, Database } from '../schema';
import { visibleTo } from './scope';

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function insertAudit(db: Executor, row: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: row.at,
      actor_id: row.actorId,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      before: json(row.before),
      after: json(row.after),
    })
    .execute();
}

export interface AuditFilter {
  actorId?: number;
  /** An action name, or its family: "client" matches client.create, client.update, ... */
  action?: string;
  entity?: string;
  entityId?: number;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** Rows with an id below this one (keyset, newest first). */
  beforeId?: number;
  limit: number;
  /** Rows naming a client (about one, about one's appointment, or linking to one) are kept only for clients in this scope. */
  scope: ClientScope;
}

/** Actions filed under one client whose payload names another (a link's other side, a merge's other record). */
const NAMING_ANOTHER_CLIENT = ['relationship.create', 'relationship.delete', 'client.merge', 'client.merged-into'];
const OTHER_CLIENT_PATHS = ['$.fromClientId', '$.toClientId', '$.mergedId', '$.survivorId'];

/**
 * The same scope every client query applies, on audit rows: a row about a client out of it,
 * about an appointment of one (its client now, else the one its payload names, so a moved or
 * erased appointment stays with its client), or about a client in scope that names one out of
 * it, does not exist for this reader. Each test is a primary-key probe of the row at hand, so
 * a keyset page still reads only the rows it walks past.
 */
function inAuditScope(eb: ExpressionBuilder<Database, 'audit_log'>, scope: ClientScope): Expression<SqlBool> {
  const seen = (id: Expression<number | null>) =>
    eb.exists(
      eb
        .selectFrom('clients')
        .select('clients.id')
        .where('clients.id', '=', id)
        .where((c) => visibleTo(c as unknown as ExpressionBuilder<Database, 'clients'>, scope)),
    );
  // Null: the row names no client (a calendar export, a link row's unused path).
  const seenOrNone = (id: Expression<number | null>) => eb.or([sql<SqlBool>`${id} IS NULL`, seen(id)]);
  const payload = (path: string) => sql<number | null>`coalesce(json_extract(audit_log.after, ${path}), json_extract(audit_log.before, ${path}))`;
  const appointmentClient = sql<number | null>`coalesce((SELECT appointments.client_id FROM appointments WHERE appointments.id = audit_log.entity_id), ${payload('$.clientId')})`;
  return eb.or([
    eb('audit_log.entity', 'not in', ['client', 'appointment']),
    eb.and([
      eb('audit_log.entity', '=', 'client'),
      seen(eb.ref('audit_log.entity_id')),
      eb.or([eb('audit_log.action', 'not in', NAMING_ANOTHER_CLIENT), eb.and(OTHER_CLIENT_PATHS.map((p) => seenOrNone(payload(p))))]),
    ]),
    eb.and([eb('audit_log.entity', '=', 'appointment'), seenOrNone(appointmentClient)]),
  ]);
}

export async function listAudit(db: Executor, f: AuditFilter): Promise<(AuditRow & { actor_name: string | null })[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('staff.name as actor_name')
    .orderBy('audit_log.id', 'desc')
    .limit(f.limit);
  if (f.actorId !== undefined) q = q.where('audit_log.actor_id', '=', f.actorId);
  if (f.action !== undefined) {
    const family = `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
    q = q.where((eb) => eb.or([eb('audit_log.action', '=', f.action!), eb('audit_log.action', 'like', sql<string>`${family} ESCAPE '\\'`)]));
  }
  if (f.from !== undefined) q = q.where('audit_log.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('audit_log.at', '<', f.to);
  if (f.entity !== undefined) q = q.where('audit_log.entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.beforeId !== undefined) q = q.where('audit_log.id', '<', f.beforeId);
  const scope = f.scope;
  if (scope.kind !== 'all') q = q.where((eb) => inAuditScope(eb, scope));
  return q.execute();
}

/**
 * The names behind the ids a page of audit rows carries: staff, locations and roles by id,
 * and clients only where this scope sees them (a client out of scope stays nameless).
 */
export async function auditNames(
  db: Executor,
  ids: { staff: Set<number>; clients: Set<number>; locations: Set<number>; roles: Set<number> },
  scope: ClientScope,
): Promise<{ staff: Map<number, string>; clients: Map<number, string>; locations: Map<number, string>; roles: Map<number, string> }> {
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  // In slices, so an export of many rows stays under SQLite's limit of bound values.
  const sliced = async (ids: Set<number>, read: (slice: number[]) => Promise<{ id: number; name: string }[]>) => {
    const all = [...ids];
    const out: { id: number; name: string }[] = [];
    for (let i = 0; i < all.length; i += 500) out.push(...(await read(all.slice(i, i + 500))));
    return out;
  };
  const staff = await sliced(ids.staff, (slice) => db.selectFrom('staff').select(['id', 'name']).where('id', 'in', slice).execute());
  const locations = await sliced(ids.locations, (slice) => db.selectFrom('locations').select(['id', 'name']).where('id', 'in', slice).execute());
  const roles = await sliced(ids.roles, (slice) => db.selectFrom('roles').select(['id', 'name']).where('id', 'in', slice).execute());
  const clients = await sliced(ids.clients, (slice) =>
    db
      .selectFrom('clients')
      .where((eb) => visibleTo(eb, scope))
      .where('clients.id', 'in', slice)
      .select(['clients.id', sql<string>`trim(clients.first_name || ' ' || clients.last_name)`.as('name')])
      .execute(),
  );
  return { staff: byId(staff), locations: byId(locations), roles: byId(roles), clients: byId(clients) };
}
