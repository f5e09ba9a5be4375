/** From a profile: find the other record of the same person, then merge the two field by field. */
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { fullName } from '../../format';
import { useClientMatches } from '../../queries';
import { MergeDialog } from './MergeDialog';

interface Props {
  client: { id: number; firstName: string; lastName: string };
  onClose: () => void;
  onMerged: (id: number) => void;
}

export function MergeWithDialog({ client, onClose, onMerged }: Props) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const [other, setOther] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  const matches = useClientMatches(query, 20);
  const options = (matches.data?.items ?? [])
    .filter((c) => c.id !== client.id)
    .map((c) => ({ value: String(c.id), label: `${fullName(c)}${c.phone || c.email ? ` · ${c.phone ?? c.email}` : ''}` }));
  if (merging && other) {
    return <MergeDialog ids={[client.id, Number(other)]} onClose={onClose} onMerged={onMerged} />;
  }
  return (
    <Modal opened onClose={onClose} title={`Merge ${fullName(client)} with…`}>
      <Stack>
        <Text size="sm">Find the other record of the same person: by name, email or phone.</Text>
        <Select
          label="The other client"
          searchable
          data={options}
          // The server has already matched names, emails and phones; a second filter on the label would drop some.
          filter={({ options: all }) => all}
          nothingFoundMessage={query ? 'No other client found' : 'Type a name, email or phone'}
          searchValue={search}
          onSearchChange={setSearch}
          value={other}
          onChange={setOther}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!other} onClick={() => setMerging(true)}>
            Compare and merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
