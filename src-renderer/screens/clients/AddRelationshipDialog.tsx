/**
 * Linking this client to another: find the other by name, email or phone, say what they
 * are to this client ("Parent"), save. Those who manage types can create a missing one
 * without leaving the dialog; the pick survives the detour.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, ScrollArea, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ClientSummary } from '../../../src-preload/contract';
import { LIMITS } from '../../../src-preload/limits';
import { errorMessage } from '../../api';
import { fullName } from '../../format';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation, useClientList } from '../../queries';
import { useRelationshipTypes } from '../../queries.relationships';
import { RelationshipTypeForm } from '../relationships/RelationshipTypeForm';
import { parseWord, wordOptions, wordValue } from '../relationships/words';

interface Props {
  client: { id: number; firstName: string; lastName: string };
  onDone: () => void;
}

export function AddRelationshipDialog({ client, onDone }: Props) {
  const can = useCan();
  const [creatingType, setCreatingType] = useState(false);
  const [search, setSearch] = useState('');
  const [other, setOther] = useState<ClientSummary | null>(null);
  const [word, setWord] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const types = useRelationshipTypes();
  const create = useChannelMutation('relationship-create', {
    form: true,
    invalidate: [keys.relationships, keys.relationshipTypes, keys.audit],
  });

  if (creatingType) {
    return (
      <Stack>
        <Title order={3} size="h5">
          Create relationship type
        </Title>
        <RelationshipTypeForm
          onCancel={() => setCreatingType(false)}
          onDone={(type) => {
            setWord(wordValue(type.id, 'name'));
            setCreatingType(false);
          }}
        />
      </Stack>
    );
  }

  const save = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const picked = parseWord(word);
    if (!other) return setError('Choose the client to link.');
    if (!picked) return setError('Choose what the other client is to this one.');
    create.mutate(
      { clientId: client.id, otherClientId: other.id, typeId: picked.typeId, side: picked.side },
      { onSuccess: onDone, onError: (err) => setError(errorMessage(err)) },
    );
  };

  const otherName = other ? fullName(other) : 'the other client';
  return (
    <form onSubmit={save} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title="Could not add the relationship">
            {error}
          </Alert>
        )}
        {other ? (
          <Group justify="space-between">
            <Text size="sm">
              Linking <b>{fullName(client)}</b> with <b>{fullName(other)}</b>
            </Text>
            <Button size="compact-sm" variant="subtle" onClick={() => setOther(null)}>
              Choose another client
            </Button>
          </Group>
        ) : (
          <ClientPicker selfId={client.id} search={search} onSearch={setSearch} onPick={setOther} />
        )}
        <Select
          label="Relationship"
          description={`What ${otherName} is to ${fullName(client)}`}
          placeholder="e.g. Spouse, Parent, Child"
          data={wordOptions(types.data ?? []).map((o) => ({ value: o.value, label: o.label }))}
          value={word}
          onChange={setWord}
          searchable
          allowDeselect={false}
        />
        {can('relationship-type.manage') && (
          <div>
            <Button size="compact-sm" variant="subtle" onClick={() => setCreatingType(true)}>
              Create relationship type
            </Button>
          </div>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Save relationship
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ClientPicker({
  selfId,
  search,
  onSearch,
  onPick,
}: {
  selfId: number;
  search: string;
  onSearch: (s: string) => void;
  onPick: (c: ClientSummary) => void;
}) {
  const [query] = useDebouncedValue(search.trim(), 250);
  const list = useClientList(query);
  const found = (list.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => c.id !== selfId).slice(0, 20);
  return (
    <Stack gap="xs">
      <TextInput
        label="Find a client"
        placeholder="Name, email or phone"
        type="search"
        data-autofocus
        maxLength={LIMITS.searchQuery}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
      />
      {list.isPending ? (
        <Loader size="sm" aria-label="Searching clients" />
      ) : found.length === 0 ? (
        <Text size="sm" c="dimmed">
          {query ? `No other client matches “${query}”.` : 'No other clients yet.'}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={220}>
          <Stack gap={2} component="ul" aria-label="Matching clients" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {found.map((c) => (
              <li key={c.id}>
                <Button variant="subtle" justify="flex-start" fullWidth fw={400} onClick={() => onPick(c)}>
                  {[fullName(c), c.email, c.phone].filter(Boolean).join(' · ')}
                </Button>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
