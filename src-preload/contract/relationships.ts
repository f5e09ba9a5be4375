/**
 * The contract's channels for relationships between clients and the life-event
 * automations built on them. Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { empty, id, isoDate, required, returns, trimmed } from '../fields';
import { LIMITS } from '../limits';
import { channel } from './shared';

export interface RelationshipType {
  id: number;
  /** What the first client is to the second: "Parent" (of Lea). */
  name: string;
  /** What the second is to the first: "Child" (of Marc). Equal to `name` for Spouse, Friend. */
  reverseName: string;
  linkCount: number;
}

export interface RelationshipLink {
  id: number;
  typeId: number;
  /** What the other client is to the client the list is for: "Marc — Parent (of Lea)". */
  word: string;
  other: { id: number; firstName: string; lastName: string };
}

export const AUTOMATION_EVENTS = ['birthday', 'anniversary'] as const;
export const AUTOMATION_CHANNELS = ['email', 'sms', 'call'] as const;
/** The names a rule's template may use as {{name}}; the screen offers them, the service refuses any other. */
export const TEMPLATE_PLACEHOLDERS = [
  'recipient.first_name',
  'recipient.last_name',
  'client.first_name',
  'client.last_name',
  'event',
  'days',
  'relationship',
  'shop.name',
] as const;
export const RELATIONSHIP_SIDES = ['name', 'reverse'] as const;

export interface AutomationRule {
  id: number;
  name: string;
  event: (typeof AUTOMATION_EVENTS)[number];
  daysBefore: number;
  recipient: 'client' | 'related';
  relationshipTypeId: number | null;
  relationshipSide: (typeof RELATIONSHIP_SIDES)[number] | null;
  /** The recipient's word, e.g. "Spouse": the rule reaches every client who is the Spouse of the one celebrating. */
  relationshipWord: string | null;
  channel: (typeof AUTOMATION_CHANNELS)[number];
  template: string;
  active: boolean;
  /** Why the rule is off when the shop did not turn it off (its relationship type was deleted). */
  disabledReason: string | null;
}

/** A rule's message as it would read for a real pair of clients the person may see. */
export interface AutomationPreview {
  /** The client whose birthday or anniversary it is. */
  client: { id: number; name: string };
  /** Who would receive it: the client, or someone related to them. */
  recipient: { id: number; name: string };
  rendered: string;
}

export const OUTBOX_STATUSES = ['due', 'sent', 'done', 'skipped', 'snoozed'] as const;

export interface OutboxItem {
  id: number;
  ruleName: string;
  channel: (typeof AUTOMATION_CHANNELS)[number];
  client: { id: number; name: string };
  recipient: { id: number; name: string; email: string | null; phone: string | null };
  staff: { id: number; name: string } | null;
  /** The birthday or anniversary this year; null for a role that hides dates. */
  eventDate: string | null;
  dueDate: string;
  rendered: string;
  reason: string;
  status: (typeof OUTBOX_STATUSES)[number];
  skipReason: string | null;
  snoozedUntil: string | null;
}

const ruleFields = {
  name: required(80, 'Rule name'),
  event: z.enum(AUTOMATION_EVENTS),
  daysBefore: z.number({ error: 'Days before must be a whole number' }).int('Days before must be a whole number').min(-60, 'Days before can be at most 60 after the event').max(90, 'Days before can be at most 90'),
  recipient: z.enum(['client', 'related']),
  relationshipTypeId: id.nullish(),
  relationshipSide: z.enum(RELATIONSHIP_SIDES).nullish(),
  channel: z.enum(AUTOMATION_CHANNELS),
  template: required(2000, 'Template'),
  active: z.boolean(),
};

const relatedNeedsType = (r: { recipient?: string; relationshipTypeId?: number | null; relationshipSide?: string | null }) =>
  r.recipient !== 'related' || (r.relationshipTypeId != null && r.relationshipSide != null);

