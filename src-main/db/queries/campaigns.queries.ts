import { sql } from 'kysely';
import type { CampaignCount } from '../../../src-preload/contract';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import type { MessageStatus } from '../schema';
import { exportedClients, type ExportFilter } from './export.queries';
import { visibleTo } from './scope';

/**
 * Clients who already have this email (same subject and message) from an earlier campaign,
 * sent or on its way: a campaign sent again to a list that grew reaches only the newcomers.
 */
export const alreadySentTo = (db: Executor, content: { subject: string; body: string }) =>
  db
    .selectFrom('messages')
    .innerJoin('campaigns', 'campaigns.id', 'messages.campaign_id')
    .select('messages.client_id')
    .where('campaigns.subject', '=', content.subject)
    .where('campaigns.body', '=', content.body)
    .where(sql<boolean>`messages.status IN ('queued', 'sending', 'retrying', 'sent')`);

/** Who is on a campaign's list, and who of them it reaches. */
export async function audienceCount(db: Executor, f: ExportFilter, content: { subject: string; body: string }): Promise<CampaignCount> {
  const reachable = sql<boolean>`clients.email IS NOT NULL AND clients.consent_email = 1`;
  const r = await exportedClients(db, f)
    .select([
      sql<number>`count(*)`.as('listed'),
      sql<number>`coalesce(sum(${reachable} AND clients.id NOT IN (${alreadySentTo(db, content)})), 0)`.as('recipients'),
      sql<number>`coalesce(sum(${reachable} AND clients.id IN (${alreadySentTo(db, content)})), 0)`.as('alreadySent'),
      sql<number>`coalesce(sum(clients.email IS NOT NULL AND clients.consent_email = 0), 0)`.as('noConsent'),
      sql<number>`coalesce(sum(clients.email IS NULL), 0)`.as('noAddress'),
    ])
    .clearOrderBy()
    .executeTakeFirstOrThrow();
  return { listed: Number(r.listed), recipients: Number(r.recipients), alreadySent: Number(r.alreadySent), noConsent: Number(r.noConsent), noAddress: Number(r.noAddress) };
}

/** The first few who will receive it, for the preview. */
export const audienceSample = (db: Executor, f: ExportFilter, content: { subject: string; body: string }, limit: number) =>
  exportedClients(db, { ...f, consentedTo: 'email' })
    .select(['clients.id', 'clients.first_name', 'clients.last_name'])
    .where('clients.id', 'not in', alreadySentTo(db, content))
    .limit(limit)
    .execute();

export const findCampaign = (db: Executor, id: number) =>
  db.selectFrom('campaigns').leftJoin('staff', 'staff.id', 'campaigns.created_by').selectAll('campaigns').select('staff.name as created_by_name').where('campaigns.id', '=', id).executeTakeFirst();
export type CampaignWithMaker = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export function listCampaigns(db: Executor, ownerId: number | null) {
  let q = db.selectFrom('campaigns').leftJoin('staff', 'staff.id', 'campaigns.created_by').selectAll('campaigns').select('staff.name as created_by_name').orderBy('campaigns.id', 'desc').limit(200);
  if (ownerId !== null) q = q.where('campaigns.created_by', '=', ownerId);
  return q.execute();
}

export async function statusCounts(db: Executor, campaignIds: number[]): Promise<Map<number, Record<MessageStatus, number>>> {
  const out = new Map<number, Record<MessageStatus, number>>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .select(['campaign_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', campaignIds)
    .groupBy(['campaign_id', 'status'])
    .execute();
  for (const id of campaignIds) out.set(id, { queued: 0, sending: 0, retrying: 0, sent: 0, failed: 0, cancelled: 0 });
  for (const r of rows) out.get(r.campaign_id!)![r.status] = Number(r.n);
  return out;
}

/** A campaign's recipients the reader may see: problems first, then the rest. */
export const campaignRecipients = (db: Executor, scope: ClientScope, campaignId: number, limit: number) =>
  db
    .selectFrom('messages')
    .innerJoin('clients', 'clients.id', 'messages.client_id')
    .select([
      'messages.id',
      'messages.client_id',
      'messages.to_address',
      'messages.status',
      'messages.reason',
      'clients.first_name',
      'clients.last_name',
      'clients.consent_email',
    ])
    .where('messages.campaign_id', '=', campaignId)
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, scope))
    .orderBy(sql`CASE messages.status WHEN 'failed' THEN 0 WHEN 'cancelled' THEN 1 WHEN 'retrying' THEN 2 ELSE 3 END`)
    .orderBy('messages.id')
    .limit(limit)
    .execute();
