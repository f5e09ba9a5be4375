/** Who is working: pick a name (or type a username), then the password. */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { AppInfo } from '../../src-preload/contract';
import { AuthCard } from '../components/AuthCard';
import { applyServerError, contractRules } from '../forms';
import { useChannelMutation } from '../queries';
import { clearUserData, startSession, useLoginNotice } from '../session';

export function Login({ info }: { info: AppInfo }) {
  const client = useQueryClient();
  const [notice] = useLoginNotice();
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const login = useChannelMutation('session-login', { form: true });
  const form = useForm({
    initialValues: { username: notice?.username ?? '', password: '' },
    validate: contractRules('session-login', (v) => v),
  });

  // Whether the screen opened for a known person (a lock): read once, as the screen opens.
  const [focusPassword] = useState(() => Boolean(notice?.username));
  useEffect(() => {
    clearUserData(client);
    if (focusPassword) passwordRef.current?.focus();
    // Once per visit to this screen: whatever the previous user fetched goes before anyone logs in.
  }, [client, focusPassword]);

  const pick = (username: string) => {
    form.setFieldValue('username', username);
    form.clearFieldError('username');
    passwordRef.current?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      startSession(client, await login.mutateAsync(values));
    } catch (err) {
      setError(applyServerError(form, err));
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    }
  });

  return (
    <AuthCard title={info.shopName ?? 'Clientele'} subtitle="Log in to your client book">
      {notice && (
        <Alert color="blue" title="Session ended">
          {notice.message}
        </Alert>
      )}
      {info.loginNames.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={500} id="login-picker-label">
            Who is working?
          </Text>
          <Group gap="xs" role="group" aria-labelledby="login-picker-label">
            {info.loginNames.map((person) => (
              <Button
                key={person.username}
                size="xs"
                variant={form.values.username === person.username ? 'filled' : 'default'}
                aria-pressed={form.values.username === person.username}
                onClick={() => pick(person.username)}
              >
                {person.name}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" title="Could not log in">
              {error}
            </Alert>
          )}
          <TextInput label="Username" autoComplete="username" autoCapitalize="none" {...form.getInputProps('username')} />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            ref={passwordRef}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
