/**
 * Keeping the book clean: likely duplicate pairs, and merging two clients into one. The
 * survivor keeps its values except the fields picked from the other; interactions, tags,
 * relationships, assignment history, appointments, outbox items and emails move to it; the other is kept as merged (out of lists and search) and both
 * sides are audited.
 */
import { sql } from 'kysely';
import type { ClientDetail, ClientLookalike, DuplicatePair, DuplicateReason, MergeField, Page, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { insertHistory } from '../db/queries/assignment.queries';
import { findLookalikes, listDuplicatePairs, type PairKey } from '../db/queries/client-duplicates.queries';
import { moveHeldRecords } from '../db/queries/client-merge.queries';
import { tagsFor } from '../db/queries/client-list.queries';
import { findClientById, withNames, type ClientRow } from '../db/queries/clients.queries';
import type { ClientUpdate } from '../db/schema';
import { decideAssignment, type Actor } from '../domain/permissions';
import { mergeableColumns } from '../domain/client-fields';
import { emailKey } from '../domain/email';
import type { FieldGroup } from '../domain/permissions';
import { normalisePhone } from '../domain/phone';
import { AppFailure, forbidden, notFound, stale } from './errors';
import { toClientSummary } from './clients.mapping';
import type { ClientsService } from './clients.service';
import type { SettingsService } from './settings.service';

const COLUMNS: Record<MergeField, (keyof ClientRow)[]> = {
  firstName: ['first_name'],
  lastName: ['last_name'],
  email: ['email'],
  phone: ['phone', 'phone_e164'],
  birthday: ['birthday'],
  anniversary: ['anniversary'],
  address: ['address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country'],
  notes: ['notes'],
  consentEmail: ['consent_email', 'consent_email_at', 'consent_email_source'],
  consentSms: ['consent_sms', 'consent_sms_at', 'consent_sms_source'],
  assigned: ['assigned_staff_id'],
};

const MERGE_LABELS: Record<MergeField, string> = {
  firstName: 'the first name',
  lastName: 'the last name',
  email: 'the email',
  phone: 'the phone',
  birthday: 'the birthday',
  anniversary: 'the anniversary',
  address: 'the address',
  notes: 'the notes',
  consentEmail: 'the email consent',
  consentSms: 'the SMS consent',
  assigned: 'the assigned associate',
};

const encode = (k: PairKey) => Buffer.from(JSON.stringify([k.a, k.b])).toString('base64url');
function decode(cursor: string): PairKey {
  try {
    const [a, b] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return { a: a as number, b: b as number };
  } catch {
    // refused below
  }
  throw new AppFailure('VALIDATION', 'cursor: This list position is not valid; reload the list.', {
    issues: [{ field: 'cursor', message: 'Not a valid list position' }],
  });
}

const name = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`.trim();

/** The field group each reason compares, hidden from some roles: a pair found by it tells what it holds. */
const REASON_GROUP: Record<DuplicateReason, FieldGroup> = { phone: 'contact', 'name-phone': 'contact', 'name-birthday': 'dates', 'name-email': 'contact' };
const REASON_WORDS: Record<DuplicateReason, string> = {
  phone: 'phone',
  'name-phone': 'name and phone',
  'name-birthday': 'name and birthday',
  'name-email': 'name and email',
};
const GROUP_WORDS: Partial<Record<FieldGroup, string>> = { contact: 'contact details are', dates: 'dates are' };

/** The phone key as phone_rev holds it (0019): the E.164 digits, else the typed digits, last first. */
function phoneKey(typed: string, e164: string | null): string | null {
  const digits = (e164 ?? typed).replace(/[^0-9]/g, '');
  return digits ? [...digits].reverse().join('') : null;
}

/** The warning while adding names a few clients at most. */
const LOOKALIKES = 5;

export function createClientMergeService(db: Db, now: () => Date, clients: ClientsService, settings: SettingsService) {
  return {
    async duplicates(actor: Actor, input: ParsedInput<'client-duplicates'>): Promise<Page<DuplicatePair>> {
      // A pair found by a shared phone, email or birthday tells who shares one: not for a role that may not see them.
      const group = REASON_GROUP[input.reason];
      if (actor.hiddenFields.has(group)) {
        throw new AppFailure('FORBIDDEN', `Your role cannot look for duplicates by ${REASON_WORDS[input.reason]}: ${GROUP_WORDS[group]} hidden from you.`);
      }
      const pairs = await listDuplicatePairs(db, actor.scope, input.reason, input.cursor ? decode(input.cursor) : undefined, input.limit + 1);
      const page = pairs.slice(0, input.limit);
      const ids = [...new Set(page.flatMap((p) => [p.a, p.b]))];
      const rows = ids.length ? await withNames(db, actor.scope).where('clients.id', 'in', ids).execute() : [];
      const tags = await tagsFor(db, ids);
      const byId = new Map(rows.map((r) => [r.id, toClientSummary(r, actor.hiddenFields, tags.get(r.id) ?? [])]));
      const items = page.map((p) => ({ a: byId.get(p.a)!, b: byId.get(p.b)!, reason: input.reason }));
      const last = page[page.length - 1];
      return { items, nextCursor: pairs.length > input.limit && last ? encode(last) : null };
    },

    /**
     * While a client is being added: the clients the person may see who look like them. A field
     * of a group hidden from the person is never compared (they could not have typed it, and a
     * match would tell them what someone holds); clients outside the scope are never compared.
     */
    async lookalikes(actor: Actor, input: ParsedInput<'client-lookalikes'>): Promise<ClientLookalike[]> {
      const contact = !actor.hiddenFields.has('contact');
      const dates = !actor.hiddenFields.has('dates');
      const typedPhone = contact && input.phone ? input.phone : null;
      const e164 = typedPhone ? normalisePhone(typedPhone, input.phoneCountry ?? (await settings.get()).defaultCountry).e164 : null;
      const found = await findLookalikes(
        db,
        actor.scope,
        {
          firstName: input.firstName ?? null,
          lastName: input.firstName ? (input.lastName ?? '') : null,
          e164,
          phoneRev: typedPhone ? phoneKey(typedPhone, e164) : null,
          emailKey: contact && input.email ? emailKey(input.email) : null,
          birthday: dates ? (input.birthday ?? null) : null,
        },
        LOOKALIKES,
      );
      if (!found.length) return [];
      const ids = found.map((f) => f.id);
      const rows = await withNames(db, actor.scope).where('clients.id', 'in', ids).execute();
      const tags = await tagsFor(db, ids);
      const byId = new Map(rows.map((r) => [r.id, toClientSummary(r, actor.hiddenFields, tags.get(r.id) ?? [])]));
      return found.flatMap((f) => {
        const client = byId.get(f.id);
        return client ? [{ client, reason: f.reason }] : [];
      });
    },

    async merge(actor: Actor, input: ParsedInput<'client-merge'>): Promise<ClientDetail> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const survivor = await findClientById(trx, actor.scope, input.survivorId);
        const merged = await findClientById(trx, actor.scope, input.mergedId);
        if (!survivor) throw notFound('The client to keep');
        if (!merged) throw notFound('The client to merge');
        for (const [row, version] of [[survivor, input.survivorVersion], [merged, input.mergedVersion]] as const) {
          if (row.version !== version) throw stale(`${name(row)} was changed by someone else since you opened the merge. Reload and merge again.`);
        }
        const copyable = new Set<string>(mergeableColumns(actor.hiddenFields));
        for (const field of input.take) {
          // A field hidden from this role is never copied blind: the person cannot see either value.
          if (COLUMNS[field].some((c) => c !== 'assigned_staff_id' && !copyable.has(c))) {
            throw new AppFailure('FORBIDDEN', `Your role cannot take ${MERGE_LABELS[field]} from the other record: it is hidden from you.`, {
              issues: [{ field: 'take', message: 'Hidden from your role' }],
            });
          }
        }
        if (input.take.includes('assigned') && merged.assigned_staff_id !== survivor.assigned_staff_id) {
          const d = decideAssignment(actor, { id: survivor.assigned_staff_id }, merged.assigned_staff_id, settings.policy());
          if (!d.allowed) throw forbidden(d.reason, d.code);
        }
        const changes: Record<string, unknown> = {};
        const before: Record<string, unknown> = {};
        for (const field of input.take) {
          for (const column of COLUMNS[field]) {
            if (survivor[column] !== merged[column]) {
              changes[column] = merged[column];
              before[column] = survivor[column];
            }
          }
        }
        // The merged client leaves first, so an email taken from it does not clash with itself.
        await trx
          .updateTable('clients')
          .set({ deleted_at: at, merged_into_id: survivor.id, updated_at: at, version: merged.version + 1 })
          .where('id', '=', merged.id)
          .execute();
        await trx
          .updateTable('clients')
          .set({ ...(changes as ClientUpdate), updated_at: at, version: survivor.version + 1 })
          .where('id', '=', survivor.id)
          .execute();
        await trx.updateTable('interactions').set({ client_id: survivor.id }).where('client_id', '=', merged.id).execute();
        const mergedTags = await trx.selectFrom('client_tags').select('tag_id').where('client_id', '=', merged.id).execute();
        if (mergedTags.length) {
          await trx
            .insertInto('client_tags')
            .values(mergedTags.map((t) => ({ client_id: survivor.id, tag_id: t.tag_id })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await trx.deleteFrom('client_tags').where('client_id', '=', merged.id).execute();
        // Links between the two would become self-links; links both already have are duplicates.
        await trx
          .deleteFrom('relationships')
          .where((eb) =>
            eb.or([
              eb.and([eb('from_client_id', '=', merged.id), eb('to_client_id', '=', survivor.id)]),
              eb.and([eb('from_client_id', '=', survivor.id), eb('to_client_id', '=', merged.id)]),
            ]),
          )
          .execute();
        // OR IGNORE: a link the survivor already has stays once; the merged one's copy is dropped below.
        await sql`UPDATE OR IGNORE relationships SET from_client_id = ${survivor.id} WHERE from_client_id = ${merged.id}`.execute(trx);
        await sql`UPDATE OR IGNORE relationships SET to_client_id = ${survivor.id} WHERE to_client_id = ${merged.id}`.execute(trx);
        await trx.deleteFrom('relationships').where((eb) => eb.or([eb('from_client_id', '=', merged.id), eb('to_client_id', '=', merged.id)])).execute();
        const movedMessageIds = await moveHeldRecords(trx, merged.id, survivor.id, at);
        if ('assigned_staff_id' in changes) {
          await insertHistory(trx, [
            { clientId: survivor.id, fromStaffId: survivor.assigned_staff_id, toStaffId: merged.assigned_staff_id, reason: 'manual', detail: { mergedId: merged.id }, actorId: actor.id, at },
          ]);
        }
        const picks = { survivorId: survivor.id, mergedId: merged.id, take: input.take };
        const moved = movedMessageIds.length ? { movedMessageIds } : {};
        await insertAudit(trx, { actorId: actor.id, action: 'client.merge', entity: 'client', entityId: survivor.id, before, after: { ...picks, ...moved, ...changes }, at });
        await insertAudit(trx, { actorId: actor.id, action: 'client.merged-into', entity: 'client', entityId: merged.id, after: picks, at });
      });
      return clients.get(actor, input.survivorId);
    },
  };
}
export type ClientMergeService = ReturnType<typeof createClientMergeService>;
