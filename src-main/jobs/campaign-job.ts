/**
 * Queues a campaign: the campaign and one message per recipient (in the sender's scope, with
 * email consent and an address, not already sent the same email by an earlier campaign), rendered with only the fields the sender may see, in one
 * transaction on the job's own connection. The mail sender takes it from there.
 */
import { alreadySentTo } from '../db/queries/campaigns.queries';
import { exportQuery } from '../db/queries/export.queries';
import { campaignValues, renderCampaign } from '../domain/campaigns';
import { openJobDb } from './job-db';
import { JobCancelled, type CampaignParams, type JobContext } from './types';

const PROGRESS_EVERY = 2000;

export async function runCampaign(p: CampaignParams, ctx: JobContext): Promise<{ campaignId: number; recipients: number }> {
  const db = openJobDb(p);
  const hidden = new Set(p.actor.hiddenFields);
  try {
    const q = exportQuery(db.kysely, { ...p.filter, scope: p.actor.scope, consentedTo: 'email' }, ['id', 'first_name', 'last_name', 'email']);
    db.sqlite.exec('BEGIN IMMEDIATE');
    const sent = alreadySentTo(db.kysely, { subject: p.subject, body: p.body }).compile();
    const already = new Set(db.sqlite.prepare(sent.sql).pluck().all(...(sent.parameters as unknown[])) as number[]);
    const clients = (db.sqlite.prepare(q.sql).all(...(q.parameters as unknown[])) as { id: number; first_name: string; last_name: string; email: string }[]).filter((c) => !already.has(c.id));
    const campaignId = Number(
      db.sqlite
        .prepare(`INSERT INTO campaigns (name, subject, body, audience, status, recipients, created_by, created_at) VALUES (?, ?, ?, ?, 'sending', ?, ?, ?)`)
        .run(p.name, p.subject, p.body, p.audience, clients.length, p.actor.id, p.at).lastInsertRowid,
    );
    const insert = db.sqlite.prepare(
      `INSERT INTO messages (idempotency_key, kind, client_id, campaign_id, to_address, to_name, subject, body, marketing, status, next_attempt_at, created_by, created_at, updated_at)
       VALUES (?, 'campaign', ?, ?, ?, ?, ?, ?, 1, 'queued', ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    let done = 0;
    for (const c of clients) {
      const m = renderCampaign(p.subject, p.body, campaignValues(c, p.shopName, hidden));
      insert.run(`campaign:${campaignId}:${c.id}`, c.id, campaignId, c.email, `${c.first_name} ${c.last_name}`.trim(), m.subject, m.body, p.at, p.actor.id, p.at, p.at);
      if (++done % PROGRESS_EVERY === 0) {
        if (ctx.cancelled()) throw new JobCancelled();
        ctx.progress({ phase: 'queue', done, total: clients.length, rows: done });
      }
    }
    db.sqlite
      .prepare(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before, after) VALUES (?, ?, 'campaign.start', 'campaign', ?, NULL, ?)`)
      .run(p.at, p.actor.id, campaignId, JSON.stringify({ name: p.name, subject: p.subject, audience: JSON.parse(p.audience) as unknown, recipients: clients.length }));
    db.sqlite.exec('COMMIT');
    ctx.progress({ phase: 'queue', done, total: clients.length, rows: done });
    return { campaignId, recipients: clients.length };
  } finally {
    if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK');
    db.close();
  }
}
