/** A campaign's progress and result: counts by status, cancel while it sends, and who got it, with one-click unsubscribe. */
import { Alert, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call, errorMessage } from '../../api';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { MessageStatusBadge } from './MessageStatusBadge';

export function CampaignReportView({ id, onBack }: { id: number; onBack: () => void }) {
  const can = useCan();
  const client = useQueryClient();
  // While it sends, the report refreshes every second and a half.
  const report = useQuery({ queryKey: keys.campaign(id), queryFn: () => call('campaign-get', { id }), refetchInterval: (q) => (q.state.data?.status === 'sending' ? 1500 : false) });
  const refresh = () => client.invalidateQueries({ queryKey: keys.campaign(id) });
  const act = async (task: () => Promise<unknown>, done: string) => {
    try {
      await task();
      notifications.show({ message: done });
      await refresh();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  };
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
          <Button color="red" variant="default" onClick={() => void act(() => call('campaign-cancel', { id }), 'Campaign cancelled: what had not gone will not go.')}>
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
                    <Button size="xs" variant="default" onClick={() => void act(() => call('client-unsubscribe', { clientId: m.clientId, source: 'campaign-report', campaignId: id }), `${m.name} is unsubscribed.`)}>
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
