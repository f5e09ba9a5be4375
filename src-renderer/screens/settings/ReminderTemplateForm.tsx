/**
 * The appointment reminder's text: what a client is emailed the day before an appointment (or
 * what the staff member's task in Today says when it cannot be emailed). Admins only (the
 * main process decides); an unknown placeholder is refused there and shown on the field.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { REMINDER_PLACEHOLDERS } from '../../../src-preload/contract';
import { applyServerError } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation, useSettings } from '../../queries';

export function ReminderTemplateForm() {
  const settings = useSettings(true);
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('settings-update', { form: true, invalidate: [keys.settings] });
  const form = useForm({ initialValues: { reminderTemplate: '' } });
  const { initialize } = form;
  useEffect(() => {
    if (settings.data) initialize({ reminderTemplate: settings.data.reminderTemplate });
  }, [initialize, settings.data]);

  const save = async (reminderTemplate: string | null) => {
    setError(null);
    try {
      await update.mutateAsync({ reminderTemplate });
      notifications.show({ color: 'teal', message: reminderTemplate === null ? 'Reminders use the built-in text again.' : 'Reminder text saved.' });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  };

  return (
    <form onSubmit={form.onSubmit(({ reminderTemplate }) => save(reminderTemplate))} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title="Could not save">
            {error}
          </Alert>
        )}
        <Text size="sm">
          The day before each booked appointment, a client who agreed to email is sent this text; for anyone else it becomes a task in the staff member’s Today.
        </Text>
        <Textarea label="Reminder text" autosize minRows={4} maxLength={2000} {...form.getInputProps('reminderTemplate')} />
        <Text size="sm" c="dimmed">
          Placeholders:{' '}
          {REMINDER_PLACEHOLDERS.map((p, i) => (
            <span key={p}>
              {i > 0 && ', '}
              <Code>{`{{${p}}}`}</Code>
            </span>
          ))}
        </Text>
        <Group justify="flex-end">
          {settings.data && !settings.data.reminderTemplateIsDefault && (
            <Button variant="subtle" onClick={() => void save(null)} loading={update.isPending}>
              Use the built-in text
            </Button>
          )}
          <Button type="submit" loading={update.isPending}>
            Save reminder text
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
