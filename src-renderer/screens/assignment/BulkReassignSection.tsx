/** Hand every client of one associate (someone leaving) to one colleague or evenly across several: preview, then apply. */
import { useState } from 'react';
import { Alert, Button, Group, List, Modal, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BulkPlan } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useAssignableStaff, useChannelMutation } from '../../queries';
import { formatNumber } from '../../format';

const clientsText = (n: number) => `${formatNumber(n)} ${n === 1 ? 'client' : 'clients'}`;

export function BulkReassignSection() {
  const staff = useAssignableStaff(true);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useChannelMutation('assign-bulk-preview', { form: true });
  const apply = useChannelMutation('assign-bulk-apply', { form: true, invalidate: [keys.assignment, keys.clients] });

  const everyone = staff.data ?? [];
  const fromOptions = everyone
    .filter((s) => s.clients > 0 || s.active)
    .map((s) => ({ value: String(s.id), label: `${s.name}${s.active ? '' : ' (inactive)'} — ${clientsText(s.clients)}` }));
  const toOptions = everyone.filter((s) => s.active && String(s.id) !== from).map((s) => ({ value: String(s.id), label: s.name }));
  const request = () => ({ fromStaffId: Number(from), toStaffIds: to.map(Number) });
  const changed = () => {
    setPlan(null);
    setError(null);
  };

  const onPreview = async () => {
    setError(null);
    try {
      setPlan(await preview.mutateAsync(request()));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const onApply = async () => {
    setError(null);
    try {
      const done = await apply.mutateAsync(request());
      notifications.show({ color: 'teal', message: `Moved ${clientsText(done.clients)}.` });
      setPlan(null);
      setFrom(null);
      setTo([]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <Stack>
      {error && (
        <Alert color="red" title="Could not reassign the clients">
          {error}
        </Alert>
      )}
      <Select
        label="Move all clients of"
        placeholder={staff.isPending ? 'Loading staff…' : 'Choose an associate'}
        data={fromOptions}
        value={from}
        onChange={(v) => {
          setFrom(v);
          setTo((t) => t.filter((id) => id !== v));
          changed();
        }}
        searchable
        nothingFoundMessage="No staff member by that name"
      />
      <MultiSelect
        label="To"
        description="One associate takes them all; several share them evenly"
        placeholder={to.length ? undefined : 'Choose one or more associates'}
        data={toOptions}
        value={to}
        onChange={(v) => {
          setTo(v);
          changed();
        }}
        searchable
        nothingFoundMessage="No staff member by that name"
      />
      <Group gap="xs">
        <Button variant="default" onClick={onPreview} disabled={!from || to.length === 0} loading={preview.isPending}>
          Preview
        </Button>
        <Button onClick={() => setConfirming(true)} disabled={!plan || plan.clients === 0}>
          Apply
        </Button>
      </Group>
      {plan && (
        <Stack gap={4} component="section" aria-label="Reassignment preview">
          <Text size="sm" fw={500}>
            {plan.clients === 0 ? 'No clients to move.' : `${clientsText(plan.clients)} would move:`}
          </Text>
          {plan.clients > 0 && (
            <List size="sm">
              {plan.perStaff.map((s) => (
                <List.Item key={s.id}>
                  {s.name}: {clientsText(s.clients)}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Reassign clients">
        <Stack>
          <Text size="sm">
            Move {plan ? clientsText(plan.clients) : ''} as previewed? Each move is recorded in the client’s assignment history.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button onClick={onApply} loading={apply.isPending}>
              Move clients
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
