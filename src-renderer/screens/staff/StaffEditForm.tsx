import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StaffSummary } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError } from '../../forms';
import { roleOptions } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function StaffEditForm({ staff, isMe, onDone }: { staff: StaffSummary; isMe: boolean; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('staff-update', { form: true, invalidate: [keys.staff, keys.appInfo] });
  const form = useForm({
    initialValues: {
      name: staff.name,
      role: staff.role,
      posAssociateId: staff.posAssociateId ?? '',
      active: staff.active,
    },
    validate: { name: (v) => (v.trim() ? null : 'Name is required') },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await update.mutateAsync({ id: staff.id, ...values });
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not save">{error}</Alert>}
        <TextInput label="Name" required data-autofocus maxLength={LIMITS.personName} {...form.getInputProps('name')} />
        <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
        <TextInput label="POS id" maxLength={LIMITS.posAssociateId} {...form.getInputProps('posAssociateId')} />
        <Switch
          label="Active"
          description={isMe ? 'You cannot deactivate yourself' : 'Inactive staff cannot log in'}
          disabled={isMe}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={update.isPending}>Save changes</Button>
        </Group>
      </Stack>
    </form>
  );
}
