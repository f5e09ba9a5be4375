/** Deleted clients: Managers and Admins restore them; Admins erase a person for good. */
import { useState } from 'react';
import { Button, Center, EmptyState, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TrashedClient } from '../../../src-preload/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime, fullName } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useTrash } from '../../queries';

export function TrashPage({ canPurge }: { canPurge: boolean }) {
  const trash = useTrash();
  const restore = useChannelMutation('client-restore', { invalidate: [keys.clients] });
  const purge = useChannelMutation('client-purge', { invalidate: [keys.clients, keys.relationships] });
  const [erasing, setErasing] = useState<TrashedClient | null>(null);
  const [typed, setTyped] = useState('');
  const rows = trash.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Title order={2}>Trash</Title>
      {trash.isPending ? (
        <Center p="xl"><Loader aria-label="Loading the Trash" /></Center>
      ) : rows.length === 0 ? (
        <EmptyState title="The Trash is empty" description="Deleted clients appear here until they are restored." />
      ) : (
        <Table aria-label="Deleted clients" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Deleted</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{fullName(c)}</Table.Td>
                <Table.Td>{c.email ?? ''}</Table.Td>
                <Table.Td>{formatDateTime(c.deletedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Restore ${fullName(c)}`}
                      loading={restore.isPending && restore.variables?.id === c.id}
                      onClick={async () => {
                        await restore.mutateAsync({ id: c.id });
                        notifications.show({ color: 'teal', message: `${fullName(c)} is back in your clients.` });
                      }}
                    >
                      Restore
                    </Button>
                    {canPurge && (
                      <Button size="xs" color="red" variant="light" aria-label={`Erase ${fullName(c)}`} onClick={() => { setTyped(''); setErasing(c); }}>
                        Erase
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {trash.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => trash.fetchNextPage()} loading={trash.isFetchingNextPage}>More</Button>
        </Center>
      )}
      <ConfirmDialog
        opened={erasing !== null}
        onClose={() => setErasing(null)}
        title={erasing ? `Erase ${fullName(erasing)} for good?` : ''}
        confirmLabel="Erase"
        danger
        onConfirm={async () => {
          if (!erasing) return;
          await purge.mutateAsync({ id: erasing.id, confirm: typed as 'ERASE' });
          notifications.show({ message: 'The person’s data was erased.' });
        }}
      >
        <Text size="sm">Every personal detail is removed everywhere, including search and history. Sales stay in reports without a name. This cannot be undone.</Text>
        <TextInput label="Type ERASE to confirm" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
      </ConfirmDialog>
    </Stack>
  );
}
