/** What a sales import did (or, for a dry run, would do): counts, problem rows, and onboarding's assignments. */
import { Alert, Badge, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SalesImportReport as Report } from '../../../src-preload/contract';
import { formatNumber } from '../../format';
import { formatMoney } from '../../money';

const PROBLEMS_SHOWN = 10;
const n = (count: number, one: string, many = `${one}s`) => `${formatNumber(count)} ${count === 1 ? one : many}`;

export function SalesImportReport({ report, title, actions }: { report: Report; title: string; actions?: ReactNode }) {
  const assignedTotal = report.assigned.reduce((sum, a) => sum + a.clients, 0);
  const assigned = report.dryRun ? 'would be assigned' : 'assigned';
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={4}>{title}</Title>
        {report.dryRun && (
          <Badge variant="light" color="gray">
            Nothing saved
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Figure label="Rows read" value={report.rows} />
        <Figure label={report.dryRun ? 'Would import' : 'Imported'} value={report.imported} />
        <Figure label="Already imported" value={report.duplicates} />
        <Figure label="Problems" value={report.problems} />
        {report.clientsCreated > 0 && <Figure label={report.dryRun ? 'Clients to add' : 'Clients added'} value={report.clientsCreated} />}
      </SimpleGrid>

      {report.problems > 0 && (
        <Alert color="orange" title={`${n(report.problems, 'row')} cannot be imported`}>
          <Text size="sm" mb="xs">
            {report.dryRun ? 'Import brings in the valid rows and skips these.' : 'These rows were skipped; the valid rows were imported.'}
          </Text>
          <Table aria-label="Problem rows" fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Transaction</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.problemSample.slice(0, PROBLEMS_SHOWN).map((p) => (
                <Table.Tr key={p.line}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>{p.transactionId ?? '—'}</Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {report.problems > PROBLEMS_SHOWN && (
            <Text size="xs" c="dimmed" mt={4}>
              The first {PROBLEMS_SHOWN} are shown{report.dryRun ? '' : '; download the problem rows for all of them'}.
            </Text>
          )}
        </Alert>
      )}

      {report.mode === 'onboarding' && (
        <>
          <Text size="sm">
            {n(assignedTotal, 'client')} {assigned} by greatest total spend
            {report.ties > 0 && `, ${n(report.ties, 'tie')} settled by the most recent sale`}
            {report.noSpend > 0 && `; ${n(report.noSpend, 'client')} with no net spend left Unassigned`}.
          </Text>
          {report.assigned.length > 0 && (
            <Table aria-label="Clients assigned per associate" fz="sm" verticalSpacing={2} maw={420}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Associate</Table.Th>
                  <Table.Th ta="right">Clients</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.assigned.map((a) => (
                  <Table.Tr key={a.staffId}>
                    <Table.Td>{a.name}</Table.Td>
                    <Table.Td ta="right">{formatNumber(a.clients)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {report.moves.length > 0 && <Moves report={report} />}
          {report.unmapped.length > 0 && (
            <Alert color="yellow" title="Unmapped POS ids">
              <Text size="sm" mb={4}>
                These won clients but belong to no active staff member, so those clients stay Unassigned. Map each one, then re-run onboarding.
              </Text>
              <List size="sm" aria-label="Unmapped POS ids">
                {report.unmapped.map((u) => (
                  <List.Item key={u.posAssociateId}>
                    {u.posAssociateId}: {n(u.clients, 'client')}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
        </>
      )}
      {report.mode === 'ongoing' && (
        <Text size="sm">
          {n(report.assignedBySale, 'Unassigned client')} {assigned} to the seller of their first new sale.
        </Text>
      )}
      {actions && <Group gap="xs">{actions}</Group>}
    </Stack>
  );
}

/** Who moves, per (from, to), and the first clients by name: a re-run's preview, or what it did. */
function Moves({ report }: { report: Report }) {
  const verb = report.dryRun ? 'Would move' : 'Moved';
  return (
    <>
      <Table aria-label="Who moves" fz="sm" verticalSpacing={2} maw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th ta="right">Clients</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.moves.map((m) => (
            <Table.Tr key={`${m.from?.id ?? 0}-${m.to.id}`}>
              <Table.Td>{m.from?.name ?? 'Unassigned'}</Table.Td>
              <Table.Td>{m.to.name}</Table.Td>
              <Table.Td ta="right">{formatNumber(m.clients)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table aria-label="Clients that move" fz="sm" verticalSpacing={2} maw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th ta="right">Spend with them</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.moveSample.map((m) => (
            <Table.Tr key={m.client.id}>
              <Table.Td>{m.client.name}</Table.Td>
              <Table.Td>{m.from?.name ?? 'Unassigned'}</Table.Td>
              <Table.Td>{m.to.name}</Table.Td>
              <Table.Td ta="right">{m.totalCents === null ? '—' : formatMoney(m.totalCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.moveSample.length < report.moves.reduce((sum, m) => sum + m.clients, 0) && (
        <Text size="xs">
          {verb} {n(report.moves.reduce((sum, m) => sum + m.clients, 0), 'client')}; the first {report.moveSample.length} are listed.
        </Text>
      )}
    </>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{formatNumber(value)}</Text>
    </div>
  );
}
