/** A new custom role: a name and the built-in role whose actions and visibility it starts with (then changed by ticking). */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Role } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { ROLE_LABELS } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

const bases = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));

export function RoleCreateForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('role-create', { form: true, invalidate: [keys.roles] });
  const form = useForm({
    initialValues: { name: '', baseRole: 'associate' as Role },
    validate: contractRules('role-create', (v) => v),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await create.mutateAsync(values);
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not create the role">{error}</Alert>}
        <TextInput label="Role name" required data-autofocus maxLength={LIMITS.roleName} {...form.getInputProps('name')} />
        <Select
          label="Based on"
          description="The new role starts with this role's actions and visibility; change them afterwards"
          data={bases}
          allowDeselect={false}
          {...form.getInputProps('baseRole')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Create role</Button>
        </Group>
      </Stack>
    </form>
  );
}
