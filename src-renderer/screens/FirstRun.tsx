/** The very first start: name the shop and create the first Admin, who is then logged in. */
import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { AppInfo } from '../../src-preload/contract';
import { LIMITS } from '../../src-preload/limits';
import { AuthCard } from '../components/AuthCard';
import { countryOptions, guessCountry } from '../countries';
import { applyServerError, contractRules, samePassword } from '../forms';
import { keys } from '../keys';
import { useChannelMutation } from '../queries';
import { startSession } from '../session';

export function FirstRun({ onRestore }: { onRestore: () => void }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const setup = useChannelMutation('setup-create', { form: true });
  const form = useForm({
    initialValues: {
      shopName: '',
      defaultCountry: guessCountry(),
      name: '',
      username: '',
      password: '',
      confirmPassword: '',
    },
    validate: contractRules('setup-create', ({ confirmPassword: _, ...input }) => input, samePassword),
  });

  const submit = form.onSubmit(async ({ confirmPassword: _, ...values }) => {
    setError(null);
    try {
      const session = await setup.mutateAsync(values);
      client.setQueryData<AppInfo>(keys.appInfo, (info) =>
        info ? { ...info, setupNeeded: false, shopName: values.shopName.trim() } : info,
      );
      startSession(client, session);
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <AuthCard title="Welcome to Clientele" subtitle="Set up your shop and create the first admin account. Every field is needed.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" title="Could not set up">
              {error}
            </Alert>
          )}
          <TextInput label="Shop name" maxLength={LIMITS.shopName} {...form.getInputProps('shopName')} />
          <Select
            label="Default country"
            description="Used to read phone numbers typed without a country code"
            data={countryOptions}
            searchable
            allowDeselect={false}
            {...form.getInputProps('defaultCountry')}
          />
          <TextInput label="Your name" maxLength={LIMITS.personName} {...form.getInputProps('name')} />
          <TextInput
            label="Username"
            autoComplete="username"
            autoCapitalize="none"
            maxLength={LIMITS.username}
            {...form.getInputProps('username')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${LIMITS.passwordMin} characters`}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={setup.isPending}>
            Create shop and log in
          </Button>
        </Stack>
      </form>
      {/* A link-styled button that wraps: as a Button its label was cut at the card's edge. */}
      <Anchor component="button" type="button" onClick={onRestore} ta="center" size="sm" style={{ whiteSpace: 'normal' }}>
        Moving from another PC? Restore from a backup
      </Anchor>
    </AuthCard>
  );
}
