/**
 * Delete is a soft delete (out of lists and search, kept for reporting); Managers and Admins
 * restore from the Trash; Admins erase (purge) a person: every personal field, the search
 * indexes, notes and audit payloads, with the freed bytes overwritten and the WAL emptied.
 */
import { sql } from 'kysely';
import type { Page, ParsedInput, TrashedClient } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { tagsFor } from '../db/queries/client-list.queries';
import { findClientById, findActiveByEmail } from '../db/queries/clients.queries';
import { findTrashed, findUnpurged, listTrash, redactClientAudit, type TrashKey } from '../db/queries/client-trash.queries';
import type { Actor } from '../domain/permissions';
import { AppFailure, notFound } from './errors';
import { toClientSummary } from './clients.mapping';
import type { ClientsService } from './clients.service';

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

export function createClientTrashService(db: Db, now: () => Date, clients: ClientsService) {
  return {
    async remove(actor: Actor, input: ParsedInput<'client-delete'>): Promise<null> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const current = await findClientById(trx, actor.scope, input.id);
        if (!current) throw notFound('That client');
        if (current.version !== input.version) {
          throw new AppFailure('CONFLICT', `${name(current)} was changed by someone else since you opened it. Reload before deleting.`);
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
        if (row.email) {
          const holder = await findActiveByEmail(trx, row.email);
          if (holder) {
            throw new AppFailure('CONFLICT', `${name(row)} cannot come back with the email ${row.email}: ${name(holder)} has it now.`, {
              issues: [{ field: 'email', message: `Already used by ${name(holder)}` }],
              existingClientId: holder.id,
            });
          }
        }
        await trx.updateTable('clients').set({ deleted_at: null, updated_at: at, version: row.version + 1 }).where('id', '=', id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'client.restore', entity: 'client', entityId: id, at });
      });
      return clients.get(actor, id);
    },

    /**
     * Erasure. The row stays (sales still add up in reports) with every personal field
     * emptied; FTS5 secure-delete drops the old terms from the index pages; secure_delete
     * zeroes freed cells; VACUUM rewrites the file and the WAL is checkpointed and truncated,
     * so the old values' bytes are in neither file.
     */
    async purge(actor: Actor, id: number): Promise<null> {
      const at = now().toISOString();
      await sql`PRAGMA secure_delete = ON`.execute(db);
      try {
        await db.transaction().execute(async (trx) => {
          const row = await findUnpurged(trx, actor.scope, id);
          if (!row) throw notFound('That client');
          await trx
            .updateTable('clients')
            .set({
              first_name: 'Erased',
              last_name: 'client',
              email: null,
              external_id: null,
              phone: null,
              phone_e164: null,
              birthday: null,
              anniversary: null,
              address_line1: null,
              address_line2: null,
              city: null,
              region: null,
              postal_code: null,
              country: null,
              notes: null,
              consent_email: 0,
              consent_email_at: null,
              consent_email_source: null,
              consent_sms: 0,
              consent_sms_at: null,
              consent_sms_source: null,
              deleted_at: row.deleted_at ?? at,
              purged_at: at,
              updated_at: at,
              version: row.version + 1,
            })
            .where('id', '=', id)
            .execute();
          await trx.updateTable('interactions').set({ body: null }).where('client_id', '=', id).execute();
          await trx.deleteFrom('client_tags').where('client_id', '=', id).execute();
          await trx.deleteFrom('relationships').where((eb) => eb.or([eb('from_client_id', '=', id), eb('to_client_id', '=', id)])).execute();
          // A sales import's problem report names the client by the email or id it could not match.
          const keys = [row.email?.toLowerCase(), row.email, row.external_id, row.phone, row.phone_e164].filter((k): k is string => !!k);
          if (keys.length) await trx.deleteFrom('sales_import_problems').where('match_key', 'in', keys).execute();
          // Messages rendered for (or about) the person carry their name and details.
          await trx.deleteFrom('outbox').where((eb) => eb.or([eb('client_id', '=', id), eb('recipient_id', '=', id)])).execute();
          await redactClientAudit(trx, id);
          await insertAudit(trx, { actorId: actor.id, action: 'client.purge', entity: 'client', entityId: id, at });
        });
        await sql`VACUUM`.execute(db);
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      } finally {
        await sql`PRAGMA secure_delete = OFF`.execute(db);
      }
      return null;
    },
  };
}
export type ClientTrashService = ReturnType<typeof createClientTrashService>;
