/** How the profile explains an assignment: the words for each reason, and why each additional staff member is there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientAssignment } from '../../src-preload/contract';
import { whyAdditional, whyAssigned } from '../../src-renderer/screens/clients/assignmentText';
import { formatMoney } from '../../src-renderer/money';
import { setFormatLocale } from '../../src-renderer/format';

type Entry = ClientAssignment['history'][number];
const mona = { id: 3, name: 'Mona' };
const entry = (reason: Entry['reason'], detail: Entry['detail'] = null, actor: Entry['actor'] = mona): Entry => ({
  id: 1,
  at: '2024-03-05T10:00:00.000Z',
  from: null,
  to: { id: 2, name: 'Sam' },
  reason,
  detail,
  actor,
});

describe('whyAssigned', () => {
  it('names who did it by hand or in bulk, and what decided an automatic assignment', () => {
    expect(whyAssigned(entry('manual'))).toBe('By hand, by Mona');
    expect(whyAssigned(entry('bulk', { batch: 'bulk-1' }))).toBe('Bulk reassignment by Mona');
    expect(whyAssigned(entry('creator'))).toBe('Added the client');
    expect(whyAssigned(entry('default-assignee', null, null))).toBe('Shop’s default assignee');
    expect(whyAssigned(entry('sale', { transactionId: 'TX000123' }, null))).toBe('First sale after onboarding, transaction TX000123');
  });

  it('says when a sale, booking or note recorded by hand gave an Unassigned client to its staff member', () => {
    expect(whyAssigned(entry('sale', { interactionId: 7, kind: 'sale', byHand: true }))).toBe('A sale with them, recorded by hand by Mona');
    expect(whyAssigned(entry('manual', { interactionId: 8, kind: 'note', byHand: true }))).toBe('A note with them, recorded by hand by Mona');
  });

  it('gives onboarding’s winning POS id and amount as money, and says when it was a tie', () => {
    const won = entry('onboarding', { posAssociateId: 'A001', totalCents: 180_000, tie: false });
    expect(whyAssigned(won)).toBe(`Onboarding: greatest total spend, POS id A001 with ${formatMoney(180_000)} in sales`);
    const tied = entry('onboarding', { posAssociateId: 'B', totalCents: 5_000, tie: true });
    expect(whyAssigned(tied)).toMatch(/POS id B with .* in sales \(a tie, settled by the most recent sale\)$/);
  });
});

describe('whyAdditional', () => {
  // Dates read in the shop's format; a British shop's here.
  beforeAll(() => setFormatLocale('en-GB'));
  afterAll(() => setFormatLocale(undefined));

  it('says what first brought them, with its reference, and how many interactions since', () => {
    const s = { id: 4, name: 'Kai', firstAt: '2024-03-05T15:30:00.000Z', firstKind: 'sale', firstReference: 'TX000123', interactions: 3 };
    expect(whyAdditional(s)).toBe('first sale on 5 Mar 2024, TX000123 · 3 interactions');
    expect(whyAdditional({ ...s, firstKind: 'booking', firstReference: null, interactions: 1 })).toBe('first booking on 5 Mar 2024 · 1 interaction');
  });
});

describe('formatMoney', () => {
  it('reads integer cents as an amount with two decimals', () => {
    expect(formatMoney(123_450)).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(1234.5));
    expect(formatMoney(-500)).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(-5));
  });
});
