/** How a rule reads in the list: "7 days before", "their Spouse", "Call task". */
import type { AutomationRule } from '../../../src-preload/contract';

export const EVENT_LABELS: Record<AutomationRule['event'], string> = { birthday: 'Birthday', anniversary: 'Anniversary' };

export const CHANNEL_LABELS: Record<AutomationRule['channel'], string> = { email: 'Email', sms: 'SMS', call: 'Call task' };

export function whenText(daysBefore: number): string {
  if (daysBefore === 0) return 'on the day';
  const n = Math.abs(daysBefore);
  return `${n} ${n === 1 ? 'day' : 'days'} ${daysBefore > 0 ? 'before' : 'after'}`;
}

export function recipientText(rule: Pick<AutomationRule, 'recipient' | 'relationshipWord'>): string {
  if (rule.recipient === 'client') return 'the client';
  return rule.relationshipWord ? `their ${rule.relationshipWord}` : 'a related client (type deleted)';
}
