/** Admin: every role's actions, visibility and hidden fields as one matrix; new, rename, delete. */
import { useState } from 'react';
import { Button, Center, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RoleSummary } from '../../../src-preload/contract';
import { keys } from '../../keys';
import { useChannelMutation, useRoleList, useSession } from '../../queries';
import { RoleCreateForm } from './RoleCreateForm';
import { RoleDeleteDialog } from './RoleDeleteDialog';
import { RoleMatrix } from './RoleMatrix';
import { RoleRenameForm } from './RoleRenameForm';
import { draftOf, inMatrixOrder, type RoleDraft } from './roleRules';

type Dialog = { kind: 'create' } | { kind: 'rename' | 'delete'; role: RoleSummary } | null;

const TITLES = { create: 'New role', rename: 'Rename role', delete: 'Delete role' };

export function RolesPage({ myRoleName }: { myRoleName: string }) {
  const roles = useRoleList();
  const session = useSession(true);
  // Unsaved edits per role id; a role without an entry shows what the server has.
  const [edits, setEdits] = useState<Record<number, RoleDraft>>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const update = useChannelMutation('role-update', { invalidate: [keys.roles] });
  const close = () => setDialog(null);

  if (roles.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading roles" />
      </Center>
    );
  }
  const list = inMatrixOrder(roles.data ?? []);
  const drafts = Object.fromEntries(list.map((r) => [r.id, edits[r.id] ?? draftOf(r)]));

  const save = (role: RoleSummary) => {
    const d = drafts[role.id]!;
    update.mutate(
      {
        id: role.id,
        visibility: d.visibility,
        hiddenFields: d.hiddenFields,
        // Built-in roles keep their actions; the server refuses a list for them.
        ...(role.builtIn ? {} : { permissions: d.permissions }),
      },
      {
        onSuccess: (saved) => {
          setEdits(({ [role.id]: _, ...rest }) => rest);
          notifications.show({ color: 'teal', message: `${saved.name} saved.` });
        },
      },
    );
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Roles & permissions</Title>
          <Text c="dimmed" size="sm">
            What each role may do and see. A custom role starts from a built-in one and then holds exactly the actions ticked for it.
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'create' })}>New role</Button>
      </Group>
      <RoleMatrix
        roles={list}
        drafts={drafts}
        myActions={new Set(session.data?.permissions ?? [])}
        myRoleName={myRoleName}
        savingId={update.isPending ? (update.variables?.id ?? null) : null}
        onChange={(role, draft) => setEdits((e) => ({ ...e, [role.id]: draft }))}
        onSave={save}
        onRename={(role) => setDialog({ kind: 'rename', role })}
        onDelete={(role) => setDialog({ kind: 'delete', role })}
      />
      <Modal opened={dialog !== null} onClose={close} title={dialog ? TITLES[dialog.kind] : ''}>
        {dialog?.kind === 'create' && <RoleCreateForm onDone={close} />}
        {dialog?.kind === 'rename' && <RoleRenameForm role={dialog.role} onDone={close} />}
        {dialog?.kind === 'delete' && <RoleDeleteDialog role={dialog.role} onDone={close} />}
      </Modal>
    </Stack>
  );
}
