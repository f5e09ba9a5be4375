/** A client's interactions newest first, with who it was with, who added it and through what. */
import { Button, Center, EmptyState, Loader, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../format';
import { useClientActivity } from '../../queries';
import { formatMoney } from '../../money';

const KIND = { sale: 'Sale', booking: 'Booking', note: 'Note', message: 'Message' } as const;

export function ActivityTable({ clientId }: { clientId: number }) {
  const activity = useClientActivity(clientId);
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
