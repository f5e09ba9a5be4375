/** Life-event rules: the list with what each does, and the forms to change them or run them now. */
import { useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { AutomationRule } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { countOf } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { useAutomations } from '../../queries.relationships';
import { AutomationForm } from './AutomationForm';
import { CHANNEL_LABELS, EVENT_LABELS, recipientText, whenText } from './describeRule';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete'; rule: AutomationRule } | null;

const TITLES = { create: 'Add automation rule', edit: 'Edit automation rule', delete: 'Delete automation rule' };


export function AutomationsSection() {
  const rules = useAutomations(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [ran, setRan] = useState<string | null>(null);
  const run = useChannelMutation('automation-run', { invalidate: [keys.outbox] });
  const close = () => setDialog(null);

  const runNow = () =>
    run.mutate(
      {},
      {
        onSuccess: (r) =>
          setRan(
            `Run finished: ${countOf(r.created, 'message')} created, ${countOf(r.skipped, 'message')} skipped.`,
          ),
      },
    );

  return (
    <section aria-labelledby="automations-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} id="automations-title">
          Automations
        </Title>
        <Group gap="xs">
          <Button variant="default" onClick={runNow} loading={run.isPending}>
            Run now
          </Button>
          <Button onClick={() => setDialog({ kind: 'create' })}>Add rule</Button>
        </Group>
      </Group>
      {ran && (
        <Alert color="teal" mb="sm" role="status" withCloseButton onClose={() => setRan(null)} closeButtonLabel="Dismiss">
          {ran}
        </Alert>
      )}
      {rules.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading automations" />
        </Center>
      ) : (rules.data ?? []).length === 0 ? (
        <Text c="dimmed" size="sm">
          No rules yet. Add one to remind staff of birthdays and anniversaries.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" aria-label="Automations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Recipient</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Active</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rules.data ?? []).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text fw={500} size="sm">
                        {r.name}
                      </Text>
                      {r.disabledReason && (
                        <Text size="xs" c="orange" fw={500}>
                          ⚠ {r.disabledReason}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{EVENT_LABELS[r.event]}</Table.Td>
                  <Table.Td>{whenText(r.daysBefore)}</Table.Td>
                  <Table.Td>{recipientText(r)}</Table.Td>
                  <Table.Td>{CHANNEL_LABELS[r.channel]}</Table.Td>
                  <Table.Td>
                    {r.active ? (
                      <Badge color="teal" variant="light">Active</Badge>
                    ) : (
                      <Badge color={r.disabledReason ? 'orange' : 'gray'} variant="light">Off</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="subtle" aria-label={`Edit ${r.name}`} onClick={() => setDialog({ kind: 'edit', rule: r })}>
                        Edit
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${r.name}`}
                        onClick={() => setDialog({ kind: 'delete', rule: r })}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={dialog !== null} onClose={close} title={dialog ? TITLES[dialog.kind] : ''} size="lg">
        {dialog?.kind === 'create' && <AutomationForm onDone={close} />}
        {dialog?.kind === 'edit' && <AutomationForm rule={dialog.rule} onDone={close} />}
        {dialog?.kind === 'delete' && <DeleteRule rule={dialog.rule} onDone={close} />}
      </Modal>
    </section>
  );
}

function DeleteRule({ rule, onDone }: { rule: AutomationRule; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const remove = useChannelMutation('automation-delete', { form: true, invalidate: [keys.automations, keys.outbox] });
  return (
    <Stack>
      <Text size="sm">Delete the rule “{rule.name}”? Its messages are removed from the Today lists too; to keep them, switch the rule off instead.</Text>
      {error && <Alert color="red" title="Could not delete">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => remove.mutate({ id: rule.id }, { onSuccess: onDone, onError: (e) => setError(errorMessage(e)) })}
        >
          Delete
        </Button>
      </Group>
    </Stack>
  );
}
