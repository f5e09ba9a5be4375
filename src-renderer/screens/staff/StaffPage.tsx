/** Admin: the people who use Clientele, and the actions on each. */
import { useState } from 'react';
import { Badge, Button, Center, Group, Loader, Modal, Table, Title, VisuallyHidden } from '@mantine/core';
import type { StaffSummary } from '../../../src-preload/contract';
import { formatDateTime } from '../../format';
import { useLocationList, useStaffList } from '../../queries';
import { StaffCreateForm } from './StaffCreateForm';
import { StaffDeleteDialog } from './StaffDeleteDialog';
import { StaffEditForm } from './StaffEditForm';
import { StaffPasswordForm } from './StaffPasswordForm';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'password' | 'delete'; staff: StaffSummary }
  | null;

const TITLES = { create: 'Add staff', edit: 'Edit staff', password: 'Reset password', delete: 'Delete staff' };

export function StaffPage({ me }: { me: number }) {
  const staff = useStaffList();
  const locations = useLocationList();
  const locationName = new Map((locations.data ?? []).map((l) => [l.id, l.name]));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Staff</Title>
        <Button onClick={() => setDialog({ kind: 'create' })}>Add staff</Button>
      </Group>
      {staff.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading staff" />
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={940}>
          <Table verticalSpacing="sm" aria-label="Staff">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Username</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Locations</Table.Th>
                <Table.Th>POS ids</Table.Th>
                <Table.Th>Active</Table.Th>
                <Table.Th>Locked until</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(staff.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td fw={500}>{s.name}</Table.Td>
                  <Table.Td>{s.username}</Table.Td>
                  <Table.Td>{s.roleName}</Table.Td>
                  <Table.Td>{s.locationIds.map((id) => locationName.get(id) ?? `#${id}`).join(', ')}</Table.Td>
                  <Table.Td>{s.posAssociateIds.join(', ')}</Table.Td>
                  <Table.Td>
                    {s.active ? (
                      <Badge color="teal" variant="light">Active</Badge>
                    ) : (
                      <Badge color="gray" variant="light">Inactive</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{lockedUntil(s.lockedUntil)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="subtle" aria-label={`Edit ${s.name}`} onClick={() => setDialog({ kind: 'edit', staff: s })}>
                        Edit
                      </Button>
                      <Button size="compact-sm" variant="subtle" aria-label={`Reset password for ${s.name}`} onClick={() => setDialog({ kind: 'password', staff: s })}>
                        Reset password
                      </Button>
                      {s.id !== me && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${s.name}`}
                          onClick={() => setDialog({ kind: 'delete', staff: s })}
                        >
                          Delete
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={dialog !== null} onClose={close} title={dialog ? TITLES[dialog.kind] : ''}>
        {dialog?.kind === 'create' && <StaffCreateForm onDone={close} />}
        {dialog?.kind === 'edit' && <StaffEditForm staff={dialog.staff} isMe={dialog.staff.id === me} onDone={close} />}
        {dialog?.kind === 'password' && <StaffPasswordForm staff={dialog.staff} onDone={close} />}
        {dialog?.kind === 'delete' && <StaffDeleteDialog staff={dialog.staff} onDone={close} />}
      </Modal>
    </>
  );
}

function lockedUntil(iso: string | null): string {
  return iso && new Date(iso).getTime() > Date.now() ? formatDateTime(iso) : '—';
}
