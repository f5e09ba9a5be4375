/**
 * The shop's mail server (Admins): its settings in the book, its password in the secret
 * store beside it, and a test email that reports the server's own answer. The password is
 * never returned, logged or audited: the audit row says only whether it changed.
 */
import type { MailSettings, MailTestResult, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { getMailSettings, saveMailSettings } from '../db/queries/mail.queries';
import type { MailSettingsRow } from '../db/schema';
import type { Actor } from '../domain/permissions';
import { createLogger } from '../logger';
import type { SecretStore } from '../mail/secret-store';
import { classify, createSingle, type SmtpConfig } from '../mail/smtp';
import { AppFailure } from './errors';

const log = createLogger('mail');

const DEFAULTS = { host: '', port: 587, security: 'starttls', username: null, fromName: '', fromAddress: '', replyTo: null, hourlyLimit: 100 } as const;

export function createMailSettingsService(db: Db, now: () => Date, secrets: SecretStore, options: { ca?: string; changed?: () => void } = {}) {
  const view = (r: MailSettingsRow | undefined): MailSettings => ({
    configured: r !== undefined,
    ...(r
      ? { host: r.host, port: r.port, security: r.security, username: r.username, fromName: r.from_name, fromAddress: r.from_address, replyTo: r.reply_to, hourlyLimit: r.hourly_limit }
      : DEFAULTS),
    passwordStored: secrets.get() !== null,
    passwordStorage: secrets.storage,
    passwordStorageText: secrets.describe,
  });

  const service = {
    async get(): Promise<MailSettings> {
      return view(await getMailSettings(db));
    },

    /** The settings and the password, for a sender; null until the server is set up. */
    async config(): Promise<SmtpConfig | null> {
      const r = await getMailSettings(db);
      if (!r) return null;
      return {
        host: r.host,
        port: r.port,
        security: r.security,
        username: r.username,
        password: r.username ? secrets.get() : null,
        fromName: r.from_name,
        fromAddress: r.from_address,
        replyTo: r.reply_to,
        hourlyLimit: r.hourly_limit,
        ca: options.ca,
      };
    },

    async update(actor: Actor, input: ParsedInput<'mail-settings-update'>): Promise<MailSettings> {
      const at = now().toISOString();
      const passwordChange = input.clearPassword ? 'removed' : input.password !== undefined ? 'replaced' : 'kept';
      await db.transaction().execute(async (trx) => {
        const before = await getMailSettings(trx);
        await saveMailSettings(trx, {
          id: 1,
          host: input.host,
          port: input.port,
          security: input.security,
          username: input.username,
          from_name: input.fromName,
          from_address: input.fromAddress,
          reply_to: input.replyTo,
          hourly_limit: input.hourlyLimit,
          updated_by: actor.id,
          updated_at: at,
        });
        // The secret file is written inside the transaction, so a failed write saves nothing of the change.
        if (input.clearPassword) secrets.set(null);
        else if (input.password !== undefined) secrets.set(input.password);
        const { updated_by: _b, updated_at: _a, ...shownBefore } = before ?? {};
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'mail.settings',
          entity: 'shop',
          entityId: 1,
          before: before ? shownBefore : null,
          after: { host: input.host, port: input.port, security: input.security, username: input.username, from_name: input.fromName, from_address: input.fromAddress, reply_to: input.replyTo, hourly_limit: input.hourlyLimit, password: passwordChange },
          at,
        });
      });
      options.changed?.();
      return service.get();
    },

    /** Sends one email to `to` at once and reports what the server said, accepted or not. */
    async test(actor: Actor, input: ParsedInput<'mail-test'>): Promise<MailTestResult> {
      const c = await service.config();
      if (!c) throw new AppFailure('CONFLICT', 'The mail server is not set up yet: save its settings first.');
      const transport = createSingle(c);
      let result: MailTestResult;
      try {
        const info = await transport.sendMail({
          from: { name: c.fromName, address: c.fromAddress },
          to: input.to,
          replyTo: c.replyTo ?? undefined,
          subject: `Test email from ${c.fromName}`,
          text: `This is a test email from Clientele. If you can read it, ${c.fromName} can send email through ${c.host}.`,
        });
        result = { sent: true, answer: info.response };
      } catch (err) {
        const outcome = classify(err);
        result = { sent: false, answer: outcome.reason };
        log.warn(`test email not sent (${(err as { code?: string }).code ?? 'error'})`);
      } finally {
        transport.close();
      }
      await insertAudit(db, { actorId: actor.id, action: 'mail.test', entity: 'shop', entityId: 1, after: { sent: result.sent, answer: result.answer }, at: now().toISOString() });
      return result;
    },
  };
  return service;
}
export type MailSettingsService = ReturnType<typeof createMailSettingsService>;
