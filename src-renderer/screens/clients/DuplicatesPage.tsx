/** Likely duplicate pairs (same phone, or the same name with the same phone, birthday or email name), each one merge away. */
import { useState } from 'react';
import { Button, Center, EmptyState, Loader, SegmentedControl, Stack, Table, Title } from '@mantine/core';
import type { DuplicateReason } from '../../../src-preload/contract';
import { fullName } from '../../format';
import { useDuplicates } from '../../queries';
import { MergeDialog } from './MergeDialog';

export function DuplicatesPage({ onOpen }: { onOpen: (id: number) => void }) {
  const [reason, setReason] = useState<DuplicateReason>('phone');
  const [merging, setMerging] = useState<[number, number] | null>(null);
  const pairs = useDuplicates(reason);
  const rows = pairs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>Duplicates</Title>
      <SegmentedControl
        aria-label="Likely duplicates by"
        value={reason}
        onChange={(v) => setReason(v)}
        data={[
          { value: 'phone', label: 'Same phone' },
          { value: 'name-phone', label: 'Same name and phone' },
          { value: 'name-birthday', label: 'Same name and birthday' },
          { value: 'name-email', label: 'Same name and email name' },
        ]}
      />
      {pairs.isPending ? (
        <Center p="xl"><Loader aria-label="Looking for duplicates" /></Center>
      ) : rows.length === 0 ? (
        <EmptyState title="No likely duplicates" />
      ) : (
        <Table aria-label="Likely duplicates" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Looks like</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={`${p.a.id}-${p.b.id}`}>
                <Table.Td>{fullName(p.a)} · {p.a.email ?? p.a.phone ?? ''}</Table.Td>
                <Table.Td>{fullName(p.b)} · {p.b.email ?? p.b.phone ?? ''}</Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => setMerging([p.a.id, p.b.id])} aria-label={`Merge ${fullName(p.a)} and ${fullName(p.b)}`}>
                    Merge…
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pairs.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => pairs.fetchNextPage()} loading={pairs.isFetchingNextPage}>More</Button>
        </Center>
      )}
      {merging && <MergeDialog ids={merging} onClose={() => setMerging(null)} onMerged={(id) => { setMerging(null); onOpen(id); }} />}
    </Stack>
  );
}
