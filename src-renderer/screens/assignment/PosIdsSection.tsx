/**
 * Every POS associate id seen in sales files, with who it belongs to. Mapping lives on the
 * staff member (their POS id); those who manage staff can map an id from here too.
 */
import { useState } from 'react';
import { Alert, Badge, Center, Group, Loader, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PosIdSummary } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { formatMoney } from '../../money';
import { useCan } from '../../permissions';
import { useChannelMutation, usePosIds } from '../../queries';
import { useStaffChoices, type StaffChoice } from './useStaffChoices';
import { formatNumber } from '../../format';

export function PosIdsSection() {
  const can = useCan();
  const posIds = usePosIds(true);
  const staff = useStaffChoices();
  const [error, setError] = useState<string | null>(null);

  if (posIds.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading POS ids" />
      </Center>
    );
  }
  if (posIds.isError) return <Alert color="red">{errorMessage(posIds.error)}</Alert>;
  if (posIds.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sales imported yet. POS ids appear here once a sales file has been imported.
      </Text>
    );
  }
  return (
    <>
      {error && (
        <Alert color="red" title="Could not map the POS id" mb="sm" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!can('staff.manage') && (
        <Text size="sm" c="dimmed" mb="sm">
          A POS id is mapped by giving a staff member that POS id on the Staff page, which an Admin can do.
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="POS associate ids" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>POS id</Table.Th>
              <Table.Th>Staff member</Table.Th>
              <Table.Th ta="right">Sales</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {posIds.data.map((p) => (
              <Table.Tr key={p.posAssociateId}>
                <Table.Td ff="monospace">{p.posAssociateId}</Table.Td>
                <Table.Td>
                  <Mapping row={p} staff={can('staff.manage') ? staff.data : null} onError={setError} />
                </Table.Td>
                <Table.Td ta="right">{formatNumber(p.sales)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.totalCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** The mapped staff member, or "Not mapped" with a "Map to…" choice for those who manage staff. */
function Mapping({ row, staff, onError }: { row: PosIdSummary; staff: StaffChoice[] | null; onError: (message: string | null) => void }) {
  const map = useChannelMutation('staff-update', { form: true, invalidate: [keys.posIds, keys.staff] });
  if (row.staff) return <>{row.staff.name}</>;
  if (!staff) return <NotMapped />;
  // A staff member has one POS id: choosing someone who has another one moves them to this one, so say so.
  const options = staff
    .filter((s) => s.active)
    .map((s) => ({ value: String(s.id), label: s.posAssociateId ? `${s.name} (now ${s.posAssociateId})` : s.name }));
  const choose = async (value: string | null) => {
    if (!value) return;
    onError(null);
    try {
      const saved = await map.mutateAsync({ id: Number(value), posAssociateId: row.posAssociateId });
      notifications.show({ color: 'teal', message: `POS id ${row.posAssociateId} is now ${saved.name}.` });
    } catch (err) {
      onError(errorMessage(err));
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <NotMapped />
      <Select
        aria-label={`Map POS id ${row.posAssociateId} to a staff member`}
        placeholder="Map to…"
        data={options}
        value={null}
        onChange={choose}
        searchable
        disabled={map.isPending}
        size="xs"
        maw={260}
        nothingFoundMessage="No staff member by that name"
      />
    </Group>
  );
}

function NotMapped() {
  return (
    <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
      Not mapped
    </Badge>
  );
}
