/** Deleting a custom role: the server refuses while anyone holds it, and says who to move first. */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { RoleSummary } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function RoleDeleteDialog({ role, onDone }: { role: RoleSummary; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const remove = useChannelMutation('role-delete', { form: true, invalidate: [keys.roles] });

  const confirm = () => remove.mutate({ id: role.id }, { onSuccess: onDone, onError: (err) => setError(errorMessage(err)) });

  return (
    <Stack>
      <Text size="sm">Delete the {role.name} role? This cannot be undone.</Text>
      {error && <Alert color="red" title="Could not delete">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button color="red" onClick={confirm} loading={remove.isPending}>Delete role</Button>
      </Group>
    </Stack>
  );
}
