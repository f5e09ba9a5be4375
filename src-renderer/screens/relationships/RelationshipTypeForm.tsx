/** A relationship type's two words: a new type, or a rename (every link follows the new words). */
import { useState } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { RelationshipType } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { applyServerError, contractRules } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

const invalidate = [keys.relationshipTypes, keys.relationships, keys.automations, keys.outbox];

export function RelationshipTypeForm({
  type,
  onDone,
  onCancel,
}: {
  type?: RelationshipType;
  onDone: (saved: RelationshipType) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('relationship-type-create', { form: true, invalidate });
  const update = useChannelMutation('relationship-type-update', { form: true, invalidate });
  const form = useForm({
    initialValues: { name: type?.name ?? '', reverseName: type?.reverseName ?? '' },
    validate: contractRules('relationship-type-create', (v) => v),
  });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      onDone(type ? await update.mutateAsync({ id: type.id, ...v }) : await create.mutateAsync(v));
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title={type ? 'Could not rename the type' : 'Could not create the type'}>
            {error}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="What one client is to the other, e.g. Parent"
          required
          data-autofocus
          maxLength={LIMITS.relationshipName}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Reverse name"
          description="What the other is to the first, e.g. Child. The same word for Spouse or Friend."
          required
          maxLength={LIMITS.relationshipName}
          {...form.getInputProps('reverseName')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {type ? 'Save names' : 'Create type'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
