import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../connection';
import type { Client, Database, NewClient } from '../schema';
import type { ClientScope } from '../../domain/visibility';
import { visibleTo } from './scope';

type ClientRow = Client & {
  assigned_staff_name: string | null;
  created_by_name: string | null;
  has_visit: number;
};

/** Existing = at least one booking or purchase; derived on read so it is never stale. */
const hasVisit = (eb: ExpressionBuilder<Database, 'clients'>) =>
  eb
    .exists(
      eb
        .selectFrom('interactions')
        .select('interactions.id')
        .whereRef('interactions.client_id', '=', 'clients.id')
        .where('interactions.kind', 'in', ['sale', 'booking']),
    )
    .$castTo<number>()
    .as('has_visit');

function withNames(db: Executor) {
  return db
    .selectFrom('clients')
    .leftJoin('staff as assigned', 'assigned.id', 'clients.assigned_staff_id')
    .leftJoin('staff as creator', 'creator.id', 'clients.created_by')
    .selectAll('clients')
    .select(['assigned.name as assigned_staff_name', 'creator.name as created_by_name'])
    .select(hasVisit);
}

/** A client this scope may see; outside it, the client does not exist for the caller. */
export const findClientById = (db: Executor, scope: ClientScope, id: number): Promise<ClientRow | undefined> =>
  withNames(db)
    .where('clients.id', '=', id)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, scope))
    .executeTakeFirst();

/** The active client holding this email, compared case-insensitively. */
export const findActiveByEmail = (db: Executor, email: string) =>
  db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name'])
    .where('email_key', '=', email.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export async function insertClient(db: Executor, row: NewClient): Promise<number> {
  const { id } = await db.insertInto('clients').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ListKey {
  lastName: string;
  firstName: string;
  id: number;
}

export interface ListFilter {
  scope: ClientScope;
  /** Word prefix over first name, last name or (with searchContact) email. */
  query?: string;
  searchContact: boolean;
  after?: ListKey;
  limit: number;
}

/** Alphabetical by last name, keyset-paged: never OFFSET over a large book. */
export function listClients(db: Executor, f: ListFilter): Promise<ClientRow[]> {
  let q = withNames(db)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, f.scope))
    .orderBy('clients.last_name')
    .orderBy('clients.first_name')
    .orderBy('clients.id')
    .limit(f.limit);
  if (f.query) {
    const prefix = `${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('clients.first_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('clients.last_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        ...(f.searchContact ? [eb('clients.email_key', 'like', sql<string>`${prefix.toLowerCase()} ESCAPE '\\'`)] : []),
      ]),
    );
  }
  if (f.after) {
    const a = f.after;
    q = q.where(
      sql<boolean>`(clients.last_name, clients.first_name, clients.id) > (${a.lastName}, ${a.firstName}, ${a.id})`,
    );
  }
  return q.execute();
}

export type { ClientRow };
