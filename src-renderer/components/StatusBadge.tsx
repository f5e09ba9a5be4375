import { Badge } from '@mantine/core';
import type { ClientSummary } from '../../src-preload/contract';

export function StatusBadge({ status }: { status: ClientSummary['status'] }) {
  return status === 'existing' ? (
    <Badge color="teal" variant="light">
      Existing
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Guest
    </Badge>
  );
}
