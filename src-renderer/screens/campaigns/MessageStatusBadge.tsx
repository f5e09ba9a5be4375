/** An email's status, in words and colour: the same on a client's profile and a campaign's report. */
import { Badge } from '@mantine/core';
import type { MessageStatus } from '../../../src-preload/contract';

const LOOK: Record<MessageStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  sending: { label: 'Sending', color: 'blue' },
  retrying: { label: 'Retrying', color: 'orange' },
  sent: { label: 'Sent', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}
