/** Where a staff member works; their "clients at my locations" visibility reads it. */
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useLocationList } from '../../queries';

export function LocationsSelect(props: Omit<MultiSelectProps, 'data' | 'label'>) {
  const locations = useLocationList();
  return (
    <MultiSelect
      label="Locations"
      description="Where this person works"
      placeholder={locations.data?.length ? 'Pick locations' : 'No locations yet (add them under Settings)'}
      data={(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
      searchable
      clearable
      {...props}
    />
  );
}
