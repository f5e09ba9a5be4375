/** How an assignment reads in words: why each additional staff member is there, and why the primary changed. */
import type { ClientAssignment } from '../../../src-preload/contract';
import { countOf, formatCalendarDate } from '../../format';
import { formatMoney } from '../../money';

type Additional = ClientAssignment['additional'][number];
type HistoryEntry = ClientAssignment['history'][number];


/** "first sale on 5 March 2024, TX000123 · 3 interactions" */
export function whyAdditional(s: Additional): string {
  const what = s.firstKind === 'sale' || s.firstKind === 'booking' ? s.firstKind : s.firstKind.replace(/[-_]/g, ' ');
  const first = `first ${what} on ${formatCalendarDate(s.firstAt.slice(0, 10))}${s.firstReference ? `, ${s.firstReference}` : ''}`;
  return `${first} · ${countOf(s.interactions, 'interaction')}`;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Why the primary changed, with what decided it. */
export function whyAssigned(h: HistoryEntry): string {
  const d = h.detail ?? {};
  // A sale, booking or note recorded by hand on an Unassigned client gave them to its staff member.
  if (d.byHand === true && (d.kind === 'sale' || d.kind === 'booking' || d.kind === 'note')) {
    return `A ${d.kind} with them, recorded by hand${h.actor ? ` by ${h.actor.name}` : ''}`;
  }
  switch (h.reason) {
    case 'manual':
      return h.actor ? `By hand, by ${h.actor.name}` : 'By hand';
    case 'creator':
      return 'Added the client';
    case 'default-assignee':
      return 'Shop’s default assignee';
    case 'onboarding': {
      const pos = text(d.posAssociateId);
      const total = typeof d.totalCents === 'number' ? ` with ${formatMoney(d.totalCents)} in sales` : '';
      const tie = d.tie === true ? ' (a tie, settled by the most recent sale)' : '';
      return `Onboarding: greatest total spend${pos ? `, POS id ${pos}` : ''}${total}${tie}`;
    }
    case 'sale': {
      const tx = text(d.transactionId);
      return `First sale after onboarding${tx ? `, transaction ${tx}` : ''}`;
    }
    case 'bulk':
      return h.actor ? `Bulk reassignment by ${h.actor.name}` : 'Bulk reassignment';
    case 'import':
      return h.actor ? `Client import by ${h.actor.name}` : 'Client import';
    case 'booking':
      return h.actor ? `Booked with them by ${h.actor.name}` : 'Booked with them';
  }
}
