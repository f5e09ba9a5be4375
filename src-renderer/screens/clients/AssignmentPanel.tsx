/**
 * Who looks after a client and why: the primary associate (changed here within what the
 * policy allows this person), the additional staff and what brought each one, and the
 * history of every change.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, List, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { ClientAssignment, StaffRef } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useClientAssignment } from '../../queries';
import { whyAdditional, whyAssigned } from './assignmentText';

const UNASSIGNED = 'unassigned';

export function AssignmentPanel({ clientId, onLeftScope }: { clientId: number; onLeftScope?: () => void }) {
  const assignment = useClientAssignment(clientId);
  if (assignment.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading assignment" />
      </Center>
    );
  }
  if (assignment.isError) {
    return (
      <Alert color="red" title="Who looks after this client could not be loaded">
        {errorMessage(assignment.error)}
      </Alert>
    );
  }
  const a = assignment.data;
  return (
    <Stack>
      <Panel title="Assigned associate">
        <PrimaryAssociate assignment={a} onLeftScope={onLeftScope} />
      </Panel>
      <Panel title="Additional staff">
        {a.additional.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody else has worked with this client yet.
          </Text>
        ) : (
          <List spacing={4} size="sm" listStyleType="none" aria-label="Additional staff">
            {a.additional.map((s) => (
              <List.Item key={s.id}>
                <Text span fw={500} size="sm">
                  {s.name}
                </Text>{' '}
                <Text span c="dimmed" size="sm">
                  — {whyAdditional(s)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Panel>
      <Panel title="Assignment history">
        <AssignmentHistory history={a.history} />
      </Panel>
    </Stack>
  );
}

function PrimaryAssociate({ assignment: a, onLeftScope }: { assignment: ClientAssignment; onLeftScope?: () => void }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const assign = useChannelMutation('client-assign', { form: true, invalidate: [keys.client(a.clientId), keys.clients] });

  const options = [
    ...a.choices.map((s) => ({ value: String(s.id), label: s.name })),
    ...(a.canUnassign && a.primary ? [{ value: UNASSIGNED, label: 'Unassigned' }] : []),
  ];
  const canEdit = options.length > 0;

  const save = async () => {
    if (!choice) return setError('Choose who looks after this client.');
    setError(null);
    try {
      const saved = await assign.mutateAsync({ clientId: a.clientId, staffId: choice === UNASSIGNED ? null : Number(choice) });
      setEditing(false);
      if (!saved.inYourScope) {
        // Saved; the client is no longer one this person sees, so the profile closes.
        notifications.show({
          color: 'green',
          message: saved.primary ? `Handed over to ${saved.primary.name}. This client is no longer in your list.` : 'Unassigned. This client is no longer in your list.',
        });
        onLeftScope?.();
        return;
      }
      client.setQueryData(keys.clientAssignment(a.clientId), saved);
    } catch (err) {
      // A refusal (FORBIDDEN) says in words why: show it as it came.
      setError(errorMessage(err));
    }
  };

  if (!editing) {
    return (
      <Group justify="space-between" wrap="nowrap">
        <Text fw={500} c={a.primary ? undefined : 'dimmed'}>
          {a.primary?.name ?? 'Unassigned'}
        </Text>
        {canEdit && (
          <Button
            variant="default"
            size="xs"
            aria-label="Edit assigned associate"
            onClick={() => {
              setChoice(null);
              setError(null);
              setEditing(true);
            }}
          >
            Edit
          </Button>
        )}
      </Group>
    );
  }
  return (
    <Stack gap="sm">
      {error && (
        <Alert color="red" title="Could not change the assigned associate">
          {error}
        </Alert>
      )}
      <Select
        label="Assign to"
        description={`Now: ${a.primary?.name ?? 'Unassigned'}`}
        placeholder="Search staff"
        data={options}
        value={choice}
        onChange={setChoice}
        searchable
        nothingFoundMessage="No staff member by that name"
      />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={() => setEditing(false)}>
          Cancel
        </Button>
        <Button onClick={save} loading={assign.isPending}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}

const who = (s: StaffRef | null) => s?.name ?? 'Unassigned';

function AssignmentHistory({ history }: { history: ClientAssignment['history'] }) {
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label="Assignment history" verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{formatDateTime(h.at)}</Table.Td>
              <Table.Td>{who(h.from)}</Table.Td>
              <Table.Td>{who(h.to)}</Table.Td>
              <Table.Td>{whyAssigned(h)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
