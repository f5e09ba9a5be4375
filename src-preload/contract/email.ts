/**
 * The contract's channels for email through the shop's own SMTP server: its settings, a test
 * email, and each client's emails with their status. Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { EMAIL_PATTERN } from '../email';
import { empty, id, optionalText, required, returns } from '../fields';
import { LIMITS } from '../limits';
import { channel } from './shared';

export const MAIL_SECURITIES = ['starttls', 'tls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITIES)[number];

export interface MailSettings {
  /** False until an Admin has saved the server: nothing is sent by email before then. */
  configured: boolean;
  host: string;
  port: number;
  security: MailSecurity;
  username: string | null;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  hourlyLimit: number;
  /** Whether a password is stored; the password itself never leaves the main process. */
  passwordStored: boolean;
  /** Where it is kept: the system keychain (desktop app), or a file only its owner may read (browser host, command line). */
  passwordStorage: 'os-keychain' | 'owner-only-file';
  passwordStorageText: string;
}

/** What the server answered a test email, in its own words. */
export interface MailTestResult {
  sent: boolean;
  answer: string;
}

export const MESSAGE_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** One email to a client, as its profile lists it. */
export interface ClientMessage {
  id: number;
  kind: 'life-event' | 'campaign' | 'reminder';
  campaign: { id: number; name: string } | null;
  /** The address it went to; null for a role that hides contact details. */
  to: string | null;
  subject: string;
  status: MessageStatus;
  attempts: number;
  /** When the next try is due, while retrying. */
  nextAttemptAt: string | null;
  /** The server's answer when it took the message (its queue id). */
  serverAnswer: string | null;
  /** Why it is retrying, failed or cancelled, in the server's words where it gave them. */
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
}

const address = (label: string) => required(LIMITS.email, label).pipe(z.string().regex(EMAIL_PATTERN, `${label} is not a valid address`));
const optionalAddress = (label: string) =>
  optionalText(LIMITS.email, label).pipe(z.string().regex(EMAIL_PATTERN, `${label} is not a valid address`).nullable());

export const emailChannels = {
  'mail-settings-get': channel({ input: empty, output: returns<MailSettings>(), sample: {} }),
  'mail-settings-update': channel({
    input: z
      .object({
        host: required(253, 'Server').regex(/^[A-Za-z0-9.:[\]-]+$/, 'Server is a host name or an IP address'),
        port: z.number().int().min(1).max(65535),
        security: z.enum(MAIL_SECURITIES),
        username: optionalText(LIMITS.email, 'Username'),
        /** A new password; leave it out to keep the stored one. */
        password: z.string().min(1, 'Password is empty').max(1000).optional(),
        /** Forget the stored password (a relay that needs no login). */
        clearPassword: z.boolean().default(false),
        fromName: required(LIMITS.shopName, 'Sender name'),
        fromAddress: address('Sender address'),
        replyTo: optionalAddress('Reply-to address'),
        hourlyLimit: z.number().int().min(1).max(1_000_000),
      })
      .strict(),
    output: returns<MailSettings>(),
    // A relay on this machine: the policy matrix saves this sample and sends a test email through it.
    sample: { host: '127.0.0.1', port: 2525, security: 'none', username: null, fromName: 'Maison Sample', fromAddress: 'shop@example.com', hourlyLimit: 100 },
  }),
  'mail-test': channel({
    input: z.object({ to: address('Send the test to') }).strict(),
    output: returns<MailTestResult>(),
    sample: { to: 'owner@example.com' },
  }),
  'message-list': channel({ input: z.object({ clientId: id }).strict(), output: returns<ClientMessage[]>(), sample: { clientId: 1 } }),
  'message-retry': channel({ input: z.object({ id }).strict(), output: returns<ClientMessage>(), sample: { id: 1 } }),
  'message-cancel': channel({ input: z.object({ id }).strict(), output: returns<ClientMessage>(), sample: { id: 1 } }),
} as const;
