/** Merging two clients: choose which one stays, then pick each field's value from either. */
import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { MERGE_FIELDS, type ClientDetail, type MergeField } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { fullName } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useClient } from '../../queries';

const LABEL: Record<MergeField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  birthday: 'Birthday',
  anniversary: 'Anniversary',
  address: 'Address',
  notes: 'Notes',
  consentEmail: 'Email consent',
  consentSms: 'SMS consent',
  assigned: 'Assigned associate',
};

function value(c: ClientDetail, f: MergeField): string {
  switch (f) {
    case 'address':
      return [c.address.line1, c.address.line2, c.address.postalCode, c.address.city, c.address.region, c.address.country].filter(Boolean).join(', ');
    case 'consentEmail':
      return c.consent.email.granted ? 'Yes' : 'No';
    case 'consentSms':
      return c.consent.sms.granted ? 'Yes' : 'No';
    case 'assigned':
      return c.assignedStaffName ?? 'Unassigned';
    default:
      return c[f] ?? '';
  }
}

export function MergeDialog({ ids, onClose, onMerged }: { ids: [number, number]; onClose: () => void; onMerged: (id: number) => void }) {
  const a = useClient(ids[0]);
  const b = useClient(ids[1]);
  const [keep, setKeep] = useState<'a' | 'b'>('a');
  const [take, setTake] = useState<Set<MergeField>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const merge = useChannelMutation('client-merge', { invalidate: [keys.clients, keys.relationships, keys.assignment, keys.messages], gone: (input) => [input.mergedId] });
  const ready = a.data && b.data;
  const survivor = keep === 'a' ? a.data : b.data;
  const other = keep === 'a' ? b.data : a.data;

  const submit = async () => {
    if (!survivor || !other) return;
    setError(null);
    try {
      const result = await merge.mutateAsync({
        survivorId: survivor.id,
        survivorVersion: survivor.version,
        mergedId: other.id,
        mergedVersion: other.version,
        take: [...take],
      });
      notifications.show({ color: 'teal', message: `Merged into ${fullName(result)}.` });
      onMerged(result.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Merge two clients" size="xl">
      {!ready || !survivor || !other ? (
        <Loader aria-label="Loading both clients" />
      ) : (
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <Radio.Group label="Which client stays?" value={keep} onChange={(v) => { setKeep(v); setTake(new Set()); }}>
            <Group mt="xs">
              <Radio value="a" label={`${fullName(a.data)} (#${a.data.id})`} />
              <Radio value="b" label={`${fullName(b.data)} (#${b.data.id})`} />
            </Group>
          </Radio.Group>
          <Table aria-label="Values to keep">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Staying client</Table.Th>
                <Table.Th>Other client</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {MERGE_FIELDS.map((f) => {
                const mine = value(survivor, f);
                const theirs = value(other, f);
                const fromOther = take.has(f);
                const pick = (useOther: boolean) => {
                  const next = new Set(take);
                  if (useOther) next.add(f);
                  else next.delete(f);
                  setTake(next);
                };
                return (
                  <Table.Tr key={f}>
                    <Table.Td>{LABEL[f]}</Table.Td>
                    <Table.Td>
                      <Radio name={f} checked={!fromOther} onChange={() => pick(false)} label={mine || <Text span c="dimmed">—</Text>} aria-label={`${LABEL[f]}: keep ${mine || 'empty'}`} />
                    </Table.Td>
                    <Table.Td>
                      <Radio name={f} checked={fromOther} disabled={mine === theirs} onChange={() => pick(true)} label={theirs || <Text span c="dimmed">—</Text>} aria-label={`${LABEL[f]}: take ${theirs || 'empty'}`} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            Activity, tags and relationships of both move to the staying client. The other is kept as merged and no longer appears in lists or search.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={submit} loading={merge.isPending}>Merge</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
