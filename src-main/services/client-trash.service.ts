/**
 * Delete is a soft delete (out of lists and search, kept for reporting); Managers and Admins
 * restore from the Trash; Admins erase (purge) a person: every personal field, the search
 * indexes, notes, merged records, import copies and audit payloads, with the freed bytes
 * overwritten and the WAL emptied.
 */
import type { Page, ParsedInput, TrashedClient } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { scrubAfterErasure } from '../db/erasure';
import { insertAudit } from '../db/queries/audit.queries';
import { eraseHeldData, erasedFields, mergedInto, type ErasedIdentity } from '../db/queries/client-erasure.queries';
import { tagsFor } from '../db/queries/client-list.queries';
import { findClientById } from '../db/queries/clients.queries';
import { expiredInTrash, findTrashed, findUnpurged, listTrash, type TrashKey } from '../db/queries/client-trash.queries';
import { getSettings } from '../db/queries/settings.queries';
import { decide, type Actor } from '../domain/permissions';
import { createLogger } from '../logger';
import { AppFailure, forbidden, notFound, stale } from './errors';
import { toClientSummary } from './clients.mapping';
import { assertEmailFree, type ClientsService } from './clients.service';
import type { Staging } from './staging';

const log = createLogger('erasure');

const encode = (k: TrashKey) => Buffer.from(JSON.stringify([k.deletedAt, k.id])).toString('base64url');
function decode(cursor: string): TrashKey {
  try {
    const [deletedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof deletedAt === 'string' && Number.isSafeInteger(id)) return { deletedAt, id: id as number };
  } catch {
    // refused below
  }
  throw new AppFailure('VALIDATION', 'cursor: This list position is not valid; reload the list.', {
    issues: [{ field: 'cursor', message: 'Not a valid list position' }],
  });
}

const name = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`.trim();

const DAY_MS = 86_400_000;
/** Clients erased per transaction by the retention run. */
const RETENTION_BATCH = 200;

type ErasableRow = ErasedIdentity & { id: number; version: number; deleted_at: string | null };

export function createClientTrashService(db: Db, now: () => Date, clients: ClientsService, staging: Staging) {
  /**
   * Erasure of one client, inside the caller's transaction: the row stays (sales still add up
   * in reports) with every personal field emptied, and so do the records merged into it;
   * everything else held about the person is cleared (client-erasure.queries). The search
   * indexes follow by trigger. Returns the identities erased, for afterErasure.
   */
  async function erase(trx: Executor, row: ErasableRow, at: string, actorId: number | null, why: Record<string, unknown>): Promise<ErasedIdentity[]> {
    const merged = await mergedInto(trx, row.id);
    await trx.updateTable('clients').set({ ...erasedFields(at), deleted_at: row.deleted_at ?? at, version: row.version + 1 }).where('id', '=', row.id).execute();
    for (const m of merged) await trx.updateTable('clients').set({ ...erasedFields(at), version: m.version + 1 }).where('id', '=', m.id).execute();
    const all = [row, ...merged];
    await eraseHeldData(trx, all.map((r) => r.id), all);
    await insertAudit(trx, { actorId, action: 'client.purge', entity: 'client', entityId: row.id, after: { mergedRecords: merged.length, ...why }, at });
    return all;
  }

  /**
   * Once erasures have committed, the bytes: secure_delete has zeroed every freed cell as it
   * was freed, and the checkpoint puts those pages into the book and empties the WAL
   * (db/erasure.ts). Files staged for download or import that name the people go too.
   */
  async function afterErasure(identities: ErasedIdentity[]): Promise<void> {
    const scrub = await scrubAfterErasure(db);
    if (scrub.vacuumed) log.info('first erasure on this book: compacted it once so no free page holds older data');
    if (!scrub.walTruncated) log.warn('a running job kept the write-ahead log from being emptied after an erasure');
    const needles = identities.flatMap((r) => [r.email, r.phone, r.external_id]).filter((k): k is string => !!k && k.length >= 4);
    await staging.discardContaining(needles);
  }

  return {
    async remove(actor: Actor, input: ParsedInput<'client-delete'>): Promise<null> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const current = await findClientById(trx, actor.scope, input.id);
        if (!current) throw notFound('That client');
        const d = decide(actor, 'client.delete', { kind: 'client', assignedStaffId: current.assigned_staff_id });
        if (!d.allowed) throw forbidden(d.reason, d.code);
        if (current.version !== input.version) {
          throw stale(`${name(current)} was changed by someone else since you opened it. Reload before deleting.`);
        }
        await trx.updateTable('clients').set({ deleted_at: at, updated_at: at, version: current.version + 1 }).where('id', '=', current.id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'client.delete', entity: 'client', entityId: current.id, at });
      });
      return null;
    },

    async trash(actor: Actor, input: ParsedInput<'client-trash'>): Promise<Page<TrashedClient>> {
      const rows = await listTrash(db, actor.scope, input.cursor ? decode(input.cursor) : undefined, input.limit + 1);
      const page = rows.slice(0, input.limit);
      const tags = await tagsFor(db, page.map((r) => r.id));
      const items = page.map((r) => ({ ...toClientSummary(r, actor.hiddenFields, tags.get(r.id) ?? []), deletedAt: r.deleted_at! }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > input.limit && last ? encode({ deletedAt: last.deletedAt, id: last.id }) : null };
    },

    /** Back in lists and search, unless its email now belongs to another active client. */
    async restore(actor: Actor, id: number) {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const row = await findTrashed(trx, actor.scope, id);
        if (!row) throw notFound('That deleted client');
        if (row.email) await assertEmailFree(trx, actor, row.email);
        await trx.updateTable('clients').set({ deleted_at: null, updated_at: at, version: row.version + 1 }).where('id', '=', id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'client.restore', entity: 'client', entityId: id, at });
      });
      return clients.get(actor, id);
    },

    /** An Admin's erasure of one client, live or in the Trash (see erase and afterErasure). */
    async purge(actor: Actor, id: number): Promise<null> {
      const at = now().toISOString();
      const identities = await db.transaction().execute(async (trx) => {
        const row = await findUnpurged(trx, actor.scope, id);
        if (!row) throw notFound('That client');
        return erase(trx, row, at, actor.id, {});
      });
      await afterErasure(identities);
      return null;
    },

    /**
     * Trash retention, from the daily run: every client in the Trash for longer than the
     * shop's chosen number of days is erased exactly as by hand (each with its own audit
     * row, by no staff member, saying why). Off (null) by default. Returns how many.
     */
    async eraseExpired(): Promise<number> {
      const days = (await getSettings(db))?.trash_retention_days ?? null;
      if (days === null) return 0;
      const at = now().toISOString();
      const cutoff = new Date(now().getTime() - days * DAY_MS).toISOString();
      let erased = 0;
      const identities: ErasedIdentity[] = [];
      for (;;) {
        // In batches, so one long transaction never holds the book while a thousand are erased.
        const batch = await db.transaction().execute(async (trx) => {
          const rows = await expiredInTrash(trx, cutoff, RETENTION_BATCH);
          for (const row of rows) identities.push(...(await erase(trx, row, at, null, { trashRetentionDays: days, deletedAt: row.deleted_at })));
          return rows.length;
        });
        erased += batch;
        if (batch < RETENTION_BATCH) break;
      }
      if (erased > 0) {
        await afterErasure(identities);
        log.info(`erased ${erased} client(s) kept in the Trash longer than ${days} days`);
      }
      return erased;
    },
  };
}
export type ClientTrashService = ReturnType<typeof createClientTrashService>;
