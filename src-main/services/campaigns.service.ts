/**
 * Email campaigns (email.send): a template sent to a segment or the current list through the
 * shop's mail server. Only clients the sender may see, with email consent and an address,
 * receive it, and only fields the sender may see are filled in. A campaign is its maker's:
 * someone else's is not found, unless the reader is an Admin who holds everything.
 * Unsubscribing a client (client.edit) withdraws their email consent, with where and when.
 */
import type { CampaignAudience, CampaignPreview, CampaignRecipient, CampaignReport, CampaignSummary, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { audienceCount, audienceSample, campaignRecipients, findCampaign, listCampaigns, statusCounts, type CampaignWithMaker } from '../db/queries/campaigns.queries';
import { findClientById } from '../db/queries/clients.queries';
import type { ExportFilter } from '../db/queries/export.queries';
import { closeFinishedCampaigns } from '../db/queries/messages.queries';
import { campaignValues, renderCampaign, unknownIn } from '../domain/campaigns';
import { decide, isUnrestricted, type Actor } from '../domain/permissions';
import type { EventSink } from '../ipc/router';
import { jobActor, type JobDatabase } from '../jobs/types';
import { classify, createSingle, composeMessage } from '../mail/smtp';
import { conflict, forbidden, invalidField, notFound } from './errors';
import { refuseHiddenFilters } from './hidden-filters.guard';
import type { Jobs } from './jobs';
import type { MailSettingsService } from './mail-settings.service';
import type { MailerService } from './mailer.service';
import type { SegmentsService } from './segments.service';
import type { SettingsService } from './settings.service';

const SAMPLES = 3;
const REPORT_ROWS = 1000;

const toSummary = (c: CampaignWithMaker, counts: CampaignSummary['counts']): CampaignSummary => ({
  id: c.id,
  name: c.name,
  subject: c.subject,
  status: c.status,
  createdAt: c.created_at,
  createdBy: c.created_by_name,
  recipients: c.recipients,
  counts,
});

export function createCampaignsService(deps: {
  db: Db;
  now: () => Date;
  settings: SettingsService;
  segments: SegmentsService;
  mailSettings: MailSettingsService;
  mailer: MailerService;
  jobs: Jobs;
  jobDatabase: JobDatabase;
}) {
  const { db, now } = deps;

  function checkTemplates(subject: string, body: string): void {
    const unknown = unknownIn(subject, body);
    if (unknown.length) throw invalidField('body', `Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  }

  /** The list as a filter inside the actor's scope; a segment is resolved from the session's person. */
  async function filterFor(actor: Actor, audience: CampaignAudience, channel: string): Promise<Omit<ExportFilter, 'consentedTo'>> {
    const at = now();
    const segment = audience.segmentId ? await deps.segments.resolve(actor, audience.segmentId) : undefined;
    const filters = segment?.filters ?? audience.filters;
    if (filters) await refuseHiddenFilters(db, actor, at, channel, filters, undefined, segment ? 'audience.segmentId' : 'audience.filters');
    return {
      scope: actor.scope,
      query: audience.query || undefined,
      searchContact: !actor.hiddenFields.has('contact'),
      ids: audience.ids,
      segment: filters && { filters, staffId: actor.id, now: at.toISOString() },
    };
  }

  async function mine(actor: Actor, id: number): Promise<CampaignWithMaker> {
    const c = await findCampaign(db, id);
    if (!c) throw notFound('That campaign');
    const d = decide(actor, 'email.send', { kind: 'owned', ownerId: c.created_by });
    if (!d.allowed) throw notFound('That campaign');
    return c;
  }

  const shopName = () => deps.settings.current()?.shopName ?? '';

  const service = {
    async preview(actor: Actor, input: ParsedInput<'campaign-preview'>): Promise<CampaignPreview> {
      checkTemplates(input.subject, input.body);
      const filter = await filterFor(actor, input.audience, 'campaign-preview');
      const content = { subject: input.subject, body: input.body };
      const count = await audienceCount(db, filter, content);
      const samples = (await audienceSample(db, filter, content, SAMPLES)).map((c) => ({
        clientId: c.id,
        name: `${c.first_name} ${c.last_name}`.trim(),
        ...renderCampaign(input.subject, input.body, campaignValues(c, shopName(), actor.hiddenFields)),
      }));
      return { count, samples };
    },

    /** The message as one client would get it, sent now to the sender's own address, with the server's answer. */
    async test(actor: Actor, input: ParsedInput<'campaign-test'>): Promise<{ sent: boolean; answer: string }> {
      checkTemplates(input.subject, input.body);
      const client = await findClientById(db, actor.scope, input.clientId);
      if (!client) throw notFound('That client');
      const config = await deps.mailSettings.config();
      if (!config) throw conflict('The mail server is not set up yet: an Admin sets it up in Settings > Email.');
      const m = renderCampaign(input.subject, input.body, campaignValues(client, shopName(), actor.hiddenFields));
      const transport = createSingle(config);
      let result: { sent: boolean; answer: string };
      try {
        const info = await transport.sendMail(
          composeMessage(config, { idempotencyKey: `campaign-test:${actor.id}:${now().toISOString()}`, toName: actor.name, toAddress: input.to, subject: `[Test] ${m.subject}`, body: m.body, marketing: true }),
        );
        result = { sent: true, answer: info.response };
      } catch (err) {
        result = { sent: false, answer: classify(err).reason };
      } finally {
        transport.close();
      }
      await insertAudit(db, { actorId: actor.id, action: 'campaign.test', entity: 'client', entityId: client.id, after: { subject: input.subject, sent: result.sent }, at: now().toISOString() });
      return result;
    },

    async start(actor: Actor, input: ParsedInput<'campaign-start'>, send: EventSink): Promise<CampaignSummary> {
      checkTemplates(input.subject, input.body);
      if (!(await deps.mailSettings.config())) throw conflict('The mail server is not set up yet: an Admin sets it up in Settings > Email.');
      const { scope: _scope, ...filter } = await filterFor(actor, input.audience, 'campaign-start');
      const job = deps.jobs.start(
        actor,
        {
          kind: 'campaign',
          params: {
            ...deps.jobDatabase,
            actor: jobActor(actor),
            filter,
            name: input.name,
            subject: input.subject,
            body: input.body,
            audience: JSON.stringify(input.audience),
            shopName: shopName(),
            at: now().toISOString(),
          },
        },
        send,
      );
      const { campaignId } = await job.result;
      await closeFinishedCampaigns(db, [campaignId]);
      deps.mailer.poke();
      return service.summary(actor, campaignId);
    },

    async summary(actor: Actor, id: number): Promise<CampaignSummary> {
      const c = await mine(actor, id);
      return toSummary(c, (await statusCounts(db, [id])).get(id)!);
    },

    async list(actor: Actor): Promise<CampaignSummary[]> {
      const rows = await listCampaigns(db, isUnrestricted(actor) ? null : actor.id);
      const counts = await statusCounts(db, rows.map((r) => r.id));
      return rows.map((r) => toSummary(r, counts.get(r.id)!));
    },

    async report(actor: Actor, id: number): Promise<CampaignReport> {
      const c = await mine(actor, id);
      const counts = (await statusCounts(db, [id])).get(id)!;
      const contact = !actor.hiddenFields.has('contact');
      const rows = await campaignRecipients(db, actor.scope, id, REPORT_ROWS);
      const recipientsShown: CampaignRecipient[] = rows.map((r) => ({
        messageId: r.id,
        clientId: r.client_id,
        name: `${r.first_name} ${r.last_name}`.trim(),
        email: contact ? r.to_address : null,
        status: r.status,
        reason: r.reason,
        unsubscribed: r.consent_email !== 1,
      }));
      return { ...toSummary(c, counts), body: c.body, recipientsShown };
    },

    /** Stops a campaign: what has not gone yet is cancelled; what is being handed to the server now still goes. */
    async cancel(actor: Actor, id: number): Promise<CampaignSummary> {
      const c = await mine(actor, id);
      if (c.status !== 'sending') throw conflict(`This campaign is ${c.status === 'done' ? 'finished' : 'already cancelled'}.`);
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('messages')
          .set({ status: 'cancelled', reason: `Campaign cancelled by ${actor.name}`, updated_at: at })
          .where('campaign_id', '=', id)
          .where('status', 'in', ['queued', 'retrying'])
          .executeTakeFirst();
        await trx.updateTable('campaigns').set({ status: 'cancelled', cancelled_at: at }).where('id', '=', id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'campaign.cancel', entity: 'campaign', entityId: id, after: { cancelled: Number(r.numUpdatedRows) }, at });
      });
      return service.summary(actor, id);
    },

    /** One click: the client withdraws email consent, recorded with where it was done and when; nothing more is emailed to them. */
    async unsubscribe(actor: Actor, input: ParsedInput<'client-unsubscribe'>): Promise<{ clientId: number; unsubscribedAt: string; source: string }> {
      const at = now().toISOString();
      let source = 'Unsubscribed from the profile';
      if (input.source === 'campaign-report') {
        if (!input.campaignId) throw invalidField('campaignId', 'Name the campaign whose report this is');
        const c = await mine(actor, input.campaignId).catch(() => {
          throw forbidden('Only the campaign’s sender, or an Admin, unsubscribes from its report.');
        });
        source = `Unsubscribed from the report of campaign “${c.name}”`;
      }
      await db.transaction().execute(async (trx) => {
        const client = await findClientById(trx, actor.scope, input.clientId);
        if (!client) throw notFound('That client');
        const before = { consentEmail: client.consent_email === 1, consentEmailAt: client.consent_email_at, consentEmailSource: client.consent_email_source };
        await trx
          .updateTable('clients')
          .set((eb) => ({ consent_email: 0, consent_email_at: at, consent_email_source: source, updated_at: at, version: eb('version', '+', 1) }))
          .where('id', '=', client.id)
          .execute();
        const cancelled = await trx
          .updateTable('messages')
          .set({ status: 'cancelled', reason: 'The client unsubscribed', updated_at: at })
          .where('client_id', '=', client.id)
          .where('status', 'in', ['queued', 'retrying'])
          .executeTakeFirst();
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'client.unsubscribe',
          entity: 'client',
          entityId: client.id,
          before,
          after: { consentEmail: false, consentEmailAt: at, consentEmailSource: source, campaignId: input.campaignId ?? null, emailsCancelled: Number(cancelled.numUpdatedRows) },
          at,
        });
      });
      return { clientId: input.clientId, unsubscribedAt: at, source };
    },
  };
  return service;
}
export type CampaignsService = ReturnType<typeof createCampaignsService>;
