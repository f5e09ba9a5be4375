/**
 * Editing a client over the version that was opened: the server refuses a save over a newer
 * one, and the form says so instead of overwriting someone else's change.
 */
import { useState } from 'react';
import type { FieldGroup } from '../../../src-preload/policy';
import { Alert, Button, Checkbox, Group, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { getCountries } from 'libphonenumber-js';
import type { ClientDetail } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { ApiError } from '../../api';
import { keepEnterInDateField } from '../../components/dateKeys';
import { applyServerError } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { useForm } from '@mantine/form';

const COUNTRIES = getCountries().map((c) => ({ value: c, label: c }));

export function ClientEditForm({ client, onDone, onReload }: { client: ClientDetail; onDone: () => void; onReload: () => void }) {
  const [error, setError] = useState<string | null>(null);
  /** Why the last save failed, when the answer is not in the fields: changed meanwhile (reload), or the book was busy (try again). */
  const [problem, setProblem] = useState<'stale' | 'busy' | null>(null);
  const save = useChannelMutation('client-update', { form: true, invalidate: [keys.clients] });
  const form = useForm({
    initialValues: {
      firstName: client.firstName,
      lastName: client.lastName,
      email: client.email ?? '',
      phone: client.phone ?? '',
      phoneCountry: null as string | null,
      birthday: client.birthday ?? '',
      anniversary: client.anniversary ?? '',
      line1: client.address.line1 ?? '',
      line2: client.address.line2 ?? '',
      city: client.address.city ?? '',
      region: client.address.region ?? '',
      postalCode: client.address.postalCode ?? '',
      notes: client.notes ?? '',
      externalId: client.externalId ?? '',
      tags: client.tags,
      consentEmail: client.consent.email.granted,
      consentSms: client.consent.sms.granted,
    },
  });

  // A field group hidden from the role is neither shown nor sent: the main process refuses a write to it.
  const shown = (group: FieldGroup) => !client.hiddenFields.includes(group);
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await save.mutateAsync({
        id: client.id,
        version: client.version,
        firstName: v.firstName,
        lastName: v.lastName,
        ...(shown('contact') ? { email: v.email, phone: v.phone, phoneCountry: v.phoneCountry ?? undefined } : {}),
        ...(shown('dates') ? { birthday: v.birthday || null, anniversary: v.anniversary || null } : {}),
        ...(shown('address') ? { address: { line1: v.line1, line2: v.line2, city: v.city, region: v.region, postalCode: v.postalCode } } : {}),
        ...(shown('notes') ? { notes: v.notes } : {}),
        externalId: v.externalId,
        ...(shown('tags') ? { tags: v.tags } : {}),
        consentEmail: { granted: v.consentEmail },
        consentSms: { granted: v.consentSms },
      });
      onDone();
    } catch (err) {
      setProblem(
        err instanceof ApiError && err.code === 'UNAVAILABLE'
          ? 'busy'
          : err instanceof ApiError && err.code === 'STALE'
            ? 'stale'
            : null,
      );
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color={problem === 'busy' ? 'yellow' : 'red'} title={problem === 'busy' ? 'The book is busy: try again' : 'Could not save the client'}>
            {error}
            {problem === 'stale' && (
              <Group mt="xs">
                <Button size="xs" variant="default" onClick={onReload}>
                  Reload the client
                </Button>
              </Group>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="First name" required maxLength={LIMITS.personName} {...form.getInputProps('firstName')} />
          <TextInput label="Last name" maxLength={LIMITS.personName} {...form.getInputProps('lastName')} />
          {shown('contact') && (
            <>
              <TextInput label="Email" type="email" maxLength={LIMITS.email} {...form.getInputProps('email')} />
              <Group grow align="flex-start" gap="xs">
                <Select label="Phone country" placeholder="Shop default" searchable clearable data={COUNTRIES} {...form.getInputProps('phoneCountry')} />
                <TextInput label="Phone" type="tel" maxLength={LIMITS.phone} {...form.getInputProps('phone')} />
              </Group>
            </>
          )}
          {shown('dates') && (
            <>
              <TextInput label="Birthday" placeholder="YYYY-MM-DD or --MM-DD" onKeyDown={keepEnterInDateField} {...form.getInputProps('birthday')} />
              <TextInput label="Anniversary" placeholder="YYYY-MM-DD or --MM-DD" onKeyDown={keepEnterInDateField} {...form.getInputProps('anniversary')} />
            </>
          )}
          {shown('address') && (
            <>
              <TextInput label="Address line 1" maxLength={LIMITS.addressLine} {...form.getInputProps('line1')} />
              <TextInput label="Address line 2" maxLength={LIMITS.addressLine} {...form.getInputProps('line2')} />
              <TextInput label="City" maxLength={LIMITS.city} {...form.getInputProps('city')} />
              <TextInput label="Region" maxLength={LIMITS.region} {...form.getInputProps('region')} />
              <TextInput label="Postal code" maxLength={LIMITS.postalCode} {...form.getInputProps('postalCode')} />
            </>
          )}
          {shown('tags') && <TagsInput label="Tags" maxTags={50} {...form.getInputProps('tags')} />}
          <TextInput label="Customer id" description="The client's id in your point-of-sale system" maxLength={80} {...form.getInputProps('externalId')} />
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
          <Button type="submit" loading={save.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
