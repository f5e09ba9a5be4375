/** Settings > Backups (Admins): take one now, see what the folder holds, restore, and where backups go. */
import { useState } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupInfo } from '../../../src-preload/contract';
import { formatDateTime } from '../../format';
import { keys } from '../../keys';
import { useBackups, useChannelMutation } from '../../queries';
import { BackupSettingsForm } from './BackupSettingsForm';
import { BackupTable } from './BackupTable';
import { RestoreDialog } from './RestoreDialog';

export function BackupsSection() {
  const overview = useBackups();
  const take = useChannelMutation('backup-take', { invalidate: [keys.backups] });
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  if (overview.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading backups" />
      </Center>
    );
  }
  if (overview.isError) return <Alert color="red" title="Could not read the backups">{overview.error.message}</Alert>;
  const { backups, settings, lastError } = overview.data;

  const takeNow = () =>
    take.mutate({}, { onSuccess: (b) => notifications.show({ color: 'teal', message: `Backup taken: ${b.clients} clients.` }) });

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Clientele backs up the book every day while it runs, before every update and import, and when you ask. Each
        backup is checked after it is written.
      </Text>
      {lastError && (
        <Alert color="red" title="The last backup failed">
          {formatDateTime(lastError.at)}: {lastError.message}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm">Folder: {settings.folder}</Text>
        <Button onClick={takeNow} loading={take.isPending}>Take a backup now</Button>
      </Group>
      <BackupTable
        backups={backups}
        label="Backups"
        action={(b) => (
          <Button size="compact-sm" variant="subtle" color="red" disabled={b.problem !== null} onClick={() => setRestoring(b)} aria-label={`Restore the backup of ${formatDateTime(b.takenAt)}`}>
            Restore
          </Button>
        )}
      />
      <BackupSettingsForm settings={settings} />
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title="Restore a backup">
        {restoring && <RestoreDialog backup={restoring} onDone={() => setRestoring(null)} />}
      </Modal>
    </Stack>
  );
}
