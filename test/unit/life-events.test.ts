import { describe, expect, it } from 'vitest';
import { addDays, localDate, monthDaysFallingOn, occurrenceIn } from '../../src-main/domain/calendar';
import { describeReason, renderMessage, skipReason } from '../../src-main/domain/life-events';
import { renderTemplate, unknownPlaceholders } from '../../src-main/domain/templates';

describe('calendar dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-25', 7, '2027-01-01'],
    ['2027-01-03', -7, '2026-12-27'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-28', 3, '2026-03-31'], // across a daylight-saving change in Europe
  ])('%s %+d days is %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));

  it('keeps a leap-day anniversary on 28 February in other years, and on the 29th in leap years', () => {
    expect(monthDaysFallingOn('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysFallingOn('2028-02-28')).toEqual(['02-28']);
    expect(monthDaysFallingOn('2028-02-29')).toEqual(['02-29']);
    expect(monthDaysFallingOn('2100-02-28')).toEqual(['02-28', '02-29']); // 2100 is not a leap year
    expect(occurrenceIn(2027, '02-29')).toBe('2027-02-28');
    expect(occurrenceIn(2028, '02-29')).toBe('2028-02-29');
  });

  it('takes the local calendar date in the shop’s time zone, not UTC', () => {
    const instant = new Date('2026-06-30T23:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-06-30');
    expect(localDate(instant, 'Europe/Paris')).toBe('2026-07-01');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-06-30');
    expect(localDate(new Date('2026-01-01T05:00:00Z'), 'America/New_York')).toBe('2026-01-01');
    expect(localDate(new Date('2026-01-01T04:59:00Z'), 'America/New_York')).toBe('2025-12-31');
  });
});

describe('templates', () => {
  it('names every unknown placeholder once', () => {
    expect(unknownPlaceholders('Hi {{recipient.first_name}}, {{ client.nickname }} and {{foo}} {{foo}}')).toEqual(['client.nickname', 'foo']);
    expect(unknownPlaceholders('Hello {{ recipient.first_name }} from {{shop.name}}')).toEqual([]);
  });

  it('renders known placeholders, with or without spaces inside the braces', () => {
    const values = {
      'recipient.first_name': 'Tom',
      'recipient.last_name': 'Doe',
      'client.first_name': 'Jane',
      'client.last_name': 'Doe',
      event: 'birthday',
      days: '7',
      relationship: 'spouse',
      'shop.name': 'Maison',
    };
    expect(renderTemplate('Hi {{ recipient.first_name }}: {{client.first_name}}’s {{event}} is in {{days}} days. — {{shop.name}}', values)).toBe(
      'Hi Tom: Jane’s birthday is in 7 days. — Maison',
    );
  });
});

describe('what a due life event becomes', () => {
  const rule = { name: 'Gift', event: 'birthday' as const, daysBefore: 7, channel: 'email' as const, template: 'Hi {{recipient.first_name}}, your {{relationship}} {{client.first_name}}…', word: 'Spouse', clientWord: 'Spouse' };
  const jane = { firstName: 'Jane', lastName: 'Doe' };
  const tom = { firstName: 'Tom', lastName: 'Doe', email: 'tom@example.com', phone: null, consentEmail: true, consentSms: false };

  it('respects consent and reachability per channel', () => {
    expect(skipReason('email', tom)).toBeNull();
    expect(skipReason('email', { ...tom, consentEmail: false })).toBe('Has not agreed to email messages');
    expect(skipReason('email', { ...tom, email: null })).toBe('No email address');
    expect(skipReason('sms', { ...tom, phone: '+14155550100' })).toBe('Has not agreed to text messages');
    expect(skipReason('call', tom)).toBe('No phone number');
    expect(skipReason('call', { ...tom, phone: '+14155550100' })).toBeNull();
  });

  it('renders the message and says why it exists', () => {
    expect(renderMessage(rule, jane, tom, 'Maison')).toBe('Hi Tom, your spouse Jane…');
    // To the parent of a celebrating daughter, she is their daughter: the placeholder reads from the recipient's side.
    expect(renderMessage({ ...rule, word: 'Mother', clientWord: 'Daughter' }, { firstName: 'Olivia', lastName: 'Doe' }, tom, 'Maison')).toBe('Hi Tom, your daughter Olivia…');
    expect(describeReason(rule, jane, tom, '2027-03-14')).toBe("Jane Doe's birthday on 2027-03-14 (in 7 days); Tom Doe is the Spouse of Jane Doe");
    expect(describeReason({ ...rule, word: null, daysBefore: 0 }, jane, jane, '2027-03-14')).toBe("Jane Doe's birthday on 2027-03-14 (today)");
  });
});
