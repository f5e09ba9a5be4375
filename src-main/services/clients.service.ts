import type { ClientDetail, ParsedInput } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertHistory } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { tagsFor } from '../db/queries/client-list.queries';
import { findActiveByEmail, findByExternalId, findClientById, insertClient, type ClientRow } from '../db/queries/clients.queries';
import { setClientTags } from '../db/queries/tags.queries';
import type { ClientUpdate } from '../db/schema';
import type { Actor } from '../domain/permissions';
import { emailKey } from '../domain/email';
import { groupOfName } from '../domain/client-fields';
import { normalisePhone } from '../domain/phone';
import { AppFailure, duplicate, notFound, stale } from './errors';
import { toClientDetail } from './clients.mapping';
import type { SettingsService } from './settings.service';
import type { WorkplaceService } from './workplace.service';

type Consent = { granted: boolean; source: string | null } | undefined;

/**
 * Email is unique among active clients. A clash names the holder and offers to open them
 * only to someone who may see them; anyone else learns that the address is taken, which the
 * unique rule cannot hide, and whom to ask.
 */
export async function assertEmailFree(db: Executor, actor: Actor, email: string, exceptId?: number): Promise<void> {
  const holder = await findActiveByEmail(db, email);
  if (!holder || holder.id === exceptId) return;
  if (await findClientById(db, actor.scope, holder.id)) {
    const name = `${holder.first_name} ${holder.last_name}`.trim();
    throw duplicate(`This email already belongs to another client: ${name}.`, {
      issues: [{ field: 'email', message: `Already used by ${name}` }],
      existingClientId: holder.id,
    });
  }
  throw duplicate('This email already belongs to another client, one you cannot see. Ask a Manager to look them up.', {
    issues: [{ field: 'email', message: 'Already used by a client you cannot see' }],
  });
}

/**
 * A customer id names one client to the POS, so it is unique in the book (deleted clients
 * keep theirs until erased). A clash names the holder only to someone who may see them.
 */
async function assertCustomerIdFree(db: Executor, actor: Actor, externalId: string, exceptId?: number): Promise<void> {
  const holder = await findByExternalId(db, externalId);
  if (!holder || holder.id === exceptId) return;
  const seen = await findClientById(db, actor.scope, holder.id);
  const name = `${holder.first_name} ${holder.last_name}`.trim();
  throw duplicate(seen ? `This customer id already belongs to another client: ${name}.` : 'This customer id already belongs to another client, one you cannot see.', {
    issues: [{ field: 'externalId', message: seen ? `Already used by ${name}` : 'Already used by a client you cannot see' }],
    ...(seen ? { existingClientId: holder.id } : {}),
  });
}

/** The columns a profile input sets; fields absent from the input are left out (unchanged). */
function profileColumns(input: Partial<ParsedInput<'client-create'>>, defaultCountry: string, at: string, current?: ClientRow): ClientUpdate {
  const out: ClientUpdate = {};
  if (input.firstName !== undefined) out.first_name = input.firstName;
  if (input.lastName !== undefined) out.last_name = input.lastName;
  if (input.email !== undefined) out.email = input.email;
  if (input.phone !== undefined || input.phoneCountry !== undefined) {
    const typed = input.phone !== undefined ? input.phone : (current?.phone ?? null);
    const phone = typed ? normalisePhone(typed, input.phoneCountry ?? defaultCountry) : null;
    out.phone = phone?.typed ?? null;
    out.phone_e164 = phone?.e164 ?? null;
  }
  if (input.birthday !== undefined) out.birthday = input.birthday;
  if (input.anniversary !== undefined) out.anniversary = input.anniversary;
  const a = input.address;
  if (a) {
    if (a.line1 !== undefined) out.address_line1 = a.line1;
    if (a.line2 !== undefined) out.address_line2 = a.line2;
    if (a.city !== undefined) out.city = a.city;
    if (a.region !== undefined) out.region = a.region;
    if (a.postalCode !== undefined) out.postal_code = a.postalCode;
    if (a.country !== undefined) out.country = a.country ?? null;
  }
  if (input.notes !== undefined) out.notes = input.notes;
  if (input.externalId !== undefined) out.external_id = input.externalId;
  // Consent keeps its date and source until it actually changes.
  const consent = (c: Consent, was: number | undefined) => {
    if (c === undefined || (was === undefined ? !c.granted : (was === 1) === c.granted)) return undefined;
    return c.granted ? { granted: 1, at, source: c.source ?? 'in person' } : { granted: 0, at, source: c.source ?? 'in person' };
  };
  const email = consent(input.consentEmail, current?.consent_email);
  if (email) Object.assign(out, { consent_email: email.granted, consent_email_at: email.at, consent_email_source: email.source });
  const sms = consent(input.consentSms, current?.consent_sms);
  if (sms) Object.assign(out, { consent_sms: sms.granted, consent_sms_at: sms.at, consent_sms_source: sms.source });
  return out;
}

