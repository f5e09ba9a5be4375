/** The shop's relationship types, each with its two words and how many links use it. */
import { useState } from 'react';
import { Button, Center, Group, Loader, Modal, Table, Title, VisuallyHidden } from '@mantine/core';
import type { RelationshipType } from '../../../src-preload/contract';
import { useCan } from '../../permissions';
import { useRelationshipTypes } from '../../queries.relationships';
import { RelationshipTypeDeleteDialog } from './RelationshipTypeDeleteDialog';
import { RelationshipTypeForm } from './RelationshipTypeForm';

type Dialog = { kind: 'create' } | { kind: 'rename' | 'delete'; type: RelationshipType } | null;

const TITLES = { create: 'Add relationship type', rename: 'Rename relationship type', delete: 'Delete relationship type' };

export function RelationshipTypesSection() {
  const types = useRelationshipTypes();
  const manage = useCan()('relationship-type.manage');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <section aria-labelledby="relationship-types-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} id="relationship-types-title">
          Relationship types
        </Title>
        {manage && <Button onClick={() => setDialog({ kind: 'create' })}>Add relationship type</Button>}
      </Group>
      {types.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading relationship types" />
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="sm" aria-label="Relationship types">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Reverse name</Table.Th>
                <Table.Th>Links</Table.Th>
                {manage && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(types.data ?? []).map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td fw={500}>{t.name}</Table.Td>
                  <Table.Td>{t.reverseName}</Table.Td>
                  <Table.Td>{t.linkCount}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Rename ${t.name}`}
                          onClick={() => setDialog({ kind: 'rename', type: t })}
                        >
                          Rename
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${t.name}`}
                          onClick={() => setDialog({ kind: 'delete', type: t })}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={dialog !== null} onClose={close} title={dialog ? TITLES[dialog.kind] : ''}>
        {dialog?.kind === 'create' && <RelationshipTypeForm onDone={close} onCancel={close} />}
        {dialog?.kind === 'rename' && <RelationshipTypeForm type={dialog.type} onDone={close} onCancel={close} />}
        {dialog?.kind === 'delete' && (
          <RelationshipTypeDeleteDialog type={dialog.type} types={types.data ?? []} onDone={close} />
        )}
      </Modal>
    </section>
  );
}
