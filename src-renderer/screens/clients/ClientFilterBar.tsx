/** The list's filters and sort. Every choice is sent to the main process, which filters in SQL inside the person's scope. */
import { Checkbox, Group, NumberInput, SegmentedControl, Select } from '@mantine/core';
import type { ClientFilters, ClientSort } from '../../../src-preload/contract';

interface Props {
  filters: ClientFilters;
  onFilters: (f: ClientFilters) => void;
  sort: ClientSort;
  onSort: (s: ClientSort) => void;
  searching: boolean;
}

const SORTS = [
  { value: 'name:asc', label: 'Name A–Z' },
  { value: 'name:desc', label: 'Name Z–A' },
  { value: 'created:desc', label: 'Newest first' },
  { value: 'created:asc', label: 'Oldest first' },
  { value: 'lastVisit:desc', label: 'Last visit, recent first' },
  { value: 'lastVisit:asc', label: 'Last visit, longest ago first' },
  { value: 'totalSpend:desc', label: 'Total spend, highest first' },
  { value: 'totalSpend:asc', label: 'Total spend, lowest first' },
];

/** Sets one filter, dropping it when it is back to "any". */
function withFilter<K extends keyof ClientFilters>(f: ClientFilters, key: K, value: ClientFilters[K] | undefined): ClientFilters {
  const next = { ...f };
  if (value === undefined || value === false) delete next[key];
  else next[key] = value;
  return next;
}

export function ClientFilterBar({ filters, onFilters, sort, onSort, searching }: Props) {
  const set = <K extends keyof ClientFilters>(key: K, value: ClientFilters[K] | undefined) => onFilters(withFilter(filters, key, value));
  return (
    <Group gap="sm" align="flex-end" mb="md" role="group" aria-label="Filters">
      <SegmentedControl
        aria-label="Whose clients"
        value={filters.mine ? 'mine' : 'all'}
        onChange={(v) => set('mine', v === 'mine' || undefined)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'mine', label: 'Mine' },
        ]}
      />
      <Select
        label="Status"
        w={130}
        value={filters.status ?? 'any'}
        onChange={(v) => set('status', v === 'guest' || v === 'existing' ? v : undefined)}
        data={[
          { value: 'any', label: 'Any' },
          { value: 'guest', label: 'Guest' },
          { value: 'existing', label: 'Existing' },
        ]}
        allowDeselect={false}
      />
      <Select
        label="Created"
        w={150}
        value={filters.created?.kind === 'new' || filters.created?.kind === 'old' ? filters.created.kind : 'any'}
        onChange={(v) => set('created', v === 'new' || v === 'old' ? { kind: v } : undefined)}
        data={[
          { value: 'any', label: 'Any time' },
          { value: 'new', label: 'New (30 days)' },
          { value: 'old', label: 'Old (over 30 days)' },
        ]}
        allowDeselect={false}
      />
      <Select
        label="Assigned"
        w={150}
        value={filters.assigned === 'unassigned' ? 'unassigned' : 'any'}
        onChange={(v) => set('assigned', v === 'unassigned' ? 'unassigned' : undefined)}
        data={[
          { value: 'any', label: 'Anyone' },
          { value: 'unassigned', label: 'Unassigned' },
        ]}
        allowDeselect={false}
      />
      <NumberInput
        label="No purchase for (days)"
        w={170}
        min={1}
        max={3650}
        value={filters.lapsedDays ?? ''}
        onChange={(v) => set('lapsedDays', typeof v === 'number' && v >= 1 ? Math.min(3650, Math.floor(v)) : undefined)}
      />
      <Checkbox label="Birthday this month" checked={!!filters.birthdayThisMonth} onChange={(e) => set('birthdayThisMonth', e.currentTarget.checked)} />
      <Checkbox label="Anniversary this month" checked={!!filters.anniversaryThisMonth} onChange={(e) => set('anniversaryThisMonth', e.currentTarget.checked)} />
      <Checkbox label="Email consent" checked={!!filters.consentEmail} onChange={(e) => set('consentEmail', e.currentTarget.checked || undefined)} />
      <Checkbox label="SMS consent" checked={!!filters.consentSms} onChange={(e) => set('consentSms', e.currentTarget.checked || undefined)} />
      <Select
        label="Sort"
        w={230}
        disabled={searching}
        description={searching ? 'Search results come as found' : undefined}
        value={`${sort.by}:${sort.dir}`}
        onChange={(v) => {
          if (!v) return;
          const [by, dir] = v.split(':') as [ClientSort['by'], ClientSort['dir']];
          onSort({ by, dir });
        }}
        data={SORTS}
        allowDeselect={false}
      />
    </Group>
  );
}
