/**
 * Restoring without a login. Shown when the book failed its checks at start (recovery mode:
 * the damaged book is never opened), and from the first-run screen on a new PC. The Admin
 * proves who they are with their username and password as they were in the chosen backup.
 */
import { useState } from 'react';
import { Alert, Button, Center, Code, FileInput, Group, Loader, PasswordInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupInfo, RecoveryInfo } from '../../src-preload/contract';
import { LIMITS } from '../../src-preload/limits';
import { errorMessage } from '../api';
import { AuthCard } from '../components/AuthCard';
import { uploadBackupFile } from '../files';
import { formatDateTime, formatSize } from '../format';
import { applyServerError, contractRules } from '../forms';
import { useChannelMutation, useRecoveryBackups } from '../queries';
import { endSession } from '../session';
import { BackupTable } from './backups/BackupTable';
import { clientsLabel } from './backups/labels';

export function Recovery({ info, onBack }: { info: RecoveryInfo | null; onBack?: () => void }) {
  const backups = useRecoveryBackups();
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const newestGood = backups.data?.backups.find((b) => b.problem === null) ?? null;
  const selected = chosen ?? newestGood;

  return (
    <AuthCard
      title={info ? 'The book needs to be restored' : 'Restore from a backup'}
      subtitle={
        info
          ? 'Clientele checked the book at start and found a problem, so it did not open it. Restore a backup to carry on.'
          : 'Bring a shop back from its backup folder. An Admin of the backup restores it.'
      }
      width={720}
    >
      {info && (
        <Alert color="red" title="What is wrong">
          <Text size="sm">{info.problem}</Text>
          {info.damagedCopy && (
            <Text size="sm" mt="xs">
              A copy of the damaged book is kept for support at <Code>{info.damagedCopy}</Code>.
            </Text>
          )}
          {info.damagedCopies.count > 0 && (
            <Text size="sm" mt="xs">
              Damaged copies kept: {info.damagedCopies.count} ({formatSize(info.damagedCopies.bytes)}), one per distinct damaged file. Delete them once support no longer needs them.
            </Text>
          )}
        </Alert>
      )}
      <Text size="sm">Backups in {backups.data?.folder ?? info?.backupFolder ?? 'the backup folder'}:</Text>
      {backups.isPending ? (
        <Center p="md">
          <Loader aria-label="Checking the backups" />
        </Center>
      ) : backups.isError ? (
        <Alert color="red" title="Could not read the backup folder">{backups.error.message}</Alert>
      ) : (
        <BackupTable
          backups={backups.data.backups}
          label="Backups to restore"
          action={(b) =>
            b.problem === null && (
              <Button
                size="compact-sm"
                variant={selected?.file === b.file ? 'filled' : 'subtle'}
                aria-label={`${selected?.file === b.file ? 'Chosen' : 'Choose'}: the backup of ${formatDateTime(b.takenAt)}`}
                onClick={() => setChosen(b)}
              >
                {selected?.file === b.file ? 'Chosen' : 'Choose'}
              </Button>
            )
          }
        />
      )}
      {backups.data && !newestGood && (
        <Alert color="yellow" title="No backup can be restored">
          {info
            ? `Copy the backups (the clientele-….db files) into ${backups.data.folder}, then choose Check again.`
            : 'Choose the backup file below (a clientele-….db file from the old PC’s backup folder or a USB stick), or copy the backups into the folder above and choose Check again.'}{' '}
          From the command line, <Code>npm run cli -- restore PATH --user ADMIN</Code> restores a backup from any folder.
        </Alert>
      )}
      {!info && <BackupUpload onReceived={(b) => { setChosen(b); void backups.refetch(); }} />}
      {backups.data && !newestGood && (
        <Button variant="default" onClick={() => backups.refetch()} loading={backups.isFetching}>
          Check again
        </Button>
      )}
      {selected && <RestoreForm backup={selected} />}
      {onBack && (
        <Button variant="subtle" onClick={onBack}>
          Set up a new shop instead
        </Button>
      )}
    </AuthCard>
  );
}

/** On a new PC: the backup file itself, chosen from anywhere, sent up into the backup folder, then chosen for the restore. */
function BackupUpload({ onReceived }: { onReceived: (b: BackupInfo) => void }) {
  const [sending, setSending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setSending(0);
    try {
      onReceived(await uploadBackupFile(file, (sent) => setSending(Math.round((sent / Math.max(file.size, 1)) * 100))));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(null);
    }
  };
  return (
    <Stack gap="xs">
      <FileInput
        label="Or choose a backup file"
        description="A clientele-….db file from the old PC’s backup folder or a USB stick"
        placeholder="Choose a .db file"
        accept=".db"
        value={null}
        onChange={(f) => void send(f)}
        disabled={sending !== null}
      />
      {sending !== null && <Progress value={sending} aria-label="Sending the backup file" />}
      {error && <Alert color="red" title="That file cannot be restored">{error}</Alert>}
    </Stack>
  );
}

function RestoreForm({ backup }: { backup: BackupInfo }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const restore = useChannelMutation('recovery-restore', { form: true });
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: contractRules('recovery-restore', (v) => ({ file: backup.file, ...v })),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await restore.mutateAsync({ file: backup.file, ...values });
      endSession(client, { message: `Restored the backup of ${formatDateTime(backup.takenAt)}. Log in to continue.`, username: values.username });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Restore the chosen backup">
      <Stack>
        <Text size="sm" fw={500}>
          Restore the backup of {formatDateTime(backup.takenAt)} ({clientsLabel(backup)})
        </Text>
        {error && <Alert color="red" title="Nothing was restored">{error}</Alert>}
        <Group grow align="flex-start">
          <TextInput label="Admin username" autoComplete="username" maxLength={LIMITS.username} {...form.getInputProps('username')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={restore.isPending}>Restore this backup</Button>
        </Group>
      </Stack>
    </form>
  );
}
