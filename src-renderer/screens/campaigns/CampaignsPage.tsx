/**
 * Campaigns: write an email with the shared placeholders, choose who gets it (a segment, the
 * client list as searched and filtered, or everyone the sender may see), preview it on real
 * clients, send a test to oneself, start it, follow its progress, cancel, read the report.
 */
import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { CampaignAudience } from '../../../src-preload/contract';
import { formatDateTime } from '../../format';
import { useCampaigns } from '../../queries.email';
import { CampaignComposer } from './CampaignComposer';
import { CampaignReportView } from './CampaignReportView';

type View = { kind: 'list' } | { kind: 'compose' } | { kind: 'report'; id: number };

export function CampaignsPage({ listAudience }: { listAudience: CampaignAudience | null }) {
  const [view, setView] = useState<View>(listAudience ? { kind: 'compose' } : { kind: 'list' });
  const campaigns = useCampaigns(view.kind === 'list');
  if (view.kind === 'compose') return <CampaignComposer listAudience={listAudience} onCancel={() => setView({ kind: 'list' })} onStarted={(id) => setView({ kind: 'report', id })} />;
  if (view.kind === 'report') return <CampaignReportView id={view.id} onBack={() => setView({ kind: 'list' })} />;
  const items = campaigns.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Campaigns</Title>
        <Button onClick={() => setView({ kind: 'compose' })}>New campaign</Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{campaigns.isPending ? 'Loading…' : 'No campaigns yet.'}</Text>
      ) : (
        <Table aria-label="Campaigns" striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Sent</Table.Th>
              <Table.Th>Failed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => setView({ kind: 'report', id: c.id })}>
                <Table.Td>
                  {/* The row opens on a click; the name is the button a keyboard reaches. */}
                  <Anchor
                    component="button"
                    type="button"
                    onClick={(e) => {
                      e.stopPropagation();
                      setView({ kind: 'report', id: c.id });
                    }}
                  >
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                <Table.Td>{c.createdBy}</Table.Td>
                <Table.Td>{c.status}</Table.Td>
                <Table.Td>
                  {c.counts.sent} of {c.recipients}
                </Table.Td>
                <Table.Td>{c.counts.failed}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
