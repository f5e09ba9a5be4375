/**
 * Deleting a type: straight away when nothing uses it; otherwise the server says how many
 * links do, and the person may move them to another type in the same step.
 */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { RelationshipType } from '../../../src-preload/contract';
import { ApiError, errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function RelationshipTypeDeleteDialog({
  type,
  types,
  onDone,
}: {
  type: RelationshipType;
  types: readonly RelationshipType[];
  onDone: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [inUse, setInUse] = useState(type.linkCount > 0);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const remove = useChannelMutation('relationship-type-delete', {
    form: true,
    invalidate: [keys.relationshipTypes, keys.relationships, keys.automations],
  });
  const others = types.filter((t) => t.id !== type.id).map((t) => ({ value: String(t.id), label: words(t) }));

  const confirm = () => {
    setError(null);
    remove.mutate(
      { id: type.id, moveToTypeId: inUse && moveTo ? Number(moveTo) : undefined },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'CONFLICT') setInUse(true);
          setError(errorMessage(err));
        },
      },
    );
  };

  return (
    <Stack>
      <Text size="sm">
        Delete the relationship type {words(type)}?{' '}
        {type.linkCount > 0 && `${type.linkCount} ${type.linkCount === 1 ? 'link uses' : 'links use'} it. `}
        Automation rules that use it are switched off, with the reason shown.
      </Text>
      {error && (
        <Alert color={inUse ? 'orange' : 'red'} title="Could not delete">
          {error}
        </Alert>
      )}
      {inUse && (
        <Select
          label="Move links to…"
          description="Every link of this type becomes a link of the type you choose."
          placeholder="Choose a type"
          data={others}
          value={moveTo}
          onChange={setMoveTo}
          allowDeselect={false}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button color="red" onClick={confirm} loading={remove.isPending} disabled={inUse && !moveTo}>
          {inUse ? 'Move links and delete' : 'Delete'}
        </Button>
      </Group>
    </Stack>
  );
}

const words = (t: RelationshipType) => (t.name === t.reverseName ? t.name : `${t.name} / ${t.reverseName}`);
