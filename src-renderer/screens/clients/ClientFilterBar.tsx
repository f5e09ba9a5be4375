/**
 * The list's filters, folded into one bar: All or Mine, "Filters (3)" opening the choices, and
 * "Clear all". Every choice is sent to the main process, which filters in SQL inside the
 * person's scope. The sort is chosen on the table's column headers.
 */
import { useState } from 'react';
import { Button, Checkbox, Collapse, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import type { ClientFilters, ClientSort } from '../../../src-preload/contract';
import { FILTER_FIELD_GROUPS, SORT_FIELD_GROUPS } from '../../../src-preload/hidden-filters';
import { calendarDay } from '../../format';
import { useClientFilterOptions, useLocationList, useSession } from '../../queries';

interface Props {
  filters: ClientFilters;
  onFilters: (f: ClientFilters) => void;
  /** What comes first on the bar: the search box. */
  children?: ReactNode;
}

/** How many filters are on, besides All/Mine (which the bar shows itself). */
export const filterCount = (f: ClientFilters) => Object.keys(f).filter((k) => k !== 'mine').length;

/** The columns a person can sort by, and the way each sorts first. */
export const SORTABLE: Partial<Record<string, { by: ClientSort['by']; firstDir: ClientSort['dir'] }>> = {
  name: { by: 'name', firstDir: 'asc' },
  created: { by: 'created', firstDir: 'desc' },
  lastVisit: { by: 'lastVisit', firstDir: 'desc' },
  totalSpend: { by: 'totalSpend', firstDir: 'desc' },
};

/** Whether this role may sort by that (a sort on a hidden field group would be refused). */
export function sortOffered(by: ClientSort['by'], hidden: readonly string[]): boolean {
  const group = SORT_FIELD_GROUPS[by];
  return !group || !hidden.includes(group);
}

/** Sets one filter, dropping it when it is back to "any". */
function withFilter<K extends keyof ClientFilters>(f: ClientFilters, key: K, value: ClientFilters[K] | undefined): ClientFilters {
  const next = { ...f };
  if (value === undefined || value === false) delete next[key];
  else next[key] = value;
  return next;
}

type Created = NonNullable<ClientFilters['created']>;

/** A created range with only the ends that are set: `{ kind: 'range' }` alone matches everyone. */
function createdRange(from: string | null, to: string | null): Created {
  return { kind: 'range', ...(from ? { from } : {}), ...(to ? { to } : {}) };
}


function assignedValue(a: ClientFilters['assigned']): string {
  return a === undefined ? 'any' : a === 'unassigned' ? 'unassigned' : `staff:${a}`;
}

export function ClientFilterBar({ filters, onFilters, children }: Props) {
  const [open, setOpen] = useState(false);
  const n = filterCount(filters);
  const set = <K extends keyof ClientFilters>(key: K, value: ClientFilters[K] | undefined) => onFilters(withFilter(filters, key, value));
  const options = useClientFilterOptions().data;
  const locations = useLocationList().data ?? [];
  // Filters and sorts on a field group hidden from this role would be refused: they are not offered.
  const hidden = new Set(useSession(true).data?.hiddenFields ?? []);
  const offers = (key: keyof ClientFilters) => !hidden.has(FILTER_FIELD_GROUPS[key]!);
  return (
    <>
      <Group gap="xs" wrap="wrap">
        {children}
        <SegmentedControl
        aria-label="Whose clients"
        value={filters.mine ? 'mine' : 'all'}
        onChange={(v) => set('mine', v === 'mine' || undefined)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'mine', label: 'Mine' },
        ]}
      />
        <Button variant={n ? 'light' : 'default'} aria-expanded={open} aria-controls="client-filters" onClick={() => setOpen((o) => !o)}>
          {n ? `Filters (${n})` : 'Filters'}
        </Button>
        {n > 0 && (
          <Button variant="subtle" onClick={() => onFilters(filters.mine ? { mine: true } : {})}>
            Clear all
          </Button>
        )}
      </Group>
      <Collapse expanded={open} keepMounted={false}>
        <Paper withBorder p="sm" mt="xs" id="client-filters">
          <Group gap="sm" align="flex-end" role="group" aria-label="Filters">
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
        value={filters.created?.kind ?? 'any'}
        onChange={(v) => set('created', v === 'new' || v === 'old' ? { kind: v } : v === 'range' ? createdRange(null, null) : undefined)}
        data={[
          { value: 'any', label: 'Any time' },
          { value: 'new', label: 'New (30 days)' },
          { value: 'old', label: 'Old (over 30 days)' },
          { value: 'range', label: 'Between dates…' },
        ]}
        allowDeselect={false}
      />
      {filters.created?.kind === 'range' && (
        <DatePickerInput
          type="range"
          label="Created between"
          placeholder="Any dates"
          clearable
          allowSingleDateInRange
          w={240}
          value={[filters.created.from ?? null, filters.created.to ?? null]}
          onChange={(range) => set('created', createdRange(calendarDay(range[0]), calendarDay(range[1])))}
        />
      )}
      <Select
        label="Assigned"
        w={190}
        searchable
        value={assignedValue(filters.assigned)}
        onChange={(v) => set('assigned', v === 'unassigned' ? 'unassigned' : v?.startsWith('staff:') ? Number(v.slice(6)) : undefined)}
        data={[
          { value: 'any', label: 'Anyone' },
          { value: 'unassigned', label: 'Unassigned' },
          ...(options?.staff ?? []).map((p) => ({ value: `staff:${p.id}`, label: p.active ? p.name : `${p.name} (inactive)` })),
        ]}
        allowDeselect={false}
      />
      <Select
        label="Location"
        description="Visited or bought there"
        w={170}
        value={filters.locationId !== undefined ? String(filters.locationId) : 'any'}
        onChange={(v) => set('locationId', v && v !== 'any' ? Number(v) : undefined)}
        data={[{ value: 'any', label: 'Any location' }, ...locations.map((l) => ({ value: String(l.id), label: l.name }))]}
        allowDeselect={false}
      />
      {offers('tagIds') && (
        <MultiSelect
          label="Tags"
          description="Any of these"
          placeholder={filters.tagIds?.length ? undefined : 'Any tags'}
          w={220}
          searchable
          clearable
          maxValues={20}
          value={(filters.tagIds ?? []).map(String)}
          onChange={(v) => set('tagIds', v.length ? v.map(Number) : undefined)}
          data={(options?.tags ?? []).map((t) => ({ value: String(t.id), label: t.name }))}
        />
      )}
      {offers('lapsedDays') && (
        <NumberInput
          label="No purchase for (days)"
          w={170}
          min={1}
          max={3650}
          value={filters.lapsedDays ?? ''}
          onChange={(v) => set('lapsedDays', typeof v === 'number' && v >= 1 ? Math.min(3650, Math.floor(v)) : undefined)}
        />
      )}
      {offers('birthdayThisMonth') && (
        <Checkbox label="Birthday this month" checked={!!filters.birthdayThisMonth} onChange={(e) => set('birthdayThisMonth', e.currentTarget.checked)} />
      )}
      {offers('anniversaryThisMonth') && (
        <Checkbox label="Anniversary this month" checked={!!filters.anniversaryThisMonth} onChange={(e) => set('anniversaryThisMonth', e.currentTarget.checked)} />
      )}
      <Checkbox label="Email consent" checked={!!filters.consentEmail} onChange={(e) => set('consentEmail', e.currentTarget.checked || undefined)} />
      <Checkbox label="SMS consent" checked={!!filters.consentSms} onChange={(e) => set('consentSms', e.currentTarget.checked || undefined)} />
          </Group>
        </Paper>
      </Collapse>
    </>
  );
}
