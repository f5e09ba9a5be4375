/**
 * What one due life event becomes: the message or task for the recipient, or the reason
 * it is skipped. Pure, so the scheduler's decisions can be tested without a database.
 */
import type { TemplateValues } from './templates';
import { renderTemplate } from './templates';

export interface LifeEventRule {
  name: string;
  event: 'birthday' | 'anniversary';
  daysBefore: number;
  channel: 'email' | 'sms' | 'call';
  template: string;
  /** What the recipient is to the client ("Parent": the parent of the celebrating child), or null when the client is the recipient. */
  word: string | null;
  /**
   * What the client is to the recipient, the other side of the same relationship ("Child"):
   * the {{relationship}} placeholder reads from the recipient's side, "your child Olivia".
   */
  clientWord: string | null;
}

export interface Person {
  firstName: string;
  lastName: string;
}

export interface Recipient extends Person {
  email: string | null;
  phone: string | null;
  consentEmail: boolean;
  consentSms: boolean;
}

const fullName = (p: Person) => `${p.firstName} ${p.lastName}`.trim();

/** Why this recipient cannot be reached on this channel, or null. */
export function skipReason(channel: LifeEventRule['channel'], r: Recipient): string | null {
  if (channel === 'email') return !r.email ? 'No email address' : r.consentEmail ? null : 'Has not agreed to email messages';
  if (channel === 'sms') return !r.phone ? 'No phone number' : r.consentSms ? null : 'Has not agreed to text messages';
  return r.phone ? null : 'No phone number';
}

export function describeReason(rule: LifeEventRule, client: Person, recipient: Person, eventDate: string): string {
  const when = rule.daysBefore > 0 ? ` (in ${rule.daysBefore} days)` : rule.daysBefore < 0 ? ` (${-rule.daysBefore} days ago)` : ' (today)';
  const base = `${fullName(client)}'s ${rule.event} on ${eventDate}${when}`;
  return rule.word ? `${base}; ${fullName(recipient)} is the ${rule.word} of ${fullName(client)}` : base;
}

export function renderMessage(rule: LifeEventRule, client: Person, recipient: Person, shopName: string): string {
  const values: TemplateValues = {
    'recipient.first_name': recipient.firstName,
    'recipient.last_name': recipient.lastName,
    'client.first_name': client.firstName,
    'client.last_name': client.lastName,
    event: rule.event,
    days: String(Math.abs(rule.daysBefore)),
    relationship: rule.clientWord ? rule.clientWord.toLocaleLowerCase() : '',
    'shop.name': shopName,
  };
  return renderTemplate(rule.template, values);
}
