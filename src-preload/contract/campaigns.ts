/**
 * The contract's channels for email campaigns: a template sent to a segment or the current
 * list through the shop's mail server, with a preview on real clients, a test send, progress,
 * cancel and a report; and unsubscribing a client. Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { EMAIL_PATTERN } from '../email';
import { id, required, returns, trimmed } from '../fields';
import { LIMITS } from '../limits';
import { clientFilters } from './clients';
import type { MessageStatus } from './email';
import { channel } from './shared';

/** Who a campaign goes to: a segment, the client list as filtered and searched now, or the clients picked. */
export const campaignAudience = z
  .object({
    segmentId: z
      .string()
      .regex(/^(builtin:[a-z0-9-]{1,40}|saved:[1-9][0-9]{0,15})$/, 'Not a segment id')
      .optional(),
    query: trimmed(LIMITS.searchQuery, 'Search').optional(),
    filters: clientFilters.optional(),
    ids: z.array(id).min(1).max(100_000).optional(),
  })
  .strict()
  .refine((a) => [a.segmentId, a.query ?? a.filters, a.ids].filter((x) => x !== undefined).length <= 1, 'Choose a segment, the current list or picked clients, not several');

const subject = required(200, 'Subject').regex(/^[^\r\n]*$/, 'Subject is one line');
const body = required(20_000, 'Message');
const name = required(120, 'Campaign name');
const to = required(LIMITS.email, 'Send the test to').pipe(z.string().regex(EMAIL_PATTERN, 'Send the test to is not a valid address'));

export interface CampaignCount {
  /** Clients on the list the sender may see. */
  listed: number;
  /** Who will receive it: agreed to email, with an address, and not already sent this email by an earlier campaign. */
  recipients: number;
  /** Would receive it, but already have this email (same subject and message) from an earlier campaign. */
  alreadySent: number;
  noConsent: number;
  noAddress: number;
}

export interface CampaignPreview {
  count: CampaignCount;
  /** The message as up to three real recipients will read it. */
  samples: { clientId: number; name: string; subject: string; body: string }[];
}

export const CAMPAIGN_STATUSES = ['sending', 'done', 'cancelled'] as const;

export interface CampaignSummary {
  id: number;
  name: string;
  subject: string;
  status: (typeof CAMPAIGN_STATUSES)[number];
  createdAt: string;
  createdBy: string | null;
  recipients: number;
  /** Messages by status: sent, queued, sending, retrying, failed, cancelled. */
  counts: Record<MessageStatus, number>;
}

export interface CampaignRecipient {
  messageId: number;
  clientId: number;
  name: string;
  /** Null for a role that hides contact details. */
  email: string | null;
  status: MessageStatus;
  reason: string | null;
  /** The client has since withdrawn email consent. */
  unsubscribed: boolean;
}

export interface CampaignReport extends CampaignSummary {
  body: string;
  /** Problems first (failed, cancelled, retrying), then the rest; at most 1,000. */
  recipientsShown: CampaignRecipient[];
}

export const campaignChannels = {
  'campaign-preview': channel({
    input: z.object({ audience: campaignAudience, subject, body }).strict(),
    output: returns<CampaignPreview>(),
    sample: { audience: { filters: { status: 'existing' } }, subject: 'Spring at {{shop.name}}', body: 'Dear {{recipient.first_name}}, our spring collection is in.' },
  }),
  'campaign-test': channel({
    input: z.object({ subject, body, clientId: id, to }).strict(),
    output: returns<{ sent: boolean; answer: string }>(),
    sample: { subject: 'Spring at {{shop.name}}', body: 'Dear {{recipient.first_name}}', clientId: 1, to: 'me@example.com' },
  }),
  'campaign-start': channel({
    input: z.object({ name, audience: campaignAudience, subject, body }).strict(),
    output: returns<CampaignSummary>(),
    sample: { name: 'Spring collection', audience: { query: 'sample' }, subject: 'Spring at {{shop.name}}', body: 'Dear {{recipient.first_name}}, our spring collection is in.' },
  }),
  'campaign-list': channel({ input: z.object({}).strict(), output: returns<CampaignSummary[]>(), sample: {} }),
  'campaign-get': channel({ input: z.object({ id }).strict(), output: returns<CampaignReport>(), sample: { id: 1 } }),
  'campaign-cancel': channel({ input: z.object({ id }).strict(), output: returns<CampaignSummary>(), sample: { id: 1 } }),
  'client-unsubscribe': channel({
    input: z.object({ clientId: id, source: z.enum(['profile', 'campaign-report']), campaignId: id.optional() }).strict(),
    output: returns<{ clientId: number; unsubscribedAt: string; source: string }>(),
    sample: { clientId: 1, source: 'profile' },
  }),
} as const;

export type CampaignAudience = z.output<typeof campaignAudience>;
