/** Snooze a message until a day the person picks; it comes back to Today on that day. */
import { useState } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import dayjs from 'dayjs';
import type { OutboxItem } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function SnoozeForm({ item, onDone }: { item: OutboxItem; onDone: () => void }) {
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');
  const [until, setUntil] = useState<string | null>(tomorrow);
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('outbox-update', { form: true, invalidate: [keys.outbox] });

  const save = () => {
    if (!until) return setError('Choose the day to snooze until.');
    update.mutate(
      { id: item.id, status: 'snoozed', snoozedUntil: until },
      { onSuccess: onDone, onError: (err) => setError(errorMessage(err)) },
    );
  };

  return (
    <Stack>
      {error && <Alert color="red" title="Could not snooze">{error}</Alert>}
      <DateInput
        label="Snooze until"
        valueFormat="YYYY-MM-DD"
        placeholder="YYYY-MM-DD"
        minDate={tomorrow}
        value={until}
        onChange={setUntil}
        data-autofocus
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button onClick={save} loading={update.isPending}>Snooze</Button>
      </Group>
    </Stack>
  );
}
