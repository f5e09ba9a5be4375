/** One row per column of the file: its header, a sample value, and the field it fills. */
import { Select, Table } from '@mantine/core';
import { FIELD_LABELS, IMPORT_FIELD_GROUPS, IMPORT_FIELDS, type ImportField } from '../../../src-preload/csv';
import { useSession } from '../../queries';

export function MappingTable(props: {
  headers: string[];
  sample: string[] | undefined;
  mapping: (ImportField | null)[];
  onChange: (mapping: (ImportField | null)[]) => void;
}) {
  const { headers, sample, mapping, onChange } = props;
  // A role imports only the fields it may see (the main process refuses the others).
  const hidden = new Set(useSession(true).data?.hiddenFields ?? []);
  const options = [
    { value: '', label: 'Ignore this column' },
    ...IMPORT_FIELDS.filter((f) => {
      const group = IMPORT_FIELD_GROUPS[f];
      return group === null || !hidden.has(group);
    }).map((f) => ({ value: f, label: FIELD_LABELS[f] })),
  ];
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Column mapping" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Column in the file</Table.Th>
            <Table.Th>First row</Table.Th>
            <Table.Th>Goes to</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headers.map((h, i) => (
            <Table.Tr key={i}>
              <Table.Td fw={500}>{h || `(column ${i + 1})`}</Table.Td>
              <Table.Td c="dimmed">{sample?.[i]?.slice(0, 40) ?? ''}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Field for column ${h || i + 1}`}
                  data={options.map((o) => ({
                    ...o,
                    // A field already taken by another column cannot be chosen twice.
                    disabled: o.value !== '' && o.value !== mapping[i] && mapping.includes(o.value as ImportField),
                  }))}
                  value={mapping[i] ?? ''}
                  allowDeselect={false}
                  searchable
                  onChange={(v) => onChange(mapping.map((m, j) => (j === i ? ((v || null) as ImportField | null) : m)))}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
