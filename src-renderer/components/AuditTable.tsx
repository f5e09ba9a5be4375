/** Audit rows newest first, a page at a time, narrowed by the filter (one entity, one person, a date range…), written for people. */
import { Button, Center, EmptyState, Loader, Stack, Table, Text } from '@mantine/core';
import { formatDateTime } from '../format';
import type { AuditFilter } from '../keys';
import { useAuditList } from '../queries';
import { AuditChanges } from './AuditChanges';

export function AuditTable({ filter, label }: { filter: AuditFilter; label: string }) {
  const audit = useAuditList(filter);
  // A client's own history need not repeat whom each row is about.
  const oneThing = filter.entityId !== undefined;
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
      <Table verticalSpacing="xs" aria-label={label} layout="fixed" style={{ overflowWrap: 'anywhere' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="11rem">When</Table.Th>
            <Table.Th w="10rem">Who</Table.Th>
            <Table.Th>What</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} style={{ verticalAlign: 'top' }}>
              <Table.Td>{formatDateTime(row.at)}</Table.Td>
              <Table.Td>{row.actorName ?? <Text span size="sm">Clientele (automatic)</Text>}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm">
                    <Text span fw={600} size="sm">
                      {row.summary}
                    </Text>
                    {!oneThing && row.subject && ` · ${row.subject}`}
                  </Text>
                  <AuditChanges changes={row.changes} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
