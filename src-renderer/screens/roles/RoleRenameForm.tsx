import { useState } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { RoleSummary } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function RoleRenameForm({ role, onDone }: { role: RoleSummary; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  // Staff rows show role names, so they are stale too.
  const update = useChannelMutation('role-update', { form: true, invalidate: [keys.roles, keys.staff] });
  const form = useForm({
    initialValues: { name: role.name },
    validate: contractRules('role-update', ({ name }) => ({ id: role.id, name })),
  });

  const submit = form.onSubmit(async ({ name }) => {
    setError(null);
    try {
      await update.mutateAsync({ id: role.id, name });
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not rename the role">{error}</Alert>}
        <TextInput label="Role name" required data-autofocus maxLength={LIMITS.roleName} {...form.getInputProps('name')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={update.isPending}>Rename</Button>
        </Group>
      </Stack>
    </form>
  );
}
