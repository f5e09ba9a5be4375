/** Deleting is for mistakes only: the server refuses anyone with history, and says why. */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { StaffSummary } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function StaffDeleteDialog({ staff, onDone }: { staff: StaffSummary; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const remove = useChannelMutation('staff-delete', { form: true, invalidate: [keys.staff, keys.appInfo] });

  const confirm = () =>
    remove.mutate({ id: staff.id }, { onSuccess: onDone, onError: (err) => setError(errorMessage(err)) });

  return (
    <Stack>
      <Text size="sm">
        Delete {staff.name} ({staff.username})? This cannot be undone. To keep their history and stop them
        logging in, edit them and turn off Active instead.
      </Text>
      {error && <Alert color="red" title="Could not delete">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button color="red" onClick={confirm} loading={remove.isPending}>Delete</Button>
      </Group>
    </Stack>
  );
}
