import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { StaffSummary } from '../../../src-preload/contract';
import { applyServerError, contractRules, samePassword } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { PasswordFields } from './PasswordFields';

export function StaffPasswordForm({ staff, onDone }: { staff: StaffSummary; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const reset = useChannelMutation('staff-reset-password', { form: true, invalidate: [keys.staff] });
  const form = useForm({ initialValues: { password: '', confirmPassword: '' }, validate: contractRules('staff-reset-password', ({ password }) => ({ id: staff.id, password }), samePassword) });

  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    try {
      await reset.mutateAsync({ id: staff.id, password });
      notifications.show({ color: 'teal', message: `${staff.name}'s password was reset.` });
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Set a new password for {staff.name}. Tell them in person; they can change it under Settings.
        </Text>
        {error && <Alert color="red" title="Could not reset the password">{error}</Alert>}
        <PasswordFields form={form} label="New password" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={reset.isPending}>Reset password</Button>
        </Group>
      </Stack>
    </form>
  );
}
