/**
 * The readable matrix: one row per action, one column per role. Built-in roles show their
 * fixed actions; custom roles' cells are checkboxes, limited to the actions the person editing holds.
 * Below the actions, each role's visibility, hidden field groups and staff count.
 */
import type { ReactNode } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import type { RoleSummary } from '../../../src-preload/contract';
import { ACTION_LABELS, ACTIONS, FIELD_GROUP_LABELS, FIELD_GROUPS, type Action } from '../../../src-preload/policy';
import { ROLE_LABELS } from '../../format';
import { MatrixBox } from './MatrixBox';
import { actionLockedReason, isDirty, lockedReason, sentence, type RoleDraft } from './roleRules';
import { VisibilityCell } from './VisibilityCell';

export interface RoleMatrixProps {
  roles: RoleSummary[];
  drafts: Record<number, RoleDraft>;
  /** The actions the person editing holds: nobody gives what they do not hold. */
  myActions: ReadonlySet<Action>;
  myRoleName: string;
  savingId: number | null;
  onChange: (role: RoleSummary, draft: RoleDraft) => void;
  onSave: (role: RoleSummary) => void;
  onRename: (role: RoleSummary) => void;
  onDelete: (role: RoleSummary) => void;
}

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));

export function RoleMatrix(p: RoleMatrixProps) {
  const cols = p.roles.length + 1;
  const draft = (r: RoleSummary) => p.drafts[r.id]!;
  const locked = (r: RoleSummary) => lockedReason(r, p.myRoleName);

  return (
    <Table.ScrollContainer minWidth={260 + 150 * p.roles.length}>
      <Table withColumnBorders verticalSpacing={6} aria-label="Roles and permissions" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={260}>Action</Table.Th>
            {p.roles.map((r) => (
              <Table.Th key={r.id} ta="center" scope="col">
                <Stack gap={2} align="center">
                  <Text fw={700} size="sm">{r.name}</Text>
                  <Text size="xs" c="dimmed">{r.builtIn ? 'Built-in' : `Based on ${ROLE_LABELS[r.baseRole]}`}</Text>
                  {!r.builtIn && (
                    <Group gap={4} justify="center" wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" aria-label={`Rename ${r.name}`} onClick={() => p.onRename(r)}>
                        Rename
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={`Delete ${r.name}`} onClick={() => p.onDelete(r)}>
                        Delete
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <SectionRow cols={cols}>What each role may do</SectionRow>
          {ACTIONS.map((action) => (
            <Table.Tr key={action}>
              <Table.Th scope="row" fw={400}>{sentence(ACTION_LABELS[action])}</Table.Th>
              {p.roles.map((r) => (
                <Table.Td key={r.id} ta="center">
                  <MatrixBox
                    label={`${r.name} may ${ACTION_LABELS[action]}`}
                    checked={draft(r).permissions.includes(action)}
                    lockedReason={locked(r) ?? actionLockedReason(r, action, p.myActions)}
                    asCheckbox={!r.builtIn}
                    onChange={(on) => p.onChange(r, { ...draft(r), permissions: toggle(draft(r).permissions, action, on) })}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <SectionRow cols={cols}>Which clients each role sees</SectionRow>
          <Table.Tr>
            <Table.Th scope="row" fw={400}>Visibility</Table.Th>
            {p.roles.map((r) => (
              <Table.Td key={r.id}>
                <VisibilityCell role={r} value={draft(r).visibility} lockedReason={locked(r)} onChange={(visibility) => p.onChange(r, { ...draft(r), visibility })} />
              </Table.Td>
            ))}
          </Table.Tr>
          <SectionRow cols={cols}>Hidden from each role on the client card</SectionRow>
          {FIELD_GROUPS.map((group) => (
            <Table.Tr key={group}>
              <Table.Th scope="row" fw={400}>{FIELD_GROUP_LABELS[group]}</Table.Th>
              {p.roles.map((r) => (
                <Table.Td key={r.id} ta="center">
                  <MatrixBox
                    label={`Hide ${FIELD_GROUP_LABELS[group]} from ${r.name}`}
                    checked={draft(r).hiddenFields.includes(group)}
                    lockedReason={locked(r)}
                    asCheckbox={!(r.builtIn && r.baseRole === 'admin')}
                    shown={{ yes: 'Hidden', no: 'Shown' }}
                    onChange={(on) => p.onChange(r, { ...draft(r), hiddenFields: toggle(draft(r).hiddenFields, group, on) })}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <SectionRow cols={cols}>Staff</SectionRow>
          <Table.Tr>
            <Table.Th scope="row" fw={400}>Staff with this role</Table.Th>
            {p.roles.map((r) => (
              <Table.Td key={r.id} ta="center">{r.staffCount}</Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" fw={400}>
              <Text size="sm" c="dimmed">Each role saves on its own</Text>
            </Table.Th>
            {p.roles.map((r) => (
              <Table.Td key={r.id} ta="center">
                {!locked(r) && (
                  <Button
                    size="xs"
                    aria-label={`Save ${r.name}`}
                    disabled={!isDirty(r, draft(r))}
                    loading={p.savingId === r.id}
                    onClick={() => p.onSave(r)}
                  >
                    Save
                  </Button>
                )}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function SectionRow({ cols, children }: { cols: number; children: ReactNode }) {
  return (
    <Table.Tr bg="var(--mantine-color-default-hover)">
      <Table.Th colSpan={cols} scope="colgroup">
        {children}
      </Table.Th>
    </Table.Tr>
  );
}
