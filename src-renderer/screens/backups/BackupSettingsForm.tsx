/** Where backups go and how many stay. The main process refuses a folder it cannot use now. */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { BackupSettings } from '../../../src-preload/contract';
import { BACKUP_FOLDER_MAX, BACKUP_KEEP } from '../../../src-preload/limits';
import { applyServerError, contractRules, typedNumber } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';

export function BackupSettingsForm({ settings }: { settings: BackupSettings }) {
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('backup-settings-update', { form: true, invalidate: [keys.backups] });
  const form = useForm({
    initialValues: { folder: settings.folder, keepDaily: settings.keepDaily as number | string, keepWeekly: settings.keepWeekly as number | string },
    validate: contractRules('backup-settings-update', (v) => ({ folder: v.folder, keepDaily: typedNumber(v.keepDaily), keepWeekly: typedNumber(v.keepWeekly) })),
  });

  // The saved settings are the one event that should reset the form (setInitialValues is stable).
  const { setInitialValues } = form;
  useEffect(() => {
    setInitialValues({ folder: settings.folder, keepDaily: settings.keepDaily, keepWeekly: settings.keepWeekly });
  }, [setInitialValues, settings.folder, settings.keepDaily, settings.keepWeekly]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const folder = values.folder.trim() === settings.defaultFolder ? null : values.folder.trim();
      await update.mutateAsync({ folder, keepDaily: Number(values.keepDaily), keepWeekly: Number(values.keepWeekly) });
      form.resetDirty();
      notifications.show({ color: 'teal', message: 'Backup settings saved.' });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && <Alert color="red" title="Could not save the backup settings">{error}</Alert>}
        <TextInput
          label="Backup folder"
          description={`Another disk, a USB stick or a synced folder is safest. The default is ${settings.defaultFolder}`}
          maxLength={BACKUP_FOLDER_MAX}
          {...form.getInputProps('folder')}
        />
        <Group grow>
          <NumberInput
            label="Daily backups to keep"
            min={BACKUP_KEEP.daily.min}
            max={BACKUP_KEEP.daily.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            {...form.getInputProps('keepDaily')}
          />
          <NumberInput
            label="Weekly backups to keep"
            min={BACKUP_KEEP.weekly.min}
            max={BACKUP_KEEP.weekly.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            {...form.getInputProps('keepWeekly')}
          />
        </Group>
        <Group justify="space-between">
          <Button variant="subtle" disabled={settings.usingDefaultFolder} onClick={() => form.setFieldValue('folder', settings.defaultFolder)}>
            Use the default folder
          </Button>
          <Button type="submit" loading={update.isPending}>Save backup settings</Button>
        </Group>
      </Stack>
    </form>
  );
}
