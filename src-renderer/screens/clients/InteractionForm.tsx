/**
 * A booking, sale or note added by hand from the profile, or one corrected: when it
 * happened, with whom (oneself, or a colleague for those who may record for others), where
 * (today's working location unless changed). A correction says why. The server records who
 * added it, decides again who may do what, and assigns an Unassigned client to the staff
 * member it was with.
 */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { Interaction } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError } from '../../forms';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { currentSession } from '../../session';
import { useStaffChoices } from '../assignment/useStaffChoices';

/** An instant as a datetime-local input shows it: the person's local time, to the minute. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function InteractionForm({ clientId, editing, onDone }: { clientId: number; editing?: Interaction; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const can = useCan();
  const session = currentSession(useQueryClient());
  const places = session?.workingLocations ?? [];
  const me = session?.staff;
  const staff = useStaffChoices();
  const forOthers = can('interaction.record-others');
  const people = [
    ...(me ? [{ value: String(me.id), label: `${me.name} (me)` }] : []),
    ...(forOthers ? staff.data.filter((s) => s.active && s.id !== me?.id).map((s) => ({ value: String(s.id), label: s.name })) : []),
  ];
  if (editing?.staff && !people.some((p) => p.value === String(editing.staff!.id))) people.push({ value: String(editing.staff.id), label: editing.staff.name });
  const invalidate = [keys.clients, keys.assignment];
  const add = useChannelMutation('client-interaction-add', { form: true, invalidate });
  const update = useChannelMutation('client-interaction-update', { form: true, invalidate });
  const form = useForm({
    initialValues: {
      kind: (editing?.kind === 'message' ? 'note' : editing?.kind) ?? ('sale'),
      amount: (editing?.amountCents != null ? editing.amountCents / 100 : '') as number | string,
      when: toLocalInput(editing?.occurredAt ?? new Date().toISOString()),
      staffId: editing?.staff ? String(editing.staff.id) : me ? String(me.id) : '',
      channel: editing?.channel ?? 'In store',
      body: editing?.body ?? '',
      locationId: session?.workingLocation ? String(session.workingLocation.id) : '',
      reason: '',
    },
    validate: {
      when: (v) => (v && !Number.isNaN(new Date(v).getTime()) ? null : 'Enter the date and time'),
      reason: (v) => (editing && !v.trim() ? 'Say why it is being corrected' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const amountCents = v.kind === 'sale' && typeof v.amount === 'number' ? Math.round(v.amount * 100) : undefined;
    const occurredAt = new Date(v.when).toISOString();
    try {
      if (editing) {
        await update.mutateAsync({
          id: editing.id,
          occurredAt: occurredAt !== new Date(toLocalInput(editing.occurredAt)).toISOString() ? occurredAt : undefined,
          amountCents: amountCents !== (editing.amountCents ?? undefined) ? amountCents : undefined,
          channel: v.channel !== (editing.channel ?? '') ? v.channel : undefined,
          body: v.body !== (editing.body ?? '') ? v.body : undefined,
          staffId: editing.staff && v.staffId && Number(v.staffId) !== editing.staff.id ? Number(v.staffId) : undefined,
          reason: v.reason,
        });
      } else {
        await add.mutateAsync({
          clientId,
          kind: v.kind,
          amountCents,
          occurredAt,
          staffId: v.staffId ? Number(v.staffId) : undefined,
          channel: v.channel,
          body: v.body,
          locationId: v.locationId ? Number(v.locationId) : undefined,
        });
      }
      onDone();
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        {!editing && (
          <SegmentedControl
            aria-label="What happened"
            data={[
              { value: 'sale', label: 'Sale' },
              { value: 'booking', label: 'Booking' },
              { value: 'note', label: 'Note' },
            ]}
            {...form.getInputProps('kind')}
          />
        )}
        {form.values.kind === 'sale' && <NumberInput label="Amount" decimalScale={2} {...form.getInputProps('amount')} error={form.errors.amount ?? form.errors.amountCents} />}
        <TextInput label="When" type="datetime-local" required {...form.getInputProps('when')} error={form.errors.when ?? form.errors.occurredAt} />
        {people.length > 1 && <Select label="With" data={people} allowDeselect={false} {...form.getInputProps('staffId')} />}
        {!editing && places.length > 1 && (
          <Select
            label="Location"
            data={places.map((l) => ({ value: String(l.id), label: l.name }))}
            allowDeselect={false}
            {...form.getInputProps('locationId')}
          />
        )}
        <TextInput label="Booked through" maxLength={40} {...form.getInputProps('channel')} />
        <Textarea label={form.values.kind === 'note' ? 'Note' : 'Details'} autosize minRows={2} maxLength={LIMITS.notes} {...form.getInputProps('body')} />
        {editing && <TextInput label="Reason for the correction" required maxLength={200} {...form.getInputProps('reason')} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending || update.isPending}>
            {editing ? 'Save correction' : 'Add'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