export const relationshipChannels = {
  'relationship-type-list': channel({ input: empty, output: returns<RelationshipType[]>(), sample: {} }),
  'relationship-type-create': channel({
    input: z
      .object({ name: required(LIMITS.relationshipName, 'Name'), reverseName: required(LIMITS.relationshipName, 'Reverse name') })
      .strict(),
    output: returns<RelationshipType>(),
    sample: { name: 'Godparent', reverseName: 'Godchild' },
  }),
  'relationship-type-update': channel({
    input: z
      .object({
        id,
        name: required(LIMITS.relationshipName, 'Name').optional(),
        reverseName: required(LIMITS.relationshipName, 'Reverse name').optional(),
      })
      .strict(),
    output: returns<RelationshipType>(),
    sample: { id: 1, reverseName: 'Child' },
  }),
  'relationship-type-delete': channel({
    input: z.object({ id, moveToTypeId: id.optional() }).strict(),
    output: returns<null>(),
    sample: { id: 1 },
  }),
  'relationship-list': channel({ input: z.object({ clientId: id }).strict(), output: returns<RelationshipLink[]>(), sample: { clientId: 1 } }),
  'relationship-create': channel({
    input: z
      .object({ clientId: id, otherClientId: id, typeId: id, side: z.enum(RELATIONSHIP_SIDES) })
      .strict()
      .refine((l) => l.clientId !== l.otherClientId, { message: 'A client cannot be linked to themself', path: ['otherClientId'] }),
    output: returns<RelationshipLink>(),
    sample: { clientId: 1, otherClientId: 2, typeId: 1, side: 'name' },
  }),
  'relationship-delete': channel({ input: z.object({ id }).strict(), output: returns<null>(), sample: { id: 1 } }),
  'automation-list': channel({ input: empty, output: returns<AutomationRule[]>(), sample: {} }),
  'automation-preview': channel({
    input: z
      .object({
        event: ruleFields.event,
        daysBefore: ruleFields.daysBefore,
        recipient: ruleFields.recipient,
        relationshipTypeId: ruleFields.relationshipTypeId,
        relationshipSide: ruleFields.relationshipSide,
        template: z.string().max(2000, 'Template can be at most 2,000 characters'),
        /** A client to preview for; else the first fitting one the person may see. */
        clientId: id.optional(),
      })
      .strict()
      .refine(relatedNeedsType, { message: 'Choose the relationship the recipient has to the client', path: ['relationshipTypeId'] }),
    /** Null when the person may see no client (or no linked pair) to preview with. */
    output: returns<AutomationPreview | null>(),
    sample: { event: 'birthday', daysBefore: 7, recipient: 'related', relationshipTypeId: 1, relationshipSide: 'name', template: 'Hi {{recipient.first_name}}, your {{relationship}} {{client.first_name}}…' },
  }),
  'automation-create': channel({
    input: z
      .object({ ...ruleFields, active: ruleFields.active.default(true) })
      .strict()
      .refine(relatedNeedsType, { message: 'Choose the relationship the recipient has to the client', path: ['relationshipTypeId'] }),
    output: returns<AutomationRule>(),
    sample: { name: 'Birthday call', event: 'birthday', daysBefore: 7, recipient: 'client', channel: 'call', template: 'Call {{recipient.first_name}} about {{event}}' },
  }),
  'automation-update': channel({
    input: z
      .object({ id, ...ruleFields })
      .partial()
      .required({ id: true })
      .strict(),
    output: returns<AutomationRule>(),
    sample: { id: 1, active: false },
  }),
  'automation-delete': channel({ input: z.object({ id }).strict(), output: returns<null>(), sample: { id: 1 } }),
  'automation-run': channel({ input: empty, output: returns<{ days: string[]; created: number; skipped: number }>(), sample: {} }),
  'outbox-list': channel({
    input: z
      .object({ scope: z.enum(['mine', 'everyone']).default('mine'), include: z.enum(['open', 'all']).default('open') })
      .strict(),
    output: returns<OutboxItem[]>(),
    sample: { scope: 'mine', include: 'all' },
  }),
  'outbox-update': channel({
    input: z
      .object({
        id,
        status: z.enum(['sent', 'done', 'skipped', 'snoozed', 'due']),
        snoozedUntil: isoDate.optional(),
        skipReason: trimmed(200, 'Reason').optional(),
      })
      .strict()
      .refine((u) => u.status !== 'snoozed' || u.snoozedUntil !== undefined, { message: 'Choose the day to snooze until', path: ['snoozedUntil'] }),
    output: returns<OutboxItem>(),
    sample: { id: 1, status: 'snoozed', snoozedUntil: '2026-03-08' },
  }),
  'outbox-export': channel({
    input: z.object({ scope: z.enum(['mine', 'everyone']).default('mine') }).strict(),
    output: returns<{ filename: string; csv: string; rows: number }>(),
    sample: { scope: 'mine' },
  }),
} as const;
