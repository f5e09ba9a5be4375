/**
 * Relationship types (Admins and Managers) and the links between clients (anyone who can
 * see both clients). Renaming a type renames every link, since links hold the type's id.
 */
import type { ParsedInput } from '../../src-preload/contract';
import type { RelationshipLink, RelationshipType } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findClientById } from '../db/queries/clients.queries';
import {
  countLinksOfType,
  findLink,
  findRelationshipType,
  findSameLink,
  findTypeByName,
  listLinks,
  listRelationshipTypes,
  moveLinks,
  type LinkRow,
} from '../db/queries/relationships.queries';
import type { Actor } from '../domain/permissions';
import { storedDirection, wordForOther } from '../domain/relationships';
import { AppFailure, conflict, duplicate, invalidField, notFound } from './errors';

const toLink = (r: LinkRow): RelationshipLink => ({
  id: r.id,
  typeId: r.type_id,
  word: wordForOther(r, r, r.other_id),
  other: { id: r.other_id, firstName: r.other_first_name, lastName: r.other_last_name },
});

export function createRelationshipsService(db: Db, now: () => Date, onTypeDeleted: (trx: Executor, typeId: number, typeName: string) => Promise<void>) {
  async function requireType(trx: Executor, id: number) {
    const type = await findRelationshipType(trx, id);
    if (!type) throw notFound('That relationship type');
    return type;
  }

  async function ensureNameFree(trx: Executor, name: string, exceptId?: number) {
    const holder = await findTypeByName(trx, name, exceptId);
    if (holder) {
      throw duplicate(`There is already a relationship type named ${holder.name}.`, { issues: [{ field: 'name', message: 'This name is taken' }] });
    }
  }

  async function requireVisibleClient(trx: Executor, actor: Actor, id: number, field: string) {
    const client = await findClientById(trx, actor.scope, id);
    if (!client) throw new AppFailure('NOT_FOUND', 'That client was not found.', { issues: [{ field, message: 'No such client' }] });
    return client;
  }

  return {
    async listTypes(): Promise<RelationshipType[]> {
      return (await listRelationshipTypes(db)).map((t) => ({ id: t.id, name: t.name, reverseName: t.reverse_name, linkCount: Number(t.link_count ?? 0) }));
    },

    async createType(actor: Actor, input: ParsedInput<'relationship-type-create'>): Promise<RelationshipType> {
      return db.transaction().execute(async (trx) => {
        await ensureNameFree(trx, input.name);
        const at = now().toISOString();
        const row = await trx
          .insertInto('relationship_types')
          .values({ name: input.name, reverse_name: input.reverseName, created_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertAudit(trx, { actorId: actor.id, action: 'relationship-type.create', entity: 'relationship_type', entityId: row.id, after: input, at });
        return { id: row.id, name: row.name, reverseName: row.reverse_name, linkCount: 0 };
      });
    },

    async updateType(actor: Actor, input: ParsedInput<'relationship-type-update'>): Promise<RelationshipType> {
      return db.transaction().execute(async (trx) => {
        const before = await requireType(trx, input.id);
        if (input.name !== undefined) await ensureNameFree(trx, input.name, before.id);
        const row = await trx
          .updateTable('relationship_types')
          .set({ name: input.name, reverse_name: input.reverseName })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'relationship-type.update',
          entity: 'relationship_type',
          entityId: row.id,
          before: { name: before.name, reverseName: before.reverse_name },
          after: { name: row.name, reverseName: row.reverse_name },
          at: now().toISOString(),
        });
        return { id: row.id, name: row.name, reverseName: row.reverse_name, linkCount: await countLinksOfType(trx, row.id) };
      });
    },

    async deleteType(actor: Actor, input: ParsedInput<'relationship-type-delete'>): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const type = await requireType(trx, input.id);
        const links = await countLinksOfType(trx, type.id);
        if (input.moveToTypeId !== undefined) {
          if (input.moveToTypeId === type.id) throw invalidField('moveToTypeId', 'Choose another type to move the links to');
          await requireType(trx, input.moveToTypeId);
          await moveLinks(trx, type.id, input.moveToTypeId);
        } else if (links > 0) {
          throw conflict(`${links} link${links === 1 ? ' uses' : 's use'} the ${type.name} type. Move ${links === 1 ? 'it' : 'them'} to another type first.`, { linkCount: links });
        }
        await onTypeDeleted(trx, type.id, type.name);
        await trx.deleteFrom('relationship_types').where('id', '=', type.id).execute();
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'relationship-type.delete',
          entity: 'relationship_type',
          entityId: type.id,
          before: { name: type.name, reverseName: type.reverse_name, links },
          after: input.moveToTypeId !== undefined ? { linksMovedTo: input.moveToTypeId } : undefined,
          at: now().toISOString(),
        });
      });
      return null;
    },

    async list(actor: Actor, clientId: number): Promise<RelationshipLink[]> {
      await requireVisibleClient(db, actor, clientId, 'clientId');
      return (await listLinks(db, actor.scope, clientId)).map(toLink);
    },

    async create(actor: Actor, input: ParsedInput<'relationship-create'>): Promise<RelationshipLink> {
      const id = await db.transaction().execute(async (trx) => {
        await requireVisibleClient(trx, actor, input.clientId, 'clientId');
        await requireVisibleClient(trx, actor, input.otherClientId, 'otherClientId');
        const type = await requireType(trx, input.typeId);
        const { from, to } = storedDirection(type, input.clientId, input.otherClientId, input.side);
        if (await findSameLink(trx, from, to, type.id)) throw duplicate('These two clients are already linked this way.');
        const at = now().toISOString();
        const row = await trx
          .insertInto('relationships')
          .values({ from_client_id: from, to_client_id: to, type_id: type.id, created_by: actor.id, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const after = { fromClientId: from, toClientId: to, type: type.name };
        await insertAudit(trx, { actorId: actor.id, action: 'relationship.create', entity: 'client', entityId: input.clientId, after, at });
        await insertAudit(trx, { actorId: actor.id, action: 'relationship.create', entity: 'client', entityId: input.otherClientId, after, at });
        return row.id;
      });
      const link = (await listLinks(db, actor.scope, input.clientId)).find((l) => l.id === id);
      return toLink(link!);
    },

    async remove(actor: Actor, id: number): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const link = await findLink(trx, id);
        // A link to a client outside my scope does not exist for me.
        const visible =
          link && (await findClientById(trx, actor.scope, link.from_client_id)) && (await findClientById(trx, actor.scope, link.to_client_id));
        if (!link || !visible) throw notFound('That relationship');
        await trx.deleteFrom('relationships').where('id', '=', id).execute();
        const before = { fromClientId: link.from_client_id, toClientId: link.to_client_id, typeId: link.type_id };
        const at = now().toISOString();
        for (const clientId of [link.from_client_id, link.to_client_id]) {
          await insertAudit(trx, { actorId: actor.id, action: 'relationship.delete', entity: 'client', entityId: clientId, before, at });
        }
      });
      return null;
    },
  };
}
export type RelationshipsService = ReturnType<typeof createRelationshipsService>;
