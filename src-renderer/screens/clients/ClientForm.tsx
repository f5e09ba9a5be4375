/** A new client. The server assigns it to whoever creates it and checks every field again. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError } from '../../forms';
import { fullName } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useSession } from '../../queries';

export function ClientForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('client-create', { form: true, invalidate: [keys.clients] });
  // Fields of a group hidden from the role are not offered: the main process refuses a value in them.
  const hidden = useSession(true).data?.hiddenFields ?? [];
  const shown = (group: (typeof hidden)[number]) => !hidden.includes(group);
  const form = useForm({
    initialValues: {
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      birthday: null as string | null,
      notes: '',
      consentEmail: false,
      consentSms: false,
    },
    validate: { firstName: (v) => (v.trim() ? null : 'First name is required') },
  });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const client = await create.mutateAsync({
        firstName: v.firstName,
        lastName: v.lastName,
        ...(shown('contact') ? { email: v.email, phone: v.phone } : {}),
        ...(shown('dates') ? { birthday: v.birthday } : {}),
        ...(shown('notes') ? { notes: v.notes } : {}),
        consentEmail: { granted: v.consentEmail },
        consentSms: { granted: v.consentSms },
      });
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
              {...form.getInputProps('birthday')}
            />
          )}
        </SimpleGrid>
        {shown('notes') && <Textarea label="Notes" autosize minRows={3} maxRows={8} maxLength={LIMITS.notes} {...form.getInputProps('notes')} />}
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
