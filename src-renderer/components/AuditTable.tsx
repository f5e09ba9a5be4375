/** Audit rows newest first, a page at a time, narrowed by the filter (one entity, one person, a date range…). */
import { Button, Center, EmptyState, Loader, Table, Text } from '@mantine/core';
import { formatDateTime } from '../format';
import type { AuditFilter } from '../keys';
import { useAuditList } from '../queries';
import { AuditChanges } from './AuditChanges';

export function AuditTable({ filter, label }: { filter: AuditFilter; label: string }) {
  const audit = useAuditList(filter);
  const entity = filter.entityId !== undefined ? filter.entity : undefined;
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];

  if (audit.isPending) {
    return (
      <Center p="lg">
        <Loader aria-label="Loading history" />
      </Center>
    );
  }
  if (audit.isError) return <Text c="red">The history could not be loaded.</Text>;
  if (rows.length === 0) return <EmptyState size="sm" title="No history found" />;

  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Action</Table.Th>
              {!entity && <Table.Th>Entity</Table.Th>}
              <Table.Th>Changes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} style={{ verticalAlign: 'top' }}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Table.Td>
                <Table.Td>{row.actorName ?? <Text span c="dimmed" size="sm">System</Text>}</Table.Td>
                <Table.Td>{row.action}</Table.Td>
                {!entity && (
                  <Table.Td>
                    {row.entity}
                    {row.entityId !== null && ` #${row.entityId}`}
                  </Table.Td>
                )}
                <Table.Td>
                  <AuditChanges before={row.before} after={row.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {audit.hasNextPage && (
        <Center mt="md">
          <Button variant="default" onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}
