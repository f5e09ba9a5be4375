/** Skip a message, optionally saying why; the reason shows with the skipped ones. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import type { OutboxItem } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function SkipForm({ item, onDone }: { item: OutboxItem; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('outbox-update', { form: true, invalidate: [keys.outbox] });

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: item.id, status: 'skipped', skipReason: reason.trim() || undefined },
      { onSuccess: onDone, onError: (err) => setError(errorMessage(err)) },
    );
  };

  return (
    <form onSubmit={save} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not skip">{error}</Alert>}
        <TextInput
          label="Reason (optional)"
          placeholder="e.g. Already called last week"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={update.isPending}>Skip message</Button>
        </Group>
      </Stack>
    </form>
  );
}
