import { describe, expect, it } from 'vitest';
import { describeAudit, idsIn, labelOf, words } from '../../src-main/domain/audit-text';

const names = {
  staff: new Map([[1, 'Ada Admin'], [2, 'Sam Seller']]),
  clients: new Map([[10, 'Emma Thompson']]),
  locations: new Map([[1, 'Main store']]),
  roles: new Map<number, string>(),
};

describe('audit rows in words', () => {
  it.each([
    [
      'a consent change by column name',
      { action: 'client.update', entity: 'client', entityId: 10, before: { consent_email: 0, consent_email_at: null }, after: { consent_email: 1, consent_email_at: '2026-03-01T09:00:00.000Z' } },
      'Changed',
      [{ label: 'Email consent', before: { text: 'No' }, after: { text: 'Yes' } }, { label: 'Email consent at', before: null, after: { instant: '2026-03-01T09:00:00.000Z' } }],
    ],
    [
      'a creation with nested consent and an address',
      { action: 'client.create', entity: 'client', entityId: 10, before: null, after: { firstName: 'Emma', consentEmail: { granted: true, source: 'in store' }, address: { city: 'Leeds' }, assignedStaffId: 1, birthday: '1985-04-03' } },
      'Added',
      [
        { label: 'First name', after: { text: 'Emma' } },
        { label: 'Email consent', after: { text: 'Yes' } },
        { label: 'Email consent source', after: { text: 'in store' } },
        { label: 'City', after: { text: 'Leeds' } },
        { label: 'Assigned associate', after: { text: 'Ada Admin' } },
        { label: 'Birthday', after: { day: '1985-04-03' } },
      ],
    ],
    [
      'a sale, its amount as money, its location by name',
      { action: 'client.sale.add', entity: 'client', entityId: 10, before: null, after: { interactionId: 5, kind: 'sale', occurredAt: '2026-03-01T09:00:00.000Z', amountCents: 123450, locationId: 1 } },
      'Sale recorded',
      [
        { label: 'Kind', after: { text: 'sale' } },
        { label: 'When', after: { instant: '2026-03-01T09:00:00.000Z' } },
        { label: 'Amount', after: { money: 123450 } },
        { label: 'Location', after: { text: 'Main store' } },
      ],
    ],
    [
      'an assignment to someone, from someone the reader cannot name',
      { action: 'client.assign', entity: 'client', entityId: 10, before: { assignedStaffId: 99 }, after: { assignedStaffId: 2 } },
      'Assigned associate changed',
      [{ label: 'Assigned associate', before: { text: 'a former staff member' }, after: { text: 'Sam Seller' } }],
    ],
    [
      'a value hidden from the reader',
      { action: 'client.update', entity: 'client', entityId: 10, before: { email: '(hidden)' }, after: { email: '(hidden)', notes: 'x' } },
      'Changed',
      [{ label: 'Notes', before: null, after: { text: 'x' } }],
    ],
    ['an erased row', { action: 'client.update', entity: 'client', entityId: 10, before: { erased: true }, after: { erased: true } }, 'Changed (details erased)', []],
    ['an automatic erasure', { action: 'client.purge', entity: 'client', entityId: 10, before: null, after: { mergedRecords: 0, trashRetentionDays: 30 } }, 'Erased automatically after more than 30 days in the Trash', []],
    ['a refusal', { action: 'access.denied', entity: 'channel', entityId: null, before: null, after: { channel: 'client-purge', action: 'client.purge', role: 'Manager' } }, 'Refused: erase clients for good', []],
  ])('%s', (_what, row, summary, changes) => {
    const d = describeAudit(row, names);
    expect(d.summary).toBe(summary);
    expect(d.changes).toEqual(changes);
  });

  it('names whom a row is about, and never a client the reader may not see', () => {
    expect(describeAudit({ action: 'client.delete', entity: 'client', entityId: 10, before: null, after: null }, names).subject).toBe('Emma Thompson');
    expect(describeAudit({ action: 'client.delete', entity: 'client', entityId: 11, before: null, after: null }, names).subject).toBe('a client you cannot see');
    expect(describeAudit({ action: 'staff.create', entity: 'staff', entityId: 2, before: null, after: null }, names).subject).toBe('Sam Seller');
  });

  it('reads every key as words, the client fields by the catalogue’s labels', () => {
    expect(labelOf('consent_sms')).toBe('SMS consent');
    expect(labelOf('consentEmail')).toBe('Email consent');
    expect(labelOf('total_spend_cents')).toBe('Total spend');
    expect(words('some_new_setting_id')).toBe('Some new setting');
    expect(words('hourlyLimit')).toBe('Hourly limit');
  });

  it('collects the ids to name, by kind', () => {
    const ids = idsIn([{ action: 'client.assign', entity: 'client', entityId: 10, before: { assignedStaffId: 1 }, after: { assignedStaffId: 2, locationIds: [1] } }]);
    expect([...ids.staff]).toEqual([1, 2]);
    expect([...ids.clients]).toEqual([10]);
    expect([...ids.locations]).toEqual([1]);
  });
});
