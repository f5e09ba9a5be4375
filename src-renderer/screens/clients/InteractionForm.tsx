/** A booking, sale or note added by hand from the profile; the server records who added it, and where (today's working location unless changed). */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { currentSession } from '../../session';

export function InteractionForm({ clientId, onDone }: { clientId: number; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const session = currentSession(useQueryClient());
  const places = session?.workingLocations ?? [];
  const add = useChannelMutation('client-interaction-add', { form: true, invalidate: [keys.clients] });
  const form = useForm({
    initialValues: {
      kind: 'sale' as 'sale' | 'booking' | 'note',
      amount: '' as number | string,
      channel: 'In store',
      body: '',
      locationId: session?.workingLocation ? String(session.workingLocation.id) : '',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await add.mutateAsync({
        clientId,
        kind: v.kind,
        amountCents: v.kind === 'sale' && typeof v.amount === 'number' ? Math.round(v.amount * 100) : undefined,
        channel: v.channel,
        body: v.body,
        locationId: v.locationId ? Number(v.locationId) : undefined,
      });
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <SegmentedControl
          aria-label="What happened"
          data={[
            { value: 'sale', label: 'Sale' },
            { value: 'booking', label: 'Booking' },
            { value: 'note', label: 'Note' },
          ]}
          {...form.getInputProps('kind')}
        />
        {form.values.kind === 'sale' && <NumberInput label="Amount" decimalScale={2} {...form.getInputProps('amount')} error={form.errors.amount ?? form.errors.amountCents} />}
        {places.length > 1 && (
          <Select
            label="Location"
            data={places.map((l) => ({ value: String(l.id), label: l.name }))}
            allowDeselect={false}
            {...form.getInputProps('locationId')}
          />
        )}
        <TextInput label="Booked through" maxLength={40} {...form.getInputProps('channel')} />
        <Textarea label={form.values.kind === 'note' ? 'Note' : 'Details'} autosize minRows={2} maxLength={LIMITS.notes} {...form.getInputProps('body')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
