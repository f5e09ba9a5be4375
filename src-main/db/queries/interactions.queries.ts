import type { Executor } from '../connection';
import type { InteractionKind } from '../schema';

export interface InteractionRow {
  id: number;
  kind: InteractionKind;
  occurred_at: string;
  staff_id: number | null;
  staff_name: string | null;
  added_by: number | null;
  added_by_name: string | null;
  channel: string | null;
  amount_cents: number | null;
  body: string | null;
  location_name: string | null;
}

/** Interactions with the names of their staff member, who added them, and where. */
export function interactionsWithNames(db: Executor) {
  return db
    .selectFrom('interactions')
    .leftJoin('staff as with', 'with.id', 'interactions.staff_id')
    .leftJoin('staff as adder', 'adder.id', 'interactions.added_by')
    .leftJoin('locations', 'locations.id', 'interactions.location_id')
    .select([
      'interactions.id',
      'interactions.kind',
      'interactions.occurred_at',
      'interactions.staff_id',
      'with.name as staff_name',
      'interactions.added_by',
      'adder.name as added_by_name',
      'interactions.channel',
      'interactions.amount_cents',
      'interactions.body',
      'locations.name as location_name',
    ]);
}

export interface ActivityKey {
  occurredAt: string;
  id: number;
}

/** A client's interactions, newest first, keyset-paged on (occurred_at, id). */
/** A client's activity, newest first; `withoutSales` leaves out the purchase history (a role that hides it). */
export function listActivity(db: Executor, clientId: number, before: ActivityKey | undefined, limit: number, withoutSales = false): Promise<InteractionRow[]> {
  let q = interactionsWithNames(db)
    .where('interactions.client_id', '=', clientId)
    .$if(withoutSales, (w) => w.where('interactions.kind', '!=', 'sale'))
    .orderBy('interactions.occurred_at', 'desc')
    .orderBy('interactions.id', 'desc')
    .limit(limit);
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('interactions.occurred_at', '<', before.occurredAt),
        eb.and([eb('interactions.occurred_at', '=', before.occurredAt), eb('interactions.id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
}

export const findInteraction = (db: Executor, id: number): Promise<InteractionRow | undefined> =>
  interactionsWithNames(db).where('interactions.id', '=', id).executeTakeFirst();
