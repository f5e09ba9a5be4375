/** Trash retention: clients kept in the Trash longer than the chosen days are erased by the daily run. Admins only (the main process decides). */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { TRASH_RETENTION_DAYS } from '../../../src-preload/limits';
import { applyServerError, contractRules, typedNumber } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation, useSettings } from '../../queries';

export function TrashRetentionForm() {
  const settings = useSettings(true);
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('settings-update', { form: true, invalidate: [keys.settings] });
  const form = useForm({
    initialValues: { on: false, trashRetentionDays: 90 as number | string },
    validate: contractRules('settings-update', ({ on, trashRetentionDays }) => ({ trashRetentionDays: on ? typedNumber(trashRetentionDays) : null })),
  });
  const { initialize } = form;
  useEffect(() => {
    if (settings.data) initialize({ on: settings.data.trashRetentionDays !== null, trashRetentionDays: settings.data.trashRetentionDays ?? 90 });
  }, [initialize, settings.data]);

  const submit = form.onSubmit(async ({ on, trashRetentionDays: days }) => {
    setError(null);
    try {
      await update.mutateAsync({ trashRetentionDays: on ? Number(days) : null });
      notifications.show({ color: 'teal', message: on ? `Clients in the Trash for more than ${days} days will be erased.` : 'Clients stay in the Trash until someone erases them.' });
    } catch (err) {
      const message = applyServerError(form, err);
      setError(message);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not save">{error}</Alert>}
        <Text size="sm">
          Erasing removes every personal detail of the client for good, as “Erase” in the Trash does. It runs once a day, and each erasure is in the audit log.
        </Text>
        <Switch label="Erase clients kept in the Trash" {...form.getInputProps('on', { type: 'checkbox' })} />
        <NumberInput
          label="After how many days in the Trash"
          min={TRASH_RETENTION_DAYS.min}
          max={TRASH_RETENTION_DAYS.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          disabled={!form.values.on}
          {...form.getInputProps('trashRetentionDays')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>Save Trash retention</Button>
        </Group>
      </Stack>
    </form>
  );
}
