/** A profile's relationships, each read from this client's side ("Marc Roux — Parent"), with link and unlink. */
import { useState } from 'react';
import { Anchor, Button, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import type { RelationshipLink } from '../../../src-preload/contract';
import { fullName } from '../../format';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { useClientRelationships } from '../../queries.relationships';
import { AddRelationshipDialog } from './AddRelationshipDialog';

interface Props {
  client: { id: number; firstName: string; lastName: string };
  onOpenClient: (id: number) => void;
}

export function RelationshipsPanel({ client, onOpenClient }: Props) {
  const links = useClientRelationships(client.id);
  const link = useCan()('client.link');
  const [adding, setAdding] = useState(false);
  const unlink = useChannelMutation('relationship-delete', { invalidate: [keys.relationships, keys.relationshipTypes, keys.audit] });

  return (
    <Paper withBorder p="md" component="section" aria-label="Relationships">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          Relationships
        </Title>
        {link && (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)}>
            Add relationship
          </Button>
        )}
      </Group>
      {links.isPending ? (
        <Loader size="sm" aria-label="Loading relationships" />
      ) : (links.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          No relationships
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(links.data ?? []).map((l) => (
            <Group key={l.id} component="li" justify="space-between" wrap="nowrap">
              <Text size="sm">
                <Anchor component="button" type="button" fw={500} onClick={() => onOpenClient(l.other.id)}>
                  {fullName(l.other)}
                </Anchor>{' '}
                — {l.word}
              </Text>
              {link && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={unlinkLabel(l)}
                  loading={unlink.isPending && unlink.variables?.id === l.id}
                  onClick={() => unlink.mutate({ id: l.id })}
                >
                  Unlink
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add relationship">
        <AddRelationshipDialog client={client} onDone={() => setAdding(false)} />
      </Modal>
    </Paper>
  );
}

const unlinkLabel = (l: RelationshipLink) => `Unlink ${fullName(l.other)} (${l.word})`;
