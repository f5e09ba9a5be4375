import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StaffSummary } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { LocationsSelect } from './LocationsSelect';
import { choiceOf, fromChoice, useRoleChoices } from './roleChoice';

export function StaffEditForm({ staff, isMe, onDone }: { staff: StaffSummary; isMe: boolean; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('staff-update', { form: true, invalidate: [keys.staff, keys.appInfo] });
  const choices = useRoleChoices();
  const form = useForm({
    initialValues: {
      name: staff.name,
      role: choiceOf(staff),
      locationIds: staff.locationIds.map(String),
      posAssociateIds: staff.posAssociateIds,
      active: staff.active,
    },
    validate: contractRules('staff-update', ({ name }) => ({ id: staff.id, name })),
  });

  const submit = form.onSubmit(async ({ role, locationIds, ...values }) => {
    setError(null);
    try {
      // Only a changed role is sent: resending one's own role would still read as a role change.
      const roleChange = form.isDirty('role') ? fromChoice(role, choices.roles) : {};
      await update.mutateAsync({ id: staff.id, ...values, ...roleChange, locationIds: locationIds.map(Number) });
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
        <Select
          label="Role"
          data={choices.options}
          allowDeselect={false}
          disabled={isMe}
          description={isMe ? 'You cannot change your own role' : undefined}
          {...form.getInputProps('role')}
        />
        <LocationsSelect {...form.getInputProps('locationIds')} />
        <TagsInput
          label="POS ids"
          description="Every id this person has in your point-of-sale system (press Enter after each)"
          maxLength={LIMITS.posAssociateId}
          clearable
          {...form.getInputProps('posAssociateIds')}
        />
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
