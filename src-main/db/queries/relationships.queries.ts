import { sql } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { visibleTo } from './scope';

export const listRelationshipTypes = (db: Executor) =>
  db
    .selectFrom('relationship_types')
    .select(['relationship_types.id', 'relationship_types.name', 'relationship_types.reverse_name'])
    .select((eb) =>
      eb.selectFrom('relationships').select((c) => c.fn.countAll<number>().as('n')).whereRef('relationships.type_id', '=', 'relationship_types.id').as('link_count'),
    )
    .orderBy('relationship_types.name')
    .execute();

export const findRelationshipType = (db: Executor, id: number) =>
  db.selectFrom('relationship_types').selectAll().where('id', '=', id).executeTakeFirst();

/** A type whose name or reverse name is `word`, case-insensitively, other than `exceptId`. */
export const findTypeByName = (db: Executor, name: string, exceptId = 0) =>
  db
    .selectFrom('relationship_types')
    .select(['id', 'name'])
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .where('id', '!=', exceptId)
    .executeTakeFirst();

export async function countLinksOfType(db: Executor, typeId: number): Promise<number> {
  const row = await db.selectFrom('relationships').select((eb) => eb.fn.countAll<number>().as('n')).where('type_id', '=', typeId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves every link of one type to another; a link the target type already has between the
 * same two clients is dropped rather than duplicated.
 */
export async function moveLinks(db: Executor, fromTypeId: number, toTypeId: number): Promise<void> {
  await sql`DELETE FROM relationships AS r WHERE r.type_id = ${fromTypeId} AND EXISTS (
    SELECT 1 FROM relationships AS t WHERE t.type_id = ${toTypeId}
      AND ((t.from_client_id = r.from_client_id AND t.to_client_id = r.to_client_id)
        OR (t.from_client_id = r.to_client_id AND t.to_client_id = r.from_client_id)))`.execute(db);
  await db.updateTable('relationships').set({ type_id: toTypeId }).where('type_id', '=', fromTypeId).execute();
}

export interface LinkRow {
  id: number;
  type_id: number;
  from_client_id: number;
  to_client_id: number;
  name: string;
  reverse_name: string;
  other_id: number;
  other_first_name: string;
  other_last_name: string;
}

/** The client's links to other active clients the scope may see. */
export async function listLinks(db: Executor, scope: ClientScope, clientId: number): Promise<LinkRow[]> {
  return db
    .selectFrom('relationships')
    .innerJoin('relationship_types as t', 't.id', 'relationships.type_id')
    .innerJoin('clients', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('relationships.from_client_id', '=', clientId), eb('clients.id', '=', eb.ref('relationships.to_client_id'))]),
          eb.and([eb('relationships.to_client_id', '=', clientId), eb('clients.id', '=', eb.ref('relationships.from_client_id'))]),
        ]),
      ),
    )
    .select(['relationships.id', 'relationships.type_id', 'relationships.from_client_id', 'relationships.to_client_id', 't.name', 't.reverse_name'])
    .select(['clients.id as other_id', 'clients.first_name as other_first_name', 'clients.last_name as other_last_name'])
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, scope))
    .orderBy('t.name')
    .orderBy('clients.last_name')
    .orderBy('clients.first_name')
    .execute();
}

export const findLink = (db: Executor, id: number) => db.selectFrom('relationships').selectAll().where('id', '=', id).executeTakeFirst();

export const findSameLink = (db: Executor, fromId: number, toId: number, typeId: number) =>
  db
    .selectFrom('relationships')
    .select('id')
    .where('from_client_id', '=', fromId)
    .where('to_client_id', '=', toId)
    .where('type_id', '=', typeId)
    .executeTakeFirst();
