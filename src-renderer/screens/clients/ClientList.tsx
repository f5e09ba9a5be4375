/** Every client this person may see, searchable, a page at a time. */
import { useState } from 'react';
import { Anchor, Button, Center, EmptyState, Group, Loader, Modal, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { LIMITS } from '../../../src-preload/limits';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, fullName } from '../../format';
import { useCan } from '../../permissions';
import { useClientList, useSession } from '../../queries';
import { ClientForm } from './ClientForm';

interface Props {
  search: string;
  onSearch: (search: string) => void;
  onOpen: (id: number) => void;
}

export function ClientList({ search, onSearch, onOpen }: Props) {
  const can = useCan();
  const contactHidden = useSession(true).data?.hiddenFields.includes('contact') ?? false;
  const [adding, setAdding] = useState(false);
  const [query] = useDebouncedValue(search.trim(), 300);
  const list = useClientList(query);
  const clients = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Clients</Title>
        <Tooltip label={can.reason('client.create')} disabled={can('client.create')}>
          {/* A disabled button gets no pointer events; the wrapper carries the tooltip. */}
          <span>
            <Button onClick={() => setAdding(true)} disabled={!can('client.create')}>
              Add client
            </Button>
          </span>
        </Tooltip>
      </Group>
      <TextInput
        label="Search clients"
        placeholder="Name, email or phone"
        type="search"
        maxLength={LIMITS.searchQuery}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        mb="md"
      />

      {list.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading clients" />
        </Center>
      ) : clients.length === 0 ? (
        <EmptyState
          title={query ? 'No clients match' : 'No clients yet'}
          description={query ? `Nothing found for “${query}”.` : 'Add your first client to start your client book.'}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Assigned associate</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.map((c) => (
                <Table.Tr key={c.id} onClick={() => onOpen(c.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      fw={500}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(c.id);
                      }}
                    >
                      {fullName(c)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{contactHidden ? <Hidden /> : (c.email ?? '')}</Table.Td>
                  <Table.Td>{contactHidden ? <Hidden /> : (c.phone ?? '')}</Table.Td>
                  <Table.Td>
                    {c.assignedStaffName ?? (
                      <Text span c="dimmed" size="sm">
                        Unassigned
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {list.hasNextPage && (
        <Center mt="md">
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}

      <Modal opened={adding} onClose={() => setAdding(false)} title="Add client" size="lg">
        <ClientForm onDone={() => setAdding(false)} />
      </Modal>
    </>
  );
}

function Hidden() {
  return (
    <Text span c="dimmed" size="sm" fs="italic">
      Hidden
    </Text>
  );
}
