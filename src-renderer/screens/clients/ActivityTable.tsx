/**
 * A client's interactions newest first, with who it was with, who added it and through what;
 * those who may correct or remove one (its author, or whoever may correct others') do it
 * from its row, saying why.
 */
import { useState } from 'react';
import { Button, Center, EmptyState, Group, Loader, Modal, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { Interaction } from '../../../src-preload/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useClientActivity } from '../../queries';
import { formatMoney } from '../../money';
import { InteractionForm } from './InteractionForm';

const KIND = { sale: 'Sale', booking: 'Booking', note: 'Note', message: 'Message' } as const;

export function ActivityTable({ clientId }: { clientId: number }) {
  const activity = useClientActivity(clientId);
  const [correcting, setCorrecting] = useState<Interaction | null>(null);
  const [removing, setRemoving] = useState<Interaction | null>(null);
  const [reason, setReason] = useState('');
  const remove = useChannelMutation('client-interaction-delete', { form: true, invalidate: [keys.clients, keys.assignment] });
  const rows = activity.data?.pages.flatMap((p) => p.items) ?? [];
  if (activity.isPending) return <Center p="lg"><Loader aria-label="Loading activity" /></Center>;
  if (activity.isError) return <Text c="red">The activity could not be loaded.</Text>;
  if (rows.length === 0) return <EmptyState size="sm" title="No activity yet" />;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label="Activity">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Amount</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>With</Table.Th>
              <Table.Th>Added by</Table.Th>
              <Table.Th>Booked through</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.occurredAt)}</Table.Td>
                <Table.Td>{KIND[r.kind]}</Table.Td>
                <Table.Td>{r.amountCents !== null ? formatMoney(r.amountCents) : ''}</Table.Td>
                <Table.Td>{r.locationName ?? ''}</Table.Td>
                <Table.Td>{r.staff?.name ?? ''}</Table.Td>
                <Table.Td>{r.addedBy?.name ?? 'System'}</Table.Td>
                <Table.Td>{r.channel ?? ''}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.body ?? ''}</Table.Td>
                <Table.Td>
                  {r.canChange && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" aria-label={`Correct the ${KIND[r.kind].toLowerCase()} of ${formatDateTime(r.occurredAt)}`} onClick={() => setCorrecting(r)}>
                        Correct
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove the ${KIND[r.kind].toLowerCase()} of ${formatDateTime(r.occurredAt)}`}
                        onClick={() => {
                          setReason('');
                          setRemoving(r);
                        }}
                      >
                        Remove
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={correcting !== null} onClose={() => setCorrecting(null)} title={correcting ? `Correct the ${KIND[correcting.kind].toLowerCase()} of ${formatDateTime(correcting.occurredAt)}` : ''}>
        {correcting && <InteractionForm clientId={clientId} editing={correcting} onDone={() => setCorrecting(null)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove the ${KIND[removing.kind].toLowerCase()} of ${formatDateTime(removing.occurredAt)}?` : ''}
        confirmLabel="Remove"
        danger
        onConfirm={async () => {
          if (!reason.trim()) throw new Error('Say why it is being removed.');
          await remove.mutateAsync({ id: removing!.id, reason });
        }}
      >
        <Text size="sm">The client's visits, spend and status are worked out again without it. The audit log keeps what it was and why it went.</Text>
        <TextInput label="Reason for removing it" required maxLength={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
      </ConfirmDialog>
      {activity.hasNextPage && (
        <Center mt="sm">
          <Button variant="default" onClick={() => activity.fetchNextPage()} loading={activity.isFetchingNextPage}>
            Older activity
          </Button>
        </Center>
      )}
    </>
  );
}
