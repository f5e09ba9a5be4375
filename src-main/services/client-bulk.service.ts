/**
 * Bulk actions on a selection or on "all N matching" a search and filters: tag, untag,
 * soft delete. The clients are resolved in SQL inside the actor's scope, never taken on
 * trust from the renderer, and every affected client gets its own audit row.
 */
import type { ClientFilters, ParsedInput } from '../../src-preload/contract';
import { inBatches } from '../db/batches';
import { clientsFor } from '../db/queries/scope';
import type { Db, Executor } from '../db/connection';
import { listableIds, SEARCH_SOURCES, searchSourceIds, type ListScope } from '../db/queries/client-list.queries';
import { planSearch } from '../domain/client-search';
import { decide, type Actor } from '../domain/permissions';
import { AppFailure, forbidden } from './errors';
import { refuseHiddenFilters } from './hidden-filters.guard';
import type { SettingsService } from './settings.service';

type Target = ParsedInput<'client-bulk-delete'>['target'];
/** A bulk action over a search reaches at most this many matches. */
const SEARCH_BULK_CAP = 100_000;

async function auditEach(trx: Executor, actor: Actor, action: string, ids: number[], after: unknown, at: string) {
  const payload = after === undefined ? null : JSON.stringify(after);
  const row = (id: number) => ({ at, actor_id: actor.id, action, entity: 'client', entity_id: id, before: null, after: payload });
  for (const part of inBatches(ids, Object.keys(row(0)).length)) {
    await trx
      .insertInto('audit_log')
      .values(part.map(row))
      .execute();
  }
}

export function createClientBulkService(db: Db, now: () => Date, settings: SettingsService) {
  async function resolve(actor: Actor, target: Target, channel: string): Promise<number[]> {
    if ('ids' in target) {
      const s: ListScope = { scope: actor.scope, filters: {}, ctx: { staffId: actor.id, now: now() }, fromSet: false };
      return listableIds(db, s, target.ids);
    }
    await refuseHiddenFilters(db, actor, now(), channel, target.all.filters, undefined, 'target.all.filters');
    const s: ListScope = { scope: actor.scope, filters: target.all.filters, ctx: { staffId: actor.id, now: now() }, fromSet: false };
    if (!target.all.query) return listableIds(db, s);
    const plan = planSearch(target.all.query, (await settings.get()).defaultCountry, !actor.hiddenFields.has('contact'));
    const ids = new Set<number>();
    for (const source of SEARCH_SOURCES) for (const id of await searchSourceIds(db, s, source, plan, SEARCH_BULK_CAP)) ids.add(id);
    return [...ids];
  }

  return {
    /** Every client the list finds for this search and these filters, as "all N matching" reads them. */
    searchIds: (actor: Actor, query: string, filters: ClientFilters) => resolve(actor, { all: { query, filters } }, 'export-clients'),

    async tag(actor: Actor, input: ParsedInput<'client-bulk-tag'>): Promise<{ affected: number }> {
      // Like a profile edit: a role that cannot see tags cannot change them blind.
      if (actor.hiddenFields.has('tags')) {
        throw new AppFailure('FORBIDDEN', 'Your role cannot change tags: they are hidden from you.', { issues: [{ field: 'tag', message: 'Hidden from your role' }] });
      }
      const ids = await resolve(actor, input.target, 'client-bulk-tag');
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('tags').values({ name: input.tag, created_at: at }).onConflict((oc) => oc.column('name').doNothing()).execute();
        const tag = await trx.selectFrom('tags').select(['id', 'name']).where('name', '=', input.tag).executeTakeFirstOrThrow();
        const changed: number[] = [];
        // Each client binds two parameters in the insert (client_id, tag_id), one in the lookups.
        for (const part of inBatches(ids, 2)) {
          const has = new Set(
            (await trx.selectFrom('client_tags').select('client_id').where('tag_id', '=', tag.id).where('client_id', 'in', part).execute()).map((r) => r.client_id),
          );
          const todo = part.filter((id) => (input.remove ? has.has(id) : !has.has(id)));
          if (todo.length === 0) continue;
          if (input.remove) await trx.deleteFrom('client_tags').where('tag_id', '=', tag.id).where('client_id', 'in', todo).execute();
          else await trx.insertInto('client_tags').values(todo.map((client_id) => ({ client_id, tag_id: tag.id }))).execute();
          changed.push(...todo);
        }
        await auditEach(trx, actor, input.remove ? 'client.untag' : 'client.tag', changed, { tag: tag.name }, at);
        return { affected: changed.length };
      });
    },

    async remove(actor: Actor, input: ParsedInput<'client-bulk-delete'>): Promise<{ affected: number }> {
      const ids = await resolve(actor, input.target, 'client-bulk-delete');
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        // Without the right to trash others' clients, a selection holding one is refused whole.
        const d = decide(actor, 'client.delete', { kind: 'client', assignedStaffId: null });
        if (!d.allowed) {
          let others = 0;
          for (const part of inBatches(ids, 1)) {
            const row = await clientsFor(trx, actor.scope)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('id', 'in', part)
              .where((eb) => eb.or([eb('assigned_staff_id', 'is', null), eb('assigned_staff_id', '!=', actor.id)]))
              .executeTakeFirstOrThrow();
            others += Number(row.n);
          }
          if (others > 0) throw forbidden(`${others === 1 ? '1 selected client is' : `${others} selected clients are`} not assigned to you. ${d.reason}`, d.code);
        }
        for (const part of inBatches(ids, 1)) {
          await trx
            .updateTable('clients')
            .set((eb) => ({ deleted_at: at, updated_at: at, version: eb('version', '+', 1) }))
            .where('id', 'in', part)
            .where('deleted_at', 'is', null)
            .execute();
        }
        await auditEach(trx, actor, 'client.delete', ids, { bulk: true }, at);
        return { affected: ids.length };
      });
    },
  };
}
export type ClientBulkService = ReturnType<typeof createClientBulkService>;
