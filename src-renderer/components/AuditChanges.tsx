/** An audit row's changes as people read them: "Email consent: No → Yes", values in the shop's format. */
import { List, Text } from '@mantine/core';
import type { AuditChange, AuditValue } from '../../src-preload/contract';
import { formatCalendarDate, formatDateTime, formatNumber } from '../format';
import { formatMoney } from '../money';

export function auditValueText(v: AuditValue | undefined): string {
  if (v === null || v === undefined) return '(empty)';
  if ('text' in v) return v.text;
  if ('money' in v) return formatMoney(v.money);
  if ('number' in v) return formatNumber(v.number);
  if ('instant' in v) return formatDateTime(v.instant);
  return formatCalendarDate(v.day);
}

export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return null;
  return (
    <List size="sm" spacing={2} listStyleType="none" style={{ overflowWrap: 'anywhere' }}>
      {changes.map((c, i) => (
        <List.Item key={`${c.label}-${i}`}>
          <Text span fw={500} size="sm">
            {c.label}
          </Text>
          {': '}
          {'before' in c && (
            <>
              {auditValueText(c.before)}
              {' → '}
            </>
          )}
          {auditValueText(c.after)}
        </List.Item>
      ))}
    </List>
  );
}
