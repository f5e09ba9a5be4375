/** The client list: search, filters, sorts, keyset pages and counts, always inside the actor's scope. */
import type { ClientCount, ClientSummary, Page, ParsedInput } from '../../src-preload/contract';
import type { ClientFilterOptions } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import {
  countListable,
  findListableByEmail,
  listSorted,
  SEARCH_SOURCES,
  searchSource,
  searchSourceIds,
  sortKeyOf,
  tagsFor,
  type ListScope,
} from '../db/queries/client-list.queries';
import type { ClientRow } from '../db/queries/clients.queries';
import { isSmallScope } from '../db/queries/scope';
import { planSearch } from '../domain/client-search';
import type { Actor } from '../domain/permissions';
import { decodeCursor, searchCursor, sortCursor } from './client-cursor';
import { toClientSummary } from './clients.mapping';
import { refuseHiddenFilters } from './hidden-filters.guard';
import type { SettingsService } from './settings.service';

/** A search count stops here: "1,000+" is all a person needs while typing. */
export const SEARCH_COUNT_CAP = 1000;
const SCOPE_SIZE_TTL_MS = 60_000;

export function createClientListService(db: Db, now: () => Date, settings: SettingsService) {
  // Whether a scope is small only chooses how a query reaches it, never which clients it
  // returns, so a size measured a minute ago is good enough and spares a count per keystroke.
  const sizes = new Map<string, { small: boolean; at: number }>();
  async function small(scope: Actor['scope']): Promise<boolean> {
    if (scope.kind === 'all') return false;
    const key = JSON.stringify(scope);
    const known = sizes.get(key);
    if (known && Date.now() - known.at < SCOPE_SIZE_TTL_MS) return known.small;
    const fresh = { small: await isSmallScope(db, scope), at: Date.now() };
    sizes.set(key, fresh);
    return fresh.small;
  }
  const scopeOf = async (actor: Actor, filters: ListScope['filters']): Promise<ListScope> => ({
    scope: actor.scope,
    filters,
    ctx: { staffId: actor.id, now: now() },
    fromSet: await small(actor.scope),
  });

  async function summaries(actor: Actor, rows: ClientRow[]): Promise<ClientSummary[]> {
    const tags = await tagsFor(db, rows.map((r) => r.id));
    return rows.map((r) => toClientSummary(r, actor.hiddenFields, tags.get(r.id) ?? []));
  }

  /**
   * A search page is the `limit` smallest ids, after the cursor, across every source: each
   * source yields its own smallest first and stops at the limit, so no source is read whole.
   */
  async function searchPage(actor: Actor, s: ListScope, text: string, afterId: number, limit: number) {
    const plan = planSearch(text, (await settings.get()).defaultCountry, !actor.hiddenFields.has('contact'));
    const exact = plan.email && afterId === 0 ? await findListableByEmail(db, s, plan.email) : undefined;
    const byId = new Map<number, ClientRow>();
    for (const source of SEARCH_SOURCES) {
      const rows = await searchSource(db, s, source, plan, afterId, limit + 1);
      for (const r of rows ?? []) byId.set(r.id, r);
    }
    if (exact) byId.delete(exact.id);
    const sorted = [...byId.values()].sort((a, b) => a.id - b.id);
    const page = sorted.slice(0, limit);
    const last = page[page.length - 1];
    return {
      rows: exact ? [exact, ...page] : page,
      nextCursor: sorted.length > limit && last ? searchCursor(last.id) : null,
    };
  }

  return {
    /** The tags and staff the list's filters offer; no tags for a role they are hidden from. */
    async filterOptions(actor: Actor): Promise<ClientFilterOptions> {
      const tags = actor.hiddenFields.has('tags') ? [] : await db.selectFrom('tags').select(['id', 'name']).orderBy('name').execute();
      const staff = await db.selectFrom('staff').select(['id', 'name', 'active']).orderBy('name').execute();
      return { tags, staff: staff.map((s) => ({ id: s.id, name: s.name, active: s.active === 1 })) };
    },

    async list(actor: Actor, input: ParsedInput<'client-list'>): Promise<Page<ClientSummary>> {
      const searching = Boolean(input.query);
      // A search ignores the sort, so only a sort that is applied is refused.
      await refuseHiddenFilters(db, actor, now(), 'client-list', input.filters, searching ? undefined : input.sort.by);
      const s = await scopeOf(actor, input.filters);
      const at = input.cursor ? decodeCursor(input.cursor, { search: searching, sort: input.sort }) : undefined;
      if (input.query) {
        const { rows, nextCursor } = await searchPage(actor, s, input.query, at?.kind === 'search' ? at.afterId : 0, input.limit);
        return { items: await summaries(actor, rows), nextCursor };
      }
      const rows = await listSorted(db, s, input.sort, at?.kind === 'sort' ? at.key : undefined, input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: await summaries(actor, page),
        nextCursor: rows.length > input.limit && last ? sortCursor(input.sort, sortKeyOf(last, input.sort.by)) : null,
      };
    },

    async count(actor: Actor, input: ParsedInput<'client-count'>): Promise<ClientCount> {
      await refuseHiddenFilters(db, actor, now(), 'client-count', input.filters);
      const s = await scopeOf(actor, input.filters);
      if (!input.query) return { count: await countListable(db, s), capped: false };
      const plan = planSearch(input.query, (await settings.get()).defaultCountry, !actor.hiddenFields.has('contact'));
      const ids = new Set<number>();
      for (const source of SEARCH_SOURCES) {
        for (const id of await searchSourceIds(db, s, source, plan, SEARCH_COUNT_CAP + 1)) ids.add(id);
      }
      if (plan.email) {
        const exact = await findListableByEmail(db, s, plan.email);
        if (exact) ids.add(exact.id);
      }
      return ids.size > SEARCH_COUNT_CAP ? { count: SEARCH_COUNT_CAP, capped: true } : { count: ids.size, capped: false };
    },
  };
}
export type ClientListService = ReturnType<typeof createClientListService>;
