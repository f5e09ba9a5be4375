import type { ClientDetail, ClientSummary, Page, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertHistory } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { findActiveByEmail, findClientById, insertClient, listClients, type ListKey } from '../db/queries/clients.queries';
import type { Actor } from '../domain/permissions';
import { normalisePhone } from '../domain/phone';
import { AppFailure, notFound } from './errors';
import { toClientDetail, toClientSummary } from './clients.mapping';
import type { SettingsService } from './settings.service';

const encodeCursor = (k: ListKey) => Buffer.from(JSON.stringify([k.lastName, k.firstName, k.id])).toString('base64url');

function decodeCursor(cursor: string | null | undefined): ListKey | undefined {
  if (!cursor) return undefined;
  try {
    const [lastName, firstName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lastName === 'string' && typeof firstName === 'string' && Number.isSafeInteger(id)) {
      return { lastName, firstName, id: id as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppFailure('VALIDATION', 'cursor: This list position is not valid; reload the list.', {
    issues: [{ field: 'cursor', message: 'Not a valid list position' }],
  });
}

export function createClientsService(db: Db, now: () => Date, settings: SettingsService) {
  return {
    async list(actor: Actor, input: ParsedInput<'client-list'>): Promise<Page<ClientSummary>> {
      const rows = await listClients(db, {
        scope: actor.scope,
        query: input.query || undefined,
        // A role that may not see contact details may not find clients by them either.
        searchContact: !actor.hiddenFields.has('contact'),
        after: decodeCursor(input.cursor),
        limit: input.limit + 1,
      });
      const items = rows.slice(0, input.limit).map((r) => toClientSummary(r, actor.hiddenFields));
      const last = items[items.length - 1];
      const more = rows.length > input.limit && last;
      return { items, nextCursor: more ? encodeCursor({ lastName: last.lastName, firstName: last.firstName, id: last.id }) : null };
    },

    async get(actor: Actor, id: number): Promise<ClientDetail> {
      const row = await findClientById(db, actor.scope, id);
      if (!row) throw notFound('That client');
      return toClientDetail(row, actor.hiddenFields);
    },

    /** A client created in the app is assigned to the staff member who created it. */
    async create(actor: Actor, input: ParsedInput<'client-create'>): Promise<ClientDetail> {
      const defaultCountry = (await settings.get()).defaultCountry;
      const phone = input.phone ? normalisePhone(input.phone, input.phoneCountry ?? defaultCountry) : null;
      const id = await db.transaction().execute(async (trx) => {
        if (input.email) {
          const holder = await findActiveByEmail(trx, input.email);
          if (holder) {
            const name = `${holder.first_name} ${holder.last_name}`.trim();
            throw new AppFailure('CONFLICT', `${name} already has the email ${input.email}.`, {
              issues: [{ field: 'email', message: `Already used by ${name}` }],
              existingClientId: holder.id,
            });
          }
        }
        const at = now().toISOString();
        const consent = (c: { granted: boolean; source: string | null } | undefined) =>
          c?.granted ? { granted: 1, at, source: c.source ?? 'in person' } : { granted: 0, at: null, source: null };
        const email = consent(input.consentEmail);
        const sms = consent(input.consentSms);
        const clientId = await insertClient(trx, {
          first_name: input.firstName,
          last_name: input.lastName,
          email: input.email,
          phone: phone?.typed ?? null,
          phone_e164: phone?.e164 ?? null,
          birthday: input.birthday ?? null,
          anniversary: input.anniversary ?? null,
          address_line1: input.address?.line1 ?? null,
          address_line2: input.address?.line2 ?? null,
          city: input.address?.city ?? null,
          region: input.address?.region ?? null,
          postal_code: input.address?.postalCode ?? null,
          country: input.address?.country ?? null,
          notes: input.notes,
          consent_email: email.granted,
          consent_email_at: email.at,
          consent_email_source: email.source,
          consent_sms: sms.granted,
          consent_sms_at: sms.at,
          consent_sms_source: sms.source,
          created_by: actor.id,
          assigned_staff_id: actor.id,
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
          after: { ...input, phoneE164: phone?.e164 ?? null, assignedStaffId: actor.id },
          at,
        });
        return clientId;
      });
      return this.get(actor, id);
    },
  };
}
export type ClientsService = ReturnType<typeof createClientsService>;
