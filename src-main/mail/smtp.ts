/**
 * The one place that speaks to nodemailer: the transport for the shop's server, the message
 * as it goes out, and what a failure means for the message (try again later, give up, or
 * never send again because the server may already have it).
 */
import { createHash } from 'node:crypto';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { MailSecurity } from '../db/schema';

/** What a sender needs to reach the shop's server: settings plus the password, in memory only. */
export interface SmtpConfig {
  host: string;
  port: number;
  security: MailSecurity;
  username: string | null;
  password: string | null;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  hourlyLimit: number;
  /** Extra certificate authorities to trust (a shop's own relay; the tests' certificate). */
  ca?: string;
}

/** Connections the pool keeps open to the server: mailbox providers refuse more than a few. */
export const POOL_CONNECTIONS = 3;

export function transportOptions(c: SmtpConfig) {
  return {
    host: c.host,
    port: c.port,
    // 'tls': TLS from the first byte (usually 465); 'starttls': upgrade, refusing a server that cannot; 'none': a local relay.
    secure: c.security === 'tls',
    requireTLS: c.security === 'starttls',
    ignoreTLS: c.security === 'none',
    auth: c.username ? { user: c.username, pass: c.password ?? '' } : undefined,
    tls: { minVersion: 'TLSv1.2' as const, ...(c.ca ? { ca: c.ca } : {}) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

export function createPool(c: SmtpConfig) {
  return createTransport({ ...transportOptions(c), pool: true as const, maxConnections: POOL_CONNECTIONS, maxMessages: 500 });
}

export function createSingle(c: SmtpConfig) {
  return createTransport(transportOptions(c));
}

export interface OutgoingMessage {
  idempotencyKey: string;
  toName: string;
  toAddress: string;
  subject: string;
  body: string;
  marketing: boolean;
}

/** The address a client writes to to stop marketing email: the reply-to, else the sender. */
export const unsubscribeAddress = (c: Pick<SmtpConfig, 'replyTo' | 'fromAddress'>) => c.replyTo ?? c.fromAddress;

export const unsubscribeFooter = (c: Pick<SmtpConfig, 'replyTo' | 'fromAddress' | 'fromName'>) =>
  `To stop receiving these emails from ${c.fromName}, reply with "unsubscribe" or write to ${unsubscribeAddress(c)}.`;

/**
 * The Message-ID is derived from the idempotency key, so a message that did go out twice
 * (a retry by hand after an uncertain send) carries the same id and mail clients fold it.
 */
export function messageId(c: Pick<SmtpConfig, 'fromAddress'>, key: string): string {
  const domain = c.fromAddress.split('@').pop() ?? 'clientele.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

export function composeMessage(c: SmtpConfig, m: OutgoingMessage): SendMailOptions {
  const text = m.marketing ? `${m.body}\n\n--\n${unsubscribeFooter(c)}\n` : m.body;
  return {
    from: { name: c.fromName, address: c.fromAddress },
    to: { name: m.toName, address: m.toAddress },
    replyTo: c.replyTo ?? undefined,
    subject: m.subject,
    text,
    messageId: messageId(c, m.idempotencyKey),
    headers: m.marketing ? { 'X-Auto-Response-Suppress': 'OOF, AutoReply' } : undefined,
    list: m.marketing ? { unsubscribe: { url: `mailto:${unsubscribeAddress(c)}?subject=unsubscribe`, comment: 'Unsubscribe' } } : undefined,
  };
}

export type Outcome =
  | { kind: 'sent'; smtpId: string }
  /** The server or the connection said no for now: the message is fine, try again later. */
  | { kind: 'temporary'; reason: string }
  /** The server refused this message for good. */
  | { kind: 'permanent'; reason: string }
  /** The connection broke off with no answer: the server may have the message, so it is not sent again by itself. */
  | { kind: 'uncertain'; reason: string };

interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  timeoutType?: string;
}

/** Failures that happen before any message is handed over: nothing can have been sent. */
const BEFORE_SENDING = new Set(['EAUTH', 'ENOAUTH', 'EDNS', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EENVELOPE']);
const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Timeouts while connecting, before the server said hello or while upgrading to TLS. */
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

export function classify(err: unknown): Exclude<Outcome, { kind: 'sent' }> {
  const e = (err ?? {}) as SmtpError;
  const answer = e.response?.trim();
  if (e.responseCode && answer) {
    if (e.code === 'EAUTH') return { kind: 'temporary', reason: `The server refused the username or password: ${answer}` };
    return e.responseCode >= 500 ? { kind: 'permanent', reason: answer } : { kind: 'temporary', reason: answer };
  }
  const what = `${e.code ?? 'error'}${e.originalCode ? ` (${e.originalCode})` : ''}: ${e.message ?? String(err)}`;
  if (e.code && BEFORE_SENDING.has(e.code)) return { kind: 'temporary', reason: what };
  if (e.originalCode && REFUSED.has(e.originalCode)) return { kind: 'temporary', reason: `The server could not be reached: ${what}` };
  if (e.code === 'ETIMEDOUT' && e.timeoutType && SETUP_TIMEOUTS.has(e.timeoutType)) return { kind: 'temporary', reason: `The server did not answer: ${what}` };
  return { kind: 'uncertain', reason: `The connection broke off before the server answered (${what}); the server may have taken the message.` };
}
