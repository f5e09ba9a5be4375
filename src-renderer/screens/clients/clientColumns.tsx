/** The client table's columns: what each shows. Which ones show, and in what order, is the person's choice. */
import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
import type { ClientSummary } from '../../../src-preload/contract';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../format';
import { formatMoney } from '../../money';

export type ColumnId = 'email' | 'phone' | 'assigned' | 'status' | 'created' | 'lastVisit' | 'totalSpend' | 'city' | 'tags';

export const COLUMNS: Record<ColumnId, { label: string; cell: (c: ClientSummary) => ReactNode }> = {
  email: { label: 'Email', cell: (c) => c.email ?? '' },
  phone: { label: 'Phone', cell: (c) => c.phone ?? '' },
  assigned: {
    label: 'Assigned associate',
    cell: (c) =>
      c.assignedStaffName ?? (
        <Text span c="dimmed" size="sm">
          Unassigned
        </Text>
      ),
  },
  status: { label: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
  created: { label: 'Created', cell: (c) => formatDate(c.createdAt) },
  lastVisit: { label: 'Last visit', cell: (c) => (c.lastVisitAt ? formatDate(c.lastVisitAt) : '') },
  totalSpend: { label: 'Total spend', cell: (c) => (c.totalSpendCents === null ? '' : formatMoney(c.totalSpendCents)) },
  city: { label: 'City', cell: (c) => c.city ?? '' },
  tags: { label: 'Tags', cell: (c) => c.tags.join(', ') },
};

export const DEFAULT_COLUMNS: ColumnId[] = ['email', 'phone', 'assigned', 'status', 'created'];

