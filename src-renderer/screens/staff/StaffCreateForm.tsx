import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Input } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules, samePassword } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { LocationsSelect } from './LocationsSelect';
import { fromChoice, useRoleChoices } from './roleChoice';
import { PasswordFields } from './PasswordFields';

type StaffValues = {
  name: string;
  username: string;
  role: string;
  locationIds: string[];
  posAssociateId: string;
  password: string;
  confirmPassword: string;
};

export function StaffCreateForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('staff-create', { form: true, invalidate: [keys.staff, keys.appInfo] });
  const choices = useRoleChoices();
  const input = ({ confirmPassword: _, role, locationIds, ...values }: StaffValues): Input<'staff-create'> => ({
    ...values,
    ...fromChoice(role, choices.roles),
    locationIds: locationIds.map(Number),
  });
  const form = useForm<StaffValues>({
    initialValues: {
      name: '',
      username: '',
      role: 'built-in:associate',
      locationIds: [] as string[],
      posAssociateId: '',
      password: '',
      confirmPassword: '',
    },
    validate: contractRules('staff-create', (v) => input(v), samePassword),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await create.mutateAsync(input(values));
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not add staff">{error}</Alert>}
        <TextInput label="Name" required data-autofocus maxLength={LIMITS.personName} {...form.getInputProps('name')} />
        <TextInput
          label="Username"
          required
          autoCapitalize="none"
          maxLength={LIMITS.username}
          {...form.getInputProps('username')}
        />
        <Select label="Role" data={choices.options} allowDeselect={false} {...form.getInputProps('role')} />
        <LocationsSelect {...form.getInputProps('locationIds')} />
        <TextInput
          label="POS id"
          description="The associate's id in your point-of-sale system, if any"
          maxLength={LIMITS.posAssociateId}
          {...form.getInputProps('posAssociateId')}
        />
        <PasswordFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Save staff</Button>
        </Group>
      </Stack>
    </form>
  );
}
