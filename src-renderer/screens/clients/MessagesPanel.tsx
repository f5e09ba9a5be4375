/**
 * A client's emails: life-event messages and campaigns, each with its status, the server's
 * answer or the reason it has not gone; retry and cancel for staff who may send email.
 */
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ClientMessage } from '../../../src-preload/contract';
import { formatDateTime } from '../../format';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { useClientMessages } from '../../queries.email';
import { MessageStatusBadge } from '../campaigns/MessageStatusBadge';

function detail(m: ClientMessage): string {
  if (m.status === 'sent') return m.serverAnswer ? `Server: ${m.serverAnswer}` : '';
  if (m.status === 'retrying') return `${m.reason ?? ''} Next try ${formatDateTime(m.nextAttemptAt)}.`;
  return m.reason ?? '';
}

export function MessagesPanel({ clientId }: { clientId: number }) {
  const can = useCan();
  const messages = useClientMessages(clientId);
  // A retried or cancelled email changes the campaign's counts too.
  const retry = useChannelMutation('message-retry', { invalidate: [keys.messages, keys.campaigns] });
  const cancel = useChannelMutation('message-cancel', { invalidate: [keys.messages, keys.campaigns] });
  const items = messages.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4" mt="md">
        Emails
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {messages.isPending ? 'Loading…' : 'No emails yet.'}
        </Text>
      ) : (
        <Table aria-label="Emails" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queued</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
                <Table.Td>{m.subject}</Table.Td>
                <Table.Td>{m.campaign ? `Campaign “${m.campaign.name}”` : 'Life-event rule'}</Table.Td>
                <Table.Td>
                  <MessageStatusBadge status={m.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{detail(m)}</Text>
                </Table.Td>
                <Table.Td>
                  {can('email.send') && (
                    <Group gap={4} wrap="nowrap">
                      {['failed', 'cancelled', 'retrying'].includes(m.status) && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${m.status === 'retrying' ? 'Send now' : 'Retry'}: ${m.subject}`}
                          loading={retry.isPending && retry.variables.id === m.id}
                          onClick={() => retry.mutate({ id: m.id })}
                        >
                          {m.status === 'retrying' ? 'Send now' : 'Retry'}
                        </Button>
                      )}
                      {['queued', 'retrying'].includes(m.status) && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          aria-label={`Cancel: ${m.subject}`}
                          loading={cancel.isPending && cancel.variables.id === m.id}
                          onClick={() => cancel.mutate({ id: m.id })}
                        >
                          Cancel
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
