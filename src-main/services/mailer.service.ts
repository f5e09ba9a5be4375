/**
 * Email in the background: starts the sender with the book (in the mail worker where one is
 * built, inline otherwise), hands it the server settings when they change, wakes it when
 * messages are queued; and a client's messages, which staff who may send email can retry or
 * cancel by hand.
 */
import type { ClientMessage, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findClientById } from '../db/queries/clients.queries';
import { failInterrupted, findMessage, listClientMessages, type ClientMessageRow } from '../db/queries/messages.queries';
import type { Actor } from '../domain/permissions';
import type { JobDatabase } from '../jobs/types';
import { createLogger } from '../logger';
import { startMailWorker } from '../mail/mail-worker';
import { createSender } from '../mail/sender';
import type { SmtpConfig } from '../mail/smtp';
import { conflict, notFound } from './errors';

const log = createLogger('mailer');

const toMessage = (r: ClientMessageRow, actor: Actor): ClientMessage => ({
  id: r.id,
  kind: r.kind,
  campaign: r.campaign_id !== null && r.campaign_name !== null ? { id: r.campaign_id, name: r.campaign_name } : null,
  to: actor.hiddenFields.has('contact') ? null : r.to_address,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'retrying' ? r.next_attempt_at : null,
  serverAnswer: r.smtp_id,
  reason: r.reason,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

interface Background {
  configure(c: SmtpConfig | null): void;
  poke(): void;
  stop(): Promise<void>;
}

export function createMailerService(deps: {
  db: Db;
  now: () => Date;
  config: () => Promise<SmtpConfig | null>;
  jobDatabase: JobDatabase;
}) {
  const { db, now } = deps;
  let background: Background | null = null;

  const service = {
    /**
     * At start: messages cut off mid-send are failed, never resent by themselves; then the
     * sender starts (unless `run` is false: the command line, tests that send by hand).
     */
    async start(run: boolean): Promise<void> {
      const interrupted = await failInterrupted(db, now().toISOString());
      if (interrupted) log.warn(`${interrupted} email(s) were cut off mid-send when Clientele stopped; marked failed, not resent`);
      if (!run) return;
      if (deps.jobDatabase.workerFile) {
        background = startMailWorker(deps.jobDatabase.workerFile, deps.jobDatabase);
      } else {
        const inline = createSender({ db, now });
        inline.start();
        background = inline;
      }
      background.configure(await deps.config());
    },

    /** The settings changed: the sender reconnects with the new ones. */
    async reconfigure(): Promise<void> {
      background?.configure(await deps.config());
    },

    /** Something was queued: the sender looks now rather than at its next round. */
    poke(): void {
      background?.poke();
    },

    /** Sends what is due now, in this process, and returns how many went to the server (tests, the command line). */
    async drain(): Promise<number> {
      const sender = createSender({ db, now });
      sender.configure(await deps.config());
      try {
        return await sender.drain();
      } finally {
        await sender.stop();
      }
    },

    async stop(): Promise<void> {
      const b = background;
      background = null;
      await b?.stop();
    },

    async listForClient(actor: Actor, clientId: number): Promise<ClientMessage[]> {
      if (!(await findClientById(db, actor.scope, clientId))) throw notFound('That client');
      return (await listClientMessages(db, actor.scope, clientId)).map((r) => toMessage(r, actor));
    },

    /** Sends a failed or cancelled message again, now. One that may have gone (interrupted) goes again only because a person said so. */
    async retry(actor: Actor, input: ParsedInput<'message-retry'>): Promise<ClientMessage> {
      return service.change(actor, input.id, ['failed', 'cancelled', 'retrying'], 'queued', 'message.retry');
    },

    async cancel(actor: Actor, input: ParsedInput<'message-cancel'>): Promise<ClientMessage> {
      return service.change(actor, input.id, ['queued', 'retrying'], 'cancelled', 'message.cancel');
    },

    /** The router has checked email.send; the message must be about a client in the actor's scope. */
    async change(actor: Actor, id: number, from: string[], to: 'queued' | 'cancelled', action: string): Promise<ClientMessage> {
      const at = now().toISOString();
      const clientId = await db.transaction().execute(async (trx) => {
        const m = await findMessage(trx, actor.scope, id);
        if (!m) throw notFound('That email');
        if (!from.includes(m.status)) throw conflict(`This email is ${m.status}; it cannot be ${to === 'queued' ? 'retried' : 'cancelled'} now.`);
        await trx
          .updateTable('messages')
          .set({ status: to, next_attempt_at: at, reason: to === 'cancelled' ? `Cancelled by ${actor.name}` : null, updated_at: at })
          .where('id', '=', id)
          .execute();
        if (m.campaign_id !== null && to === 'queued') await trx.updateTable('campaigns').set({ status: 'sending' }).where('id', '=', m.campaign_id).where('status', '=', 'done').execute();
        await insertAudit(trx, { actorId: actor.id, action, entity: 'client', entityId: m.client_id, before: { messageId: id, status: m.status }, after: { messageId: id, status: to }, at });
        return m.client_id;
      });
      if (to === 'queued') service.poke();
      const [row] = (await listClientMessages(db, actor.scope, clientId)).filter((r) => r.id === id);
      return toMessage(row!, actor);
    },
  };
  return service;
}
export type MailerService = ReturnType<typeof createMailerService>;
