/** The services appointments are booked for, each with its default length; kept by those whose role manages services. */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import type { Service } from '../../../src-preload/contract';
import { DURATION } from '../../../src-preload/contract';
import { ApiError, errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { useServices } from '../../queries.appointments';

export function ServicesSection() {
  const services = useServices(true);
  const create = useChannelMutation('service-create', { form: true, invalidate: [keys.services] });
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState<number | string>(60);
  const [error, setError] = useState<string | null>(null);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError('Give the service a name.');
    if (typeof minutes !== 'number') return setError('Give a default length in minutes.');
    try {
      await create.mutateAsync({ name: name.trim(), defaultDurationMinutes: minutes });
      setName('');
    } catch (err) {
      setError(err instanceof ApiError && err.issues.length ? err.issues.map((i) => i.message).join(' ') : errorMessage(err));
    }
  };

  return (
    <Stack>
      {(services.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {services.isPending ? 'Loading services…' : 'No services yet.'}
        </Text>
      ) : (
        <Table aria-label="Services" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Default length (minutes)</Table.Th>
              <Table.Th>Offered</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.data!.map((s) => (
              <ServiceRow key={s.id} service={s} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={add} noValidate>
        <Stack gap="xs">
          {error && <Alert color="red" title="Could not add the service">{error}</Alert>}
          <Group align="flex-end" gap="sm">
            <TextInput label="New service" maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
            <NumberInput label="Default length (minutes)" w={190} min={DURATION.min} max={DURATION.max} step={15} allowDecimal={false} value={minutes} onChange={setMinutes} />
            <Button type="submit" loading={create.isPending}>
              Add service
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function ServiceRow({ service }: { service: Service }) {
  const update = useChannelMutation('service-update', { invalidate: [keys.services, keys.appointments] });
  const [minutes, setMinutes] = useState<number | string>(service.defaultDurationMinutes);
  return (
    <Table.Tr>
      <Table.Td>{service.name}</Table.Td>
      <Table.Td>
        <NumberInput
          size="xs"
          w={110}
          aria-label={`Default length of ${service.name} in minutes`}
          min={DURATION.min}
          max={DURATION.max}
          step={15}
          allowDecimal={false}
          value={minutes}
          onChange={setMinutes}
          onBlur={() => typeof minutes === 'number' && minutes !== service.defaultDurationMinutes && update.mutate({ id: service.id, defaultDurationMinutes: minutes })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Offer ${service.name}`}
          checked={service.active}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ id: service.id, active: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}
