/**
 * Life-event automation rules, defined by Admins and Managers. A template is checked when
 * it is saved, so an unknown placeholder never reaches a client.
 */
import type { ParsedInput } from '../../src-preload/contract';
import type { AutomationPreview, AutomationRule } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { disableRulesOfType, findRule, insertRule, listRules, previewPair, updateRule, type RuleRow } from '../db/queries/automations.queries';
import { getSettings } from '../db/queries/settings.queries';
import { renderMessage } from '../domain/life-events';
import { isSymmetric } from '../domain/relationships';
import { findRelationshipType } from '../db/queries/relationships.queries';
import type { Actor } from '../domain/permissions';
import { unknownPlaceholders } from '../domain/templates';
import { conflict, invalidField, notFound } from './errors';

export const toRule = (r: RuleRow): AutomationRule => ({
  id: r.id,
  name: r.name,
  event: r.event,
  daysBefore: r.days_before,
  recipient: r.recipient,
  relationshipTypeId: r.relationship_type_id,
  relationshipSide: r.relationship_side,
  relationshipWord: r.relationship_side === 'name' ? r.type_name : r.relationship_side === 'reverse' ? r.type_reverse_name : null,
  channel: r.channel,
  template: r.template,
  active: r.active === 1,
  disabledReason: r.disabled_reason,
});

function checkTemplate(template: string | undefined): void {
  if (template === undefined) return;
  const unknown = unknownPlaceholders(template);
  if (unknown.length) {
    throw invalidField('template', `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  }
}

export function createAutomationsService(db: Db, now: () => Date) {
  async function requireRule(trx: Executor, id: number): Promise<RuleRow> {
    const rule = await findRule(trx, id);
    if (!rule) throw notFound('That automation rule');
    return rule;
  }

  async function checkType(trx: Executor, recipient: string, typeId: number | null | undefined): Promise<void> {
    if (recipient !== 'related') return;
    if (typeId == null || !(await findRelationshipType(trx, typeId))) throw invalidField('relationshipTypeId', 'There is no such relationship type');
  }

  return {
    list: async (): Promise<AutomationRule[]> => (await listRules(db)).map(toRule),

    /**
     * The message a rule being written would send, rendered for a real pair of clients the
     * person may see (the one they chose, or the first fitting one), exactly as the daily run
     * renders it; null when they may see none.
     */
    async preview(actor: Actor, input: ParsedInput<'automation-preview'>): Promise<AutomationPreview | null> {
      checkTemplate(input.template);
      const related = input.recipient === 'related';
      const type = related ? await findRelationshipType(db, input.relationshipTypeId!) : undefined;
      if (related && !type) throw invalidField('relationshipTypeId', 'There is no such relationship type');
      const side = related ? (input.relationshipSide ?? null) : null;
      const rule = { recipient: input.recipient, relationship_type_id: type?.id ?? null, relationship_side: side };
      const pair = await previewPair(db, actor.scope, rule, type ? isSymmetric(type) : false, input.clientId);
      if (!pair) return null;
      const word = type ? (side === 'name' ? type.name : type.reverse_name) : null;
      const clientWord = type ? (side === 'name' ? type.reverse_name : type.name) : null;
      const client = { firstName: pair.client_first_name, lastName: pair.client_last_name };
      const recipient = { firstName: pair.recipient_first_name, lastName: pair.recipient_last_name };
      const shop = await getSettings(db);
      const lifeRule = { name: '', event: input.event, daysBefore: input.daysBefore, channel: 'email' as const, template: input.template, word, clientWord };
      const name = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();
      return {
        client: { id: pair.client_id, name: name(client) },
        recipient: { id: pair.recipient_id, name: name(recipient) },
        rendered: renderMessage(lifeRule, client, recipient, shop?.shop_name ?? ''),
      };
    },

    async create(actor: Actor, input: ParsedInput<'automation-create'>): Promise<AutomationRule> {
      checkTemplate(input.template);
      return db.transaction().execute(async (trx) => {
        await checkType(trx, input.recipient, input.relationshipTypeId);
        const at = now().toISOString();
        const related = input.recipient === 'related';
        const { id } = await insertRule(trx, {
          name: input.name,
          event: input.event,
          days_before: input.daysBefore,
          recipient: input.recipient,
          relationship_type_id: related ? input.relationshipTypeId! : null,
          relationship_side: related ? input.relationshipSide! : null,
          channel: input.channel,
          template: input.template,
          active: input.active ? 1 : 0,
          disabled_reason: null,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
        });
        const rule = toRule(await requireRule(trx, id));
        await insertAudit(trx, { actorId: actor.id, action: 'automation.create', entity: 'automation', entityId: id, after: rule, at });
        return rule;
      });
    },

    async update(actor: Actor, input: ParsedInput<'automation-update'>): Promise<AutomationRule> {
      checkTemplate(input.template);
      return db.transaction().execute(async (trx) => {
        const before = await requireRule(trx, input.id);
        const recipient = input.recipient ?? before.recipient;
        const typeId = input.relationshipTypeId !== undefined ? input.relationshipTypeId : before.relationship_type_id;
        const side = input.relationshipSide !== undefined ? input.relationshipSide : before.relationship_side;
        if (recipient === 'related' && side == null) throw invalidField('relationshipSide', 'Choose the relationship the recipient has to the client');
        const turnsOn = input.active === true;
        if (turnsOn || input.recipient !== undefined || input.relationshipTypeId !== undefined) await checkType(trx, recipient, typeId);
        if (turnsOn && before.disabled_reason && input.relationshipTypeId === undefined && recipient === 'related') {
          throw conflict(`${before.disabled_reason}. Choose another relationship type to turn the rule back on.`);
        }
        const at = now().toISOString();
        await updateRule(trx, before.id, {
          name: input.name,
          event: input.event,
          days_before: input.daysBefore,
          recipient,
          relationship_type_id: recipient === 'related' ? typeId : null,
          relationship_side: recipient === 'related' ? side : null,
          channel: input.channel,
          template: input.template,
          active: input.active === undefined ? undefined : input.active ? 1 : 0,
          // A rule that was switched off by a deleted type is mended once it points somewhere real again.
          disabled_reason: recipient !== 'related' || input.relationshipTypeId !== undefined ? null : before.disabled_reason,
          updated_at: at,
        });
        const after = toRule(await requireRule(trx, before.id));
        await insertAudit(trx, { actorId: actor.id, action: 'automation.update', entity: 'automation', entityId: before.id, before: toRule(before), after, at });
        return after;
      });
    },

    async remove(actor: Actor, id: number): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const rule = await requireRule(trx, id);
        await trx.deleteFrom('automation_rules').where('id', '=', id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'automation.delete', entity: 'automation', entityId: id, before: toRule(rule), at: now().toISOString() });
      });
      return null;
    },

    /** Called in the transaction that deletes a relationship type. */
    async typeDeleted(trx: Executor, typeId: number, typeName: string): Promise<void> {
      await disableRulesOfType(trx, typeId, `Its relationship type "${typeName}" was deleted`, now().toISOString());
    },
  };
}
export type AutomationsService = ReturnType<typeof createAutomationsService>;
