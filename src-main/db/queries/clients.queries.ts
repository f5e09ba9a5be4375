import type { Executor } from '../connection';
import type { SelectQueryBuilder } from 'kysely';
import type { Client, Database, NewClient } from '../schema';
import type { ClientScope } from '../../domain/visibility';
import { emailKey } from '../../domain/email';
import { clientsFor } from './scope';

type ClientRow = Client & {
  assigned_staff_name: string | null;
  created_by_name: string | null;
  home_location_name: string | null;
};

/** Clients in the scope with the names of their assigned associate, creator and home location; status comes from first_visit_at. */
export function withNames(db: Executor, scope: ClientScope) {
  return namesOf(clientsFor(db, scope));
}

/**
 * The names joined onto a query over clients. For the list's own paths only, which apply
 * the scope themselves (with the same condition, in the shape each index path needs) before
 * reading a page's rows; every other per-person read uses withNames.
 */
export function namesOf(q: SelectQueryBuilder<Database, 'clients', object>) {
  return q
    .leftJoin('staff as assigned', 'assigned.id', 'clients.assigned_staff_id')
    .leftJoin('staff as creator', 'creator.id', 'clients.created_by')
    .leftJoin('locations as home', 'home.id', 'clients.home_location_id')
    .selectAll('clients')
    .select(['assigned.name as assigned_staff_name', 'creator.name as created_by_name', 'home.name as home_location_name']);
}

/** A client this scope may see; outside it, the client does not exist for the caller. */
export const findClientById = (db: Executor, scope: ClientScope, id: number): Promise<ClientRow | undefined> =>
  withNames(db, scope).where('clients.id', '=', id).where('clients.deleted_at', 'is', null).executeTakeFirst();

/** The active client holding this email, compared case-insensitively. */
export const findActiveByEmail = (db: Executor, email: string) =>
  db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name'])
    // Matches the partial unique index's WHERE, so the lookup uses it instead of a full scan.
    .where('email', 'is not', null)
    .where('email_key', '=', emailKey(email))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** The client holding this customer id, in the Trash or not (the unique index covers both): for the uniqueness check, never shown unscoped. */
export const findByExternalId = (db: Executor, externalId: string) =>
  db.selectFrom('clients').select(['id', 'first_name', 'last_name']).where('external_id', '=', externalId).executeTakeFirst();

export async function insertClient(db: Executor, row: NewClient): Promise<number> {
  const { id } = await db.insertInto('clients').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export type { ClientRow };
