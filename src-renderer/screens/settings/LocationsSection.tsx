/** The shop's locations: where staff work, for "clients at my locations" visibility. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation, useLocationList } from '../../queries';

export function LocationsSection() {
  const locations = useLocationList();
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('location-create', { form: true, invalidate: [keys.locations] });
  const form = useForm({
    initialValues: { name: '' },
    validate: contractRules('location-create', (v) => v),
  });

  const submit = form.onSubmit(async ({ name }) => {
    setError(null);
    try {
      await create.mutateAsync({ name });
      form.reset();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <Stack>
      {locations.data?.length ? (
        <List aria-label="Locations" spacing={4}>
          {locations.data.map((l) => (
            <List.Item key={l.id}>
              {l.name}{' '}
              {l.isDefault && (
                <Badge size="xs" variant="light" color="gray">
                  Default
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {locations.isPending ? 'Loading locations…' : 'No locations yet.'}
        </Text>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          {error && <Alert color="red" title="Could not add the location">{error}</Alert>}
          <Group align="flex-start" gap="sm">
            <TextInput
              label="New location"
              maxLength={LIMITS.locationName}
              style={{ flex: 1 }}
              {...form.getInputProps('name')}
            />
            <Button type="submit" mt={25} loading={create.isPending}>
              Add location
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
