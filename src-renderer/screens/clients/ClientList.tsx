/**
 * Every client this person may see: search as you type, filters with a count, sorts, and a
 * virtualised table that fetches keyset pages only as rows scroll into view.
 */
import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Center, Checkbox, EmptyState, Group, Loader, Modal, Stack, Table, Text, TextInput, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClientFilters, ClientSort } from '../../../src-preload/contract';
import { hiddenFieldUse, withoutHidden } from '../../../src-preload/hidden-filters';
import type { CampaignAudience } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { formatNumber, fullName } from '../../format';
import { useCan } from '../../permissions';
import { keys } from '../../keys';
import { useChannelMutation, useClientCount, useClientList, usePrefs, useSession } from '../../queries';
import { ClientFilterBar, SORTABLE, sortOffered } from './ClientFilterBar';
import { ClientForm } from './ClientForm';
import { COLUMNS, DEFAULT_COLUMNS, type ColumnId } from './clientColumns';
import { ClientListToolbar, type Selection } from './ClientListToolbar';

export interface ListState {
  search: string;
  filters: ClientFilters;
  sort: ClientSort;
}

interface Props {
  state: ListState;
  onState: (s: ListState) => void;
  onOpen: (id: number) => void;
  /** Opens the campaign composer for this list as searched and filtered (people who may send email). */
  onEmailList?: (audience: CampaignAudience) => void;
}