/** The changed columns' old and new values, for the audit row. */
function diff(before: ClientRow, changes: ClientUpdate) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    const old = before[k as keyof ClientRow];
    if (old !== v) {
      b[k] = old;
      a[k] = v;
    }
  }
  return { before: b, after: a };
}

/**
 * A field of a group hidden from this role: it may not see it, so it may not write it blind.
 * On edit, a hidden field sent at all is refused; on create, one sent with a value (absent
 * fields arrive as null). The groups are the client-field catalogue's.
 */
function refuseHiddenEdits(actor: Actor, input: Record<string, unknown>, sent: (v: unknown) => boolean = (v) => v !== undefined): void {
  if (actor.hiddenFields.size === 0) return;
  for (const [field, value] of Object.entries(input)) {
    const group = groupOfName(field);
    if (group && actor.hiddenFields.has(group) && sent(value)) {
      throw new AppFailure('FORBIDDEN', `Your role cannot change ${field}: it is hidden from you.`, { issues: [{ field, message: 'Hidden from your role' }] });
    }
  }
}

const hasValue = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => !hasValue(x)));

export function createClientsService(db: Db, now: () => Date, settings: SettingsService, workplace: WorkplaceService) {
  async function detail(db: Executor, actor: Actor, id: number): Promise<ClientDetail> {
    const row = await findClientById(db, actor.scope, id);
    if (!row) throw notFound('That client');
    const tags = await tagsFor(db, [row.id]);
    return toClientDetail(row, actor.hiddenFields, tags.get(row.id) ?? []);
  }

  return {
    get: (actor: Actor, id: number) => detail(db, actor, id),

    /** A client created in the app is assigned to the staff member who created it, at home where they work today. */
    async create(actor: Actor, input: ParsedInput<'client-create'>): Promise<ClientDetail> {
      refuseHiddenEdits(actor, { ...input, phoneCountry: undefined }, hasValue);
      const defaultCountry = (await settings.get()).defaultCountry;
      const at = now().toISOString();
      const id = await db.transaction().execute(async (trx) => {
        if (input.email) await assertEmailFree(trx, actor, input.email);
        if (input.externalId) await assertCustomerIdFree(trx, actor, input.externalId);
        const columns = profileColumns(input, defaultCountry, at);
        const home = (await workplace.of(actor, trx)).current;
        const clientId = await insertClient(trx, {
          ...columns,
          first_name: input.firstName,
          created_by: actor.id,
          assigned_staff_id: actor.id,
          home_location_id: home?.id ?? null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        });
        await insertHistory(trx, [{ clientId, fromStaffId: null, toStaffId: actor.id, reason: 'creator', actorId: actor.id, at }]);
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'client.create',
          entity: 'client',
          entityId: clientId,
          after: { ...input, phoneE164: columns.phone_e164 ?? null, assignedStaffId: actor.id, homeLocationId: home?.id ?? null },
          at,
        });
        return clientId;
      });
      return this.get(actor, id);
    },

    /**
     * Saves only the fields sent, over the version the person opened: if anyone saved since,
     * nothing is written and the person is told, so no change is overwritten silently.
     */
    async update(actor: Actor, input: ParsedInput<'client-update'>): Promise<ClientDetail> {
      const defaultCountry = (await settings.get()).defaultCountry;
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const current = await findClientById(trx, actor.scope, input.id);
        if (!current) throw notFound('That client');
        if (current.version !== input.version) {
          const name = `${current.first_name} ${current.last_name}`.trim();
          throw stale(`${name} was changed by someone else since you opened it. Reload to see their changes, then make yours again.`, {
            currentVersion: current.version,
          });
        }
        const { id: _id, version: _version, tags, ...profile } = input;
        refuseHiddenEdits(actor, input);
        if (profile.email && emailKey(profile.email) !== (current.email === null ? null : emailKey(current.email))) await assertEmailFree(trx, actor, profile.email, current.id);
        if (profile.externalId && profile.externalId !== current.external_id) await assertCustomerIdFree(trx, actor, profile.externalId, current.id);
        const changes = profileColumns(profile, defaultCountry, at, current);
        const { before, after } = diff(current, changes);
        const oldTags = (await tagsFor(trx, [current.id])).get(current.id) ?? [];
        const tagsChanged = tags !== undefined && JSON.stringify([...tags].sort()) !== JSON.stringify([...oldTags].sort());
        if (tagsChanged) {
          await setClientTags(trx, current.id, tags, at);
          before.tags = oldTags;
          after.tags = tags;
        }
        if (Object.keys(after).length === 0) return;
        // The WHERE on version makes the check hold even against a writer outside this process.
        const result = await trx
          .updateTable('clients')
          .set({ ...changes, updated_at: at, version: current.version + 1 })
          .where('id', '=', current.id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale('This client was changed since you opened it. Reload and try again.');
        await insertAudit(trx, { actorId: actor.id, action: 'client.update', entity: 'client', entityId: current.id, before, after, at });
      });
      return this.get(actor, input.id);
    },
  };
}
export type ClientsService = ReturnType<typeof createClientsService>;
