import { sql, type ExpressionBuilder } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { AssignmentReason, Database } from '../schema';
import { visibleTo } from './scope';

export interface HistoryInput {
  clientId: number;
  fromStaffId: number | null;
  toStaffId: number | null;
  reason: AssignmentReason;
  detail?: unknown;
  actorId: number | null;
  at: string;
}

export async function insertHistory(db: Executor, rows: HistoryInput[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assignment_history')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          client_id: r.clientId,
          from_staff_id: r.fromStaffId,
          to_staff_id: r.toStaffId,
          reason: r.reason,
          detail: r.detail === undefined ? null : JSON.stringify(r.detail),
          actor_id: r.actorId,
          at: r.at,
        })),
      )
      .execute();
  }
}

export const listHistory = (db: Executor, clientId: number) =>
  db
    .selectFrom('assignment_history as h')
    .leftJoin('staff as f', 'f.id', 'h.from_staff_id')
    .leftJoin('staff as t', 't.id', 'h.to_staff_id')
    .leftJoin('staff as a', 'a.id', 'h.actor_id')
    .select(['h.id', 'h.reason', 'h.detail', 'h.at', 'h.from_staff_id', 'h.to_staff_id', 'h.actor_id'])
    .select(['f.name as from_name', 't.name as to_name', 'a.name as actor_name'])
    .where('h.client_id', '=', clientId)
    .orderBy('h.id', 'desc')
    .execute();

/** Everyone but the primary who has worked with the client, with the first interaction that brought them. */
export const listAdditionalStaff = (db: Executor, clientId: number, primaryId: number | null) =>
  db
    .selectFrom('interactions as i')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .select(['s.id', 's.name'])
    .select((eb) => [
      eb.fn.min('i.occurred_at').as('first_at'),
      eb.fn.count<number>('i.id').as('interactions'),
      sql<string>`(SELECT kind FROM interactions AS k WHERE k.client_id = ${clientId} AND k.staff_id = s.id ORDER BY k.occurred_at, k.id LIMIT 1)`.as('first_kind'),
      sql<string | null>`(SELECT external_id FROM interactions AS k WHERE k.client_id = ${clientId} AND k.staff_id = s.id ORDER BY k.occurred_at, k.id LIMIT 1)`.as('first_reference'),
    ])
    .where('i.client_id', '=', clientId)
    .where((eb) => (primaryId === null ? eb.lit(true) : eb('s.id', '!=', primaryId)))
    .groupBy(['s.id', 's.name'])
    .orderBy('first_at')
    .execute();

/** POS ids seen in sales to clients in the scope, with the staff member each maps to (if any) and the count and total of those sales. */
export const listPosIds = (db: Executor, scope: ClientScope) =>
  db
    .selectFrom('interactions as i')
    .innerJoin('clients', 'clients.id', 'i.client_id')
    .where((eb) => visibleTo(eb as unknown as ExpressionBuilder<Database, 'clients'>, scope))
    .leftJoin('staff_pos_ids as p', 'p.pos_associate_id', 'i.pos_associate_id')
    .leftJoin('staff as s', 's.id', 'p.staff_id')
    .select(['i.pos_associate_id as pos_id', 's.id as staff_id', 's.name as staff_name'])
    .select((eb) => [eb.fn.countAll<number>().as('sales'), eb.fn.sum<number>('i.amount_cents').as('total_cents')])
    .where('i.kind', '=', 'sale')
    .where('i.pos_associate_id', 'is not', null)
    .groupBy(['i.pos_associate_id', 's.id', 's.name'])
    .orderBy('i.pos_associate_id')
    .execute();
