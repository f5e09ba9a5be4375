/** Picks one client for the audit log's filter: type a name, email or phone, choose from the matches. */
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { fullName } from '../../format';
import { useClientMatches } from '../../queries';

interface Props {
  value: { id: string; label: string } | null;
  onChange: (client: { id: string; label: string } | null) => void;
}

export function AuditClientPicker({ value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const matches = useClientMatches(query, 20, query !== value?.label);
  const options = (matches.data?.items ?? []).map((c) => ({ value: String(c.id), label: fullName(c) }));
  // The chosen client stays an option while the list shows other matches.
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: value.label });
  return (
    <Select
      label="Client"
      description="Whose record changed"
      placeholder="Any client"
      searchable
      clearable
      w={220}
      data={options}
      // The server has already matched names, emails and phones; a second filter on the label would drop some.
      filter={({ options: all }) => all}
      nothingFoundMessage={query ? 'No client found' : 'Type a name, email or phone'}
      searchValue={search}
      onSearchChange={setSearch}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, label: option.label } : null)}
    />
  );
}
