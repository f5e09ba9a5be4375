/** Above the client table: segments, the person's columns, and bulk actions on the selection. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Popover, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ClientFilters } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { countOf } from '../../format';
import { useAssignableStaff, useChannelMutation, useSegments, useSession } from '../../queries';
import { COLUMNS, type ColumnId } from './clientColumns';
import { MergeDialog } from './MergeDialog';
import { ExportPanel, type ExportTarget } from '../import-export/ExportPanel';

export type Selection = { kind: 'ids'; ids: Set<number> } | { kind: 'all' };

interface Props {
  filters: ClientFilters;
  onFilters: (f: ClientFilters) => void;
  query: string;
  columns: ColumnId[];
  onColumns: (c: ColumnId[]) => void;
  selection: Selection;
  onClearSelection: () => void;
  matching: number | null;
  /** Opens a client's profile (the survivor, after a merge of the two selected). */
  onOpen: (id: number) => void;
}

export function ClientListToolbar({ filters, onFilters, query, columns, onColumns, selection, onClearSelection, matching, onOpen }: Props) {
  const can = useCan();
  const queryClient = useQueryClient();
  const [merging, setMerging] = useState<[number, number] | null>(null);
  const [exporting, setExporting] = useState<ExportTarget | null>(null);
  const listTarget: ExportTarget = { kind: 'list', query, filters };
  const pair = selection.kind === 'ids' && selection.ids.size === 2 ? ([...selection.ids] as [number, number]) : null;
  const segments = useSegments();
  const save = useChannelMutation('segment-save', { invalidate: [keys.segments] });
  const tag = useChannelMutation('client-bulk-tag', { invalidate: [keys.clients] });
  const remove = useChannelMutation('client-bulk-delete', { invalidate: [keys.clients] });
  // Tags hidden from this role cannot be changed blind either.
  const tagsHidden = useSession(true).data?.hiddenFields.includes('tags') ?? false;
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [bulk, setBulk] = useState<null | 'tag' | 'untag' | 'delete'>(null);
  const [tagName, setTagName] = useState('');
  const mayAssign = can('client.assign-others');
  const [assigning, setAssigning] = useState(false);
  const staff = useAssignableStaff(mayAssign && assigning);
  const assign = useChannelMutation('assign-bulk-apply', { form: true, invalidate: [keys.clients, keys.assignment] });
  const [assignee, setAssignee] = useState<string | null>(null);
  const [assignError, setAssignError] = useState<string | null>(null);
  const assigneeName = staff.data?.find((p) => String(p.id) === assignee)?.name;

  const runAssign = async () => {
    if (selection.kind !== 'ids' || !assignee) return;
    setAssignError(null);
    try {
      const plan = await assign.mutateAsync({ clientIds: [...selection.ids], toStaffIds: [Number(assignee)] });
      notifications.show({ color: 'teal', message: `${countOf(plan.clients, 'client')} assigned to ${assigneeName ?? 'them'}.` });
      setAssigning(false);
      onClearSelection();
    } catch (err) {
      setAssignError(errorMessage(err));
    }
  };
  const current = segments.data?.find((s) => JSON.stringify(s.filters) === JSON.stringify(filters));
  const count = selection.kind === 'all' ? matching : selection.ids.size;
  const target = selection.kind === 'all' ? { all: { query: query || undefined, filters } } : { ids: [...selection.ids] };

  const runBulk = async () => {
    try {
      const result =
        bulk === 'delete' ? await remove.mutateAsync({ target }) : await tag.mutateAsync({ target, tag: tagName, remove: bulk === 'untag' });
      notifications.show({ message: `${result.affected} ${result.affected === 1 ? 'client' : 'clients'} updated.` });
      setBulk(null);
      onClearSelection();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  };

  return (
    <Group gap="xs" align="center">
      <Select
        aria-label="Segment"
        placeholder="Segment: all clients"
        w={240}
        clearable
        value={current?.id ?? null}
        data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.shared && !s.builtIn ? `${s.name} (shared)` : s.name }))}
        onChange={(id) => onFilters(segments.data?.find((s) => s.id === id)?.filters ?? {})}
      />
      <Button variant="default" onClick={() => { setName(''); setSaving(true); }} disabled={Object.keys(filters).length === 0 || !!current}>
        Save as segment
      </Button>
      <Popover position="bottom-start" shadow="md" withinPortal>
        <Popover.Target>
          <Button variant="default">Columns</Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Checkbox.Group label="Columns" value={columns} onChange={(v) => onColumns(v)}>
            <Stack gap={6} mt="xs">
              {(Object.keys(COLUMNS) as ColumnId[]).map((id) => (
                <Checkbox key={id} value={id} label={COLUMNS[id].label} />
              ))}
            </Stack>
          </Checkbox.Group>
        </Popover.Dropdown>
      </Popover>
      {count !== null && count > 0 && (
        <Group gap="xs" aria-label="Bulk actions" role="group">
          <Text size="sm">{count} selected</Text>
          {!tagsHidden && (
            <>
              <Button size="xs" variant="default" onClick={() => { setTagName(''); setBulk('tag'); }}>Tag…</Button>
              <Button size="xs" variant="default" onClick={() => { setTagName(''); setBulk('untag'); }}>Untag…</Button>
            </>
          )}
          {mayAssign && (
            <Tooltip label="Assign works on clients picked one by one" disabled={selection.kind === 'ids'}>
              <span>
                <Button size="xs" variant="default" disabled={selection.kind !== 'ids'} onClick={() => { setAssignee(null); setAssignError(null); setAssigning(true); void queryClient.invalidateQueries({ queryKey: keys.assignableStaff }); }}>
                  Assign…
                </Button>
              </span>
            </Tooltip>
          )}
          {pair && can('client.merge') && (
            <Button size="xs" variant="default" onClick={() => setMerging(pair)}>Merge…</Button>
          )}
          {can('export') && (
            <Button size="xs" variant="default" onClick={() => setExporting(selection.kind === 'ids' ? { kind: 'ids', ids: [...selection.ids] } : listTarget)}>
              Export…
            </Button>
          )}
          <Button size="xs" variant="default" color="red" onClick={() => setBulk('delete')}>Delete</Button>
          <Button size="xs" variant="subtle" onClick={onClearSelection}>Clear</Button>
        </Group>
      )}
      {can('export') && (count === null || count === 0) && (
        <Button variant="default" onClick={() => setExporting(listTarget)}>
          Export list…
        </Button>
      )}
      <Modal opened={exporting !== null} onClose={() => setExporting(null)} title="Export clients" size="lg">
        {exporting && <ExportPanel target={exporting} />}
      </Modal>
      {merging && (
        <MergeDialog
          ids={merging}
          onClose={() => setMerging(null)}
          onMerged={(id) => {
            setMerging(null);
            onClearSelection();
            onOpen(id);
          }}
        />
      )}
      <Modal opened={assigning} onClose={() => setAssigning(false)} title={`Assign ${countOf(count ?? 0, 'client')}`}>
        <Stack>
          {assignError && <Alert color="red">{assignError}</Alert>}
          <Select
            label="Assign to"
            placeholder="Search staff"
            searchable
            data={(staff.data ?? []).filter((p) => p.active).map((p) => ({ value: String(p.id), label: p.name }))}
            value={assignee}
            onChange={setAssignee}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAssigning(false)}>Cancel</Button>
            <Button loading={assign.isPending} disabled={!assignee} onClick={runAssign}>Assign clients</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={saving} onClose={() => setSaving(false)} title="Save these filters as a segment">
        <Stack>
          <TextInput label="Segment name" maxLength={60} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Checkbox label="Share with the shop" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              onClick={async () => {
                await save.mutateAsync({ name, shared, filters });
                setSaving(false);
              }}
            >
              Save segment
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={bulk !== null} onClose={() => setBulk(null)} title={bulk === 'delete' ? `Delete ${count} clients?` : bulk === 'tag' ? 'Tag the selected clients' : 'Remove a tag from the selected clients'}>
        <Stack>
          {bulk === 'delete' ? (
            <Text size="sm">They leave lists and search; a Manager or Admin can restore them from the Trash.</Text>
          ) : (
            <TextInput label="Tag" maxLength={40} value={tagName} onChange={(e) => setTagName(e.currentTarget.value)} data-autofocus />
          )}
          <Group justify="flex-end">
            <Button color={bulk === 'delete' ? 'red' : undefined} loading={tag.isPending || remove.isPending} disabled={bulk !== 'delete' && !tagName.trim()} onClick={runBulk}>
              {bulk === 'delete' ? 'Delete clients' : bulk === 'tag' ? 'Add tag' : 'Remove tag'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