const ROW_HEIGHT = 45;
/** Every row is one line high, so a screenful of them shows: a long name or email ends in an ellipsis (its full text on hover and in the profile). */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const ONE_LINE = { display: 'block', maxWidth: '18rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'left' } as const;

export function ClientList({ state, onState, onOpen, onEmailList }: Props) {
  const can = useCan();
  const hiddenFields = useSession(true).data?.hiddenFields;
  const contactHidden = hiddenFields?.includes('contact') ?? false;
  // A filter or sort on a field the person can no longer see (their role just changed) would be refused: drop it.
  useEffect(() => {
    if (hiddenFields && hiddenFieldUse(hiddenFields, state.filters, state.sort.by)) onState({ ...state, ...withoutHidden(hiddenFields, state.filters, state.sort) });
  }, [hiddenFields, state, onState]);
  const [adding, setAdding] = useState(false);
  const [query] = useDebouncedValue(state.search.trim(), 150);
  const list = useClientList(query, state.filters, state.sort);
  const total = useClientCount(query, state.filters);
  const clients = list.data?.pages.flatMap((p) => p.items) ?? [];
  const queryClient = useQueryClient();
  const prefs = usePrefs();
  // The chosen columns show at once; saving them is quiet (a failure only loses the choice at the next start).
  const savePrefs = useChannelMutation('prefs-set', { form: true });
  // Columns of a field group hidden from this role would only ever be empty.
  const columns = (prefs.data?.clientColumns ?? DEFAULT_COLUMNS).filter(
    (c): c is ColumnId => c in COLUMNS && !(contactHidden && (c === 'email' || c === 'phone')),
  );
  const setColumns = (next: ColumnId[]) => {
    queryClient.setQueryData(keys.prefs, { clientColumns: next });
    savePrefs.mutate({ clientColumns: next });
  };
  const [selection, setSelection] = useState<Selection>({ kind: 'ids', ids: new Set() });
  const clearSelection = () => setSelection({ kind: 'ids', ids: new Set() });
  const isSelected = (id: number) => selection.kind === 'all' || selection.ids.has(id);
  const toggle = (id: number) => {
    const ids = new Set(selection.kind === 'ids' ? selection.ids : clients.map((c) => c.id));
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    setSelection({ kind: 'ids', ids });
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: clients.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const visible = rows.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? 0;
  // Fetch the next keyset page only when the rows near the end come into view.
  useEffect(() => {
    if (lastVisible >= clients.length - 20 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastVisible, clients.length, list]);
  const padTop = visible[0]?.start ?? 0;
  const padBottom = rows.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);

  const countText = total.data ? `${formatNumber(total.data.count)}${total.data.capped ? '+' : ''} ${total.data.count === 1 ? 'client' : 'clients'}` : '';

  const hidden = hiddenFields ?? [];
  const sortHeader = (column: string, label: string) => {
    const sortable = SORTABLE[column];
    if (!sortable || !sortOffered(sortable.by, hidden)) return <Table.Th key={column}>{label}</Table.Th>;
    return <SortHeader key={column} label={label} by={sortable.by} firstDir={sortable.firstDir} sort={state.sort} onSort={(sort) => onState({ ...state, sort })} searching={query !== ''} />;
  };

  return (
    <Stack gap="xs" h="calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={2}>Clients</Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="client-count">
            {countText}
          </Text>
        </Group>
        <Group gap="xs">
          {onEmailList && (
            <Button variant="default" onClick={() => onEmailList({ ...(query ? { query } : {}), filters: state.filters })}>
              Email this list
            </Button>
          )}
          <Tooltip label={can.reason('client.create')} disabled={can('client.create')}>
            {/* A disabled button gets no pointer events; the wrapper carries the tooltip. */}
            <span>
              <Button onClick={() => setAdding(true)} disabled={!can('client.create')}>
                Add client
              </Button>
            </span>
          </Tooltip>
        </Group>
      </Group>
      <ClientFilterBar
        filters={state.filters}
        onFilters={(filters) => {
          clearSelection();
          onState({ ...state, filters });
        }}
      >
        <TextInput
          aria-label="Search clients"
          placeholder={contactHidden ? 'Search: name (any part)' : 'Search: name, email or phone (any part)'}
          type="search"
          maxLength={LIMITS.searchQuery}
          value={state.search}
          onChange={(e) => {
            clearSelection();
            onState({ ...state, search: e.currentTarget.value });
          }}
          style={{ flex: '1 1 16rem' }}
        />
      </ClientFilterBar>
      <ClientListToolbar
        filters={state.filters}
        onFilters={(filters) => { clearSelection(); onState({ ...state, filters }); }}
        query={query}
        columns={columns}
        onColumns={setColumns}
        selection={selection}
        onClearSelection={clearSelection}
        matching={total.data?.count ?? null}
        onOpen={onOpen}
      />

      {list.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading clients" />
        </Center>
      ) : clients.length === 0 ? (
        <EmptyState
          title={query || Object.keys(state.filters).length ? 'No clients match' : 'No clients yet'}
          description={query ? `Nothing found for “${query}”.` : Object.keys(state.filters).length ? 'Try fewer filters.' : 'Add your first client to start your client book.'}
        />
      ) : (
        <div ref={scrollRef} style={{ flex: 1, minHeight: 240, overflow: 'auto' }}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Clients" aria-rowcount={total.data?.count ?? clients.length} stickyHeader miw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={`Select all ${total.data?.count ?? ''} matching`}
                    checked={selection.kind === 'all'}
                    onChange={(e) => (e.currentTarget.checked ? setSelection({ kind: 'all' }) : clearSelection())}
                  />
                </Table.Th>
                {sortHeader('name', 'Name')}
                {columns.map((id) => sortHeader(id, COLUMNS[id].label))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
              {visible.map((v) => {
                const c = clients[v.index]!;
                return (
                  <Table.Tr key={c.id} data-index={v.index} style={{ height: ROW_HEIGHT, cursor: 'pointer' }} onClick={() => onOpen(c.id)}>
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Checkbox aria-label={`Select ${fullName(c)}`} checked={isSelected(c.id)} onChange={() => toggle(c.id)} />
                    </Table.Td>
                    <Table.Td style={NO_WRAP}>
                      <Anchor
                        component="button"
                        type="button"
                        fw={500}
                        title={fullName(c)}
                        style={ONE_LINE}
                        onClick={(e) => {
                          e.stopPropagation();
                          onOpen(c.id);
                        }}
                      >
                        {fullName(c)}
                      </Anchor>
                    </Table.Td>
                    {columns.map((id) => (
                      <Table.Td key={id} style={NO_WRAP}>
                        <div style={ONE_LINE}>{COLUMNS[id].cell(c)}</div>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
              {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
            </Table.Tbody>
          </Table>
        </div>
      )}

      <Modal opened={adding} onClose={() => setAdding(false)} title="Add client" size="lg">
        <ClientForm
          onDone={() => setAdding(false)}
          onOpen={(id) => {
            setAdding(false);
            onOpen(id);
          }}
        />
      </Modal>
    </Stack>
  );
}

/** A column header that sorts the list: click or Enter once for its first order, again to reverse; aria-sort says which. */
function SortHeader({ label, by, firstDir, sort, onSort, searching }: { label: string; by: ClientSort['by']; firstDir: ClientSort['dir']; sort: ClientSort; onSort: (s: ClientSort) => void; searching: boolean }) {
  const active = sort.by === by && !searching;
  const next: ClientSort = { by, dir: sort.by === by ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir };
  return (
    <Table.Th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined} style={{ whiteSpace: 'nowrap' }}>
      <Tooltip label="Search results come as found: clear the search to sort" disabled={!searching}>
        <UnstyledButton onClick={() => onSort(next)} disabled={searching} fw={700} fz="sm">
          {label}
          <span aria-hidden>{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        </UnstyledButton>
      </Tooltip>
    </Table.Th>
  );
}
