/**
 * Restoring from Settings: the backup is read afresh (date, counts, whether it can be
 * restored) before the Admin confirms. Afterwards everyone is logged out, this window too.
 */
import { useState } from 'react';
import { Alert, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupInfo } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { useBackupInspect, useChannelMutation } from '../../queries';
import { endOnPurpose } from '../../session';
import { clientsLabel, REASON_LABELS } from './labels';

export function RestoreDialog({ backup, onDone }: { backup: BackupInfo; onDone: () => void }) {
  const client = useQueryClient();
  const inspected = useBackupInspect(backup.file);
  const restore = useChannelMutation('backup-restore', { form: true });
  // Once restored, the window goes to the login screen: the button stays busy until it does.
  const [restored, setRestored] = useState(false);
  const restoring = restore.isPending || restored;

  const onRestore = () =>
    endOnPurpose(client, () => restore.mutateAsync({ file: backup.file }).then(() => setRestored(true)), {
      message: `The book was restored from the backup of ${formatDateTime(backup.takenAt)}. Log in again to continue.`,
    }).catch(() => undefined);

  if (inspected.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Reading the backup" />
      </Center>
    );
  }
  const info = inspected.data;
  return (
    <Stack>
      {inspected.isError && <Alert color="red" title="Could not read the backup">{errorMessage(inspected.error)}</Alert>}
      {info && (
        <List size="sm" spacing={4} aria-label="What the backup holds">
          <List.Item>Taken {formatDateTime(info.takenAt)} ({REASON_LABELS[info.reason].toLowerCase()})</List.Item>
          <List.Item>{clientsLabel(info)}, {info.staff ?? '—'} staff</List.Item>
        </List>
      )}
      {info?.problem ? (
        <Alert color="red" title="This backup cannot be restored">{info.problem}</Alert>
      ) : (
        <Text size="sm">
          The book will be replaced by this backup. Everything changed since it was taken is set aside: the book as it is
          now is backed up first, so this can be undone. Everyone will be logged out.
        </Text>
      )}
      {restore.isError && <Alert color="red" title="Nothing was restored">{errorMessage(restore.error)}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={restoring}>Cancel</Button>
        <Button color="red" onClick={() => void onRestore()} loading={restoring} disabled={!info || info.problem !== null}>
          Restore this backup
        </Button>
      </Group>
    </Stack>
  );
}
