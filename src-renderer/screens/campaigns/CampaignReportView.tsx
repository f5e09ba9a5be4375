/** A campaign's progress and result: counts by status, cancel while it sends, and who got it, with one-click unsubscribe. */
import { Alert, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { useCampaign } from '../../queries.email';
import { MessageStatusBadge } from './MessageStatusBadge';

export function CampaignReportView({ id, onBack }: { id: number; onBack: () => void }) {
  const can = useCan();
  const report = useCampaign(id);
  const cancel = useChannelMutation('campaign-cancel', { invalidate: [keys.campaigns, keys.messages] });
  const unsubscribe = useChannelMutation('client-unsubscribe', { invalidate: [keys.campaigns, keys.clients, keys.messages] });
  if (report.isError) return <Alert color="red">{errorMessage(report.error)}</Alert>;
  const r = report.data;
  if (!r) return <Text c="dimmed">Loading…</Text>;
  const finished = r.counts.sent + r.counts.failed + r.counts.cancelled;
  return (
    <Stack>
      <Button variant="subtle" px={0} onClick={onBack} style={{ alignSelf: 'flex-start' }}>
        ← Back to campaigns
      </Button>
      <Group justify="space-between">
        <Title order={2}>{r.name}</Title>
        {r.status === 'sending' && (
          <Button color="red" variant="default" loading={cancel.isPending}
            onClick={() => cancel.mutate({ id }, { onSuccess: () => notifications.show({ message: 'Campaign cancelled: what had not gone will not go.' }) })}>
            Cancel campaign
          </Button>
        )}
      </Group>
      <Text data-testid="campaign-progress">
        {r.status === 'sending' ? 'Sending' : r.status === 'done' ? 'Finished' : 'Cancelled'}: {r.counts.sent} sent, {r.counts.queued + r.counts.sending} waiting, {r.counts.retrying} retrying, {r.counts.failed} failed, {r.counts.cancelled} cancelled, of {r.recipients}.
      </Text>
      <Progress value={r.recipients ? (100 * finished) / r.recipients : 100} aria-label="Progress" />
      <Table aria-label="Recipients" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.recipientsShown.map((m) => (
            <Table.Tr key={m.messageId}>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{m.email ?? 'Hidden for your role'}</Table.Td>
              <Table.Td>
                <MessageStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{m.reason}</Text>
              </Table.Td>
              <Table.Td>
                {m.unsubscribed ? (
                  <Text size="xs" c="dimmed">
                    Unsubscribed
                  </Text>
                ) : (
                  can('client.edit') && (
                    <Button size="xs" variant="default" aria-label={`Unsubscribe ${m.name}`}
                      loading={unsubscribe.isPending && unsubscribe.variables.clientId === m.clientId}
                      onClick={() =>
                        unsubscribe.mutate(
                          { clientId: m.clientId, source: 'campaign-report', campaignId: id },
                          { onSuccess: () => notifications.show({ message: `${m.name} is unsubscribed.` }) },
                        )
                      }>
                      Unsubscribe
                    </Button>
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
