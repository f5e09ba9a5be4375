import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { useChannelMutation } from '../../queries';

export function ChangePasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const change = useChannelMutation('password-change', { form: true });
  const form = useForm({
    initialValues: { current: '', next: '', confirmNext: '' },
    validate: contractRules('password-change', ({ current, next }) => ({ current, next }), (v) =>
      v.confirmNext === v.next ? {} : { confirmNext: 'Passwords do not match' },
    ),
  });

  const submit = form.onSubmit(async ({ current, next }) => {
    setError(null);
    try {
      await change.mutateAsync({ current, next });
      form.reset();
      notifications.show({ color: 'teal', message: 'Your password was changed.' });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not change your password">{error}</Alert>}
        <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('current')} />
        <PasswordInput
          label="New password"
          description={`At least ${LIMITS.passwordMin} characters`}
          autoComplete="new-password"
          {...form.getInputProps('next')}
        />
        <PasswordInput label="Confirm new password" autoComplete="new-password" {...form.getInputProps('confirmNext')} />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending}>Change password</Button>
        </Group>
      </Stack>
    </form>
  );
}
