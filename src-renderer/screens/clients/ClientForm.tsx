/**
 * A new client. The server assigns it to whoever creates it and checks every field again.
 * While the person types, clients they may see who look like this one are shown with a way
 * to open them instead of adding a duplicate.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ClientLookalike, Input } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { keepEnterInDateField } from '../../components/dateKeys';
import { applyServerError, contractRules } from '../../forms';
import { fullName } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useLookalikes, useSession } from '../../queries';

const EMPTY = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  birthday: null as string | null,
  notes: '',
  consentEmail: false,
  consentSms: false,
};
type Values = typeof EMPTY;

const WHY: Record<ClientLookalike['reason'], string> = {
  email: 'same email',
  phone: 'same phone',
  'name-phone': 'same name and phone',
  'name-birthday': 'same name and birthday',
  'name-email': 'same name and email name',
};

export function ClientForm({ onDone, onOpen }: { onDone: () => void; onOpen?: (id: number) => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('client-create', { form: true, invalidate: [keys.clients] });
  // Fields of a group hidden from the role are not offered: the main process refuses a value in them.
  const hidden = useSession(true).data?.hiddenFields ?? [];
  const shown = (group: (typeof hidden)[number]) => !hidden.includes(group);
  const input = (v: Values): Input<'client-create'> => ({
    firstName: v.firstName,
    lastName: v.lastName,
    ...(shown('contact') ? { email: v.email, phone: v.phone } : {}),
    ...(shown('dates') ? { birthday: v.birthday } : {}),
    ...(shown('notes') ? { notes: v.notes } : {}),
    consentEmail: { granted: v.consentEmail },
    consentSms: { granted: v.consentSms },
  });
  const form = useForm({
    initialValues: EMPTY,
    // The contract's rules and words, checked as the person submits (the server checks again).
    validate: contractRules('client-create', input),
  });

  const values = form.values;
  const typed = (text: string) => (text.trim() ? text.trim() : undefined);
  const probe: Input<'client-lookalikes'> = {
    firstName: typed(values.firstName),
    lastName: typed(values.lastName),
    ...(shown('contact') ? { email: values.email.includes('@') ? typed(values.email) : undefined, phone: typed(values.phone) } : {}),
    ...(shown('dates') && values.birthday ? { birthday: values.birthday } : {}),
  };
  // Debounced as text: a new object each render would restart the wait for ever.
  const [probeText] = useDebouncedValue(JSON.stringify(probe), 300);
  const lookalikes = useLookalikes(JSON.parse(probeText) as Input<'client-lookalikes'>).data ?? [];

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const client = await create.mutateAsync(input(v));
      notifications.show({ color: 'teal', message: `${fullName(client)} was added to your clients.` });
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title="Could not add the client">
            {error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="First name" required data-autofocus maxLength={LIMITS.personName} {...form.getInputProps('firstName')} />
          <TextInput label="Last name" maxLength={LIMITS.personName} {...form.getInputProps('lastName')} />
          {shown('contact') && <TextInput label="Email" type="email" maxLength={LIMITS.email} {...form.getInputProps('email')} />}
          {shown('contact') && <TextInput label="Phone" type="tel" maxLength={LIMITS.phone} {...form.getInputProps('phone')} />}
          {shown('dates') && (
            <DateInput
              label="Birthday"
              placeholder="YYYY-MM-DD"
              valueFormat="YYYY-MM-DD"
              clearable
              maxDate={new Date()}
              onKeyDown={keepEnterInDateField}
              {...form.getInputProps('birthday')}
            />
          )}
        </SimpleGrid>
        {shown('notes') && <Textarea label="Notes" autosize minRows={3} maxRows={8} maxLength={LIMITS.notes} {...form.getInputProps('notes')} />}
        {lookalikes.length > 0 && (
          <Alert color="yellow" title="This client may already be in your book" role="status">
            <Stack gap="xs">
              {lookalikes.map(({ client, reason }) => (
                <Group key={client.id} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    Looks like {fullName(client)}
                    {client.phone || client.email ? `, ${client.phone ?? client.email}` : ''} ({WHY[reason]})
                  </Text>
                  {onOpen && (
                    <Button size="xs" variant="default" onClick={() => onOpen(client.id)}>
                      Open {fullName(client)}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          </Alert>
        )}
        <Group>
          <Checkbox label="Agrees to email" {...form.getInputProps('consentEmail', { type: 'checkbox' })} />
          <Checkbox label="Agrees to text messages (SMS)" {...form.getInputProps('consentSms', { type: 'checkbox' })} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Save client
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
