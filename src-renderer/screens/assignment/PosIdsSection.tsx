/**
 * Every POS associate id seen in sales files, with who it belongs to. Those who manage staff
 * map many at once: tick the unmapped ids and choose a staff member, or paste (or upload) a
 * CSV of `pos_id,username` lines. A staff member holds any number of POS ids, so a new
 * mapping never takes one away. The main process checks every line; when any is wrong,
 * nothing is mapped and each line says why.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Center, Checkbox, FileButton, Group, Loader, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PosMapResult } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { formatMoney } from '../../money';
import { useCan } from '../../permissions';
import { useChannelMutation, usePosIds } from '../../queries';
import { useStaffChoices } from './useStaffChoices';
import { formatNumber } from '../../format';

const n = (count: number, one: string, many = `${one}s`) => `${formatNumber(count)} ${count === 1 ? one : many}`;

export function PosIdsSection() {
  const can = useCan();
  const manages = can('staff.manage');
  const posIds = usePosIds(true);
  const staff = useStaffChoices();
  const map = useChannelMutation('pos-id-map', { form: true, invalidate: [keys.posIds, keys.staff] });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<{ result: PosMapResult; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (posIds.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading POS ids" />
      </Center>
    );
  }
  if (posIds.isError) return <Alert color="red">{errorMessage(posIds.error)}</Alert>;

  const unmapped = posIds.data.filter((p) => !p.staff).map((p) => p.posAssociateId);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const options = staff.data.filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.posAssociateIds.length ? `${s.name} (${s.posAssociateIds.join(', ')})` : s.name }));

  const send = async (input: Parameters<typeof map.mutateAsync>[0], title: string) => {
    setError(null);
    setResult(null);
    try {
      const done = await map.mutateAsync(input);
      setResult({ result: done, title });
      if (done.applied) {
        notifications.show({ color: 'teal', message: `Mapped ${n(done.mapped, 'POS id')}.` });
        setSelected(new Set());
        setTarget(null);
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const mapSelected = () => {
    const staffId = Number(target);
    const name = staff.data.find((s) => s.id === staffId)?.name ?? '';
    void send({ mappings: [...selected].map((posAssociateId) => ({ posAssociateId, staffId })) }, `Map ${n(selected.size, 'POS id')} to ${name}`);
  };
  const allChecked = unmapped.length > 0 && unmapped.every((id) => selected.has(id));

  return (
    <Stack>
      {error && (
        <Alert color="red" title="Could not map the POS ids" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!manages && (
        <Text size="sm" c="dimmed">
          POS ids are mapped to staff members by those who manage staff (an Admin).
        </Text>
      )}
      {posIds.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No sales imported yet. POS ids appear here once a sales file has been imported.
        </Text>
      ) : (
        <>
          {manages && unmapped.length > 0 && (
            <Group gap="xs" align="flex-end">
              <Select
                label="Map the selected POS ids to"
                placeholder="Choose a staff member"
                data={options}
                value={target}
                onChange={setTarget}
                searchable
                nothingFoundMessage="No staff member by that name"
                w={320}
              />
              <Button onClick={mapSelected} disabled={selected.size === 0 || !target} loading={map.isPending}>
                {selected.size ? `Map ${n(selected.size, 'selected POS id')}` : 'Map selected'}
              </Button>
            </Group>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="POS associate ids" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  {manages && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Select every unmapped POS id"
                        checked={allChecked}
                        indeterminate={!allChecked && selected.size > 0}
                        disabled={unmapped.length === 0}
                        onChange={(e) => setSelected(e.currentTarget.checked ? new Set(unmapped) : new Set())}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>POS id</Table.Th>
                  <Table.Th>Staff member</Table.Th>
                  <Table.Th ta="right">Sales</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {posIds.data.map((p) => (
                  <Table.Tr key={p.posAssociateId}>
                    {manages && (
                      <Table.Td>
                        {!p.staff && (
                          <Checkbox
                            aria-label={`Select POS id ${p.posAssociateId}`}
                            checked={selected.has(p.posAssociateId)}
                            onChange={(e) => toggle(p.posAssociateId, e.currentTarget.checked)}
                          />
                        )}
                      </Table.Td>
                    )}
                    <Table.Td ff="monospace">{p.posAssociateId}</Table.Td>
                    <Table.Td>
                      {p.staff ? (
                        p.staff.name
                      ) : (
                        <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
                          Not mapped
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(p.sales)}</Table.Td>
                    <Table.Td ta="right">{p.totalCents === null ? '—' : formatMoney(p.totalCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {manages && (
        <Stack gap="xs">
          <Textarea
            label="Map from a list"
            description="One POS id and username per line (pos_id,username), as typed or from a CSV file; a header line is optional."
            placeholder={'pos_id,username\nA104,sam\nB7,sam'}
            autosize
            minRows={3}
            maxRows={12}
            value={csv}
            onChange={(e) => setCsv(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group gap="xs">
            <FileButton accept=".csv,text/csv,text/plain" onChange={(f) => void f?.text().then(setCsv)}>
              {(props) => (
                <Button variant="default" {...props}>
                  Upload a CSV file
                </Button>
              )}
            </FileButton>
            <Button variant="default" disabled={!csv.trim()} loading={map.isPending} onClick={() => void send({ csv, dryRun: true }, 'Check of the list')}>
              Check the list
            </Button>
            <Button disabled={!csv.trim()} loading={map.isPending} onClick={() => void send({ csv }, 'Mapping from the list')}>
              Map the list
            </Button>
          </Group>
        </Stack>
      )}
      {result && <MapResult result={result.result} title={result.title} />}
    </Stack>
  );
}

const STATUS_WORDS = { mapped: 'Mapped', already: 'Already theirs', error: 'Not mapped' } as const;

function MapResult({ result, title }: { result: PosMapResult; title: string }) {
  const errors = result.rows.filter((r) => r.status === 'error').length;
  const lines = result.rows.some((r) => r.line !== null);
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={5}>{title}</Title>
      {errors > 0 ? (
        <Alert color="red" title={`${n(errors, 'line')} cannot be mapped`}>
          Nothing was mapped. Correct these lines and try again.
        </Alert>
      ) : result.applied ? (
        <Text size="sm">Mapped {n(result.mapped, 'POS id')}.</Text>
      ) : (
        <Text size="sm">Every line can be mapped: {n(result.mapped, 'new mapping')}. Nothing is saved yet.</Text>
      )}
      <Table aria-label="Mapping lines" fz="sm" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            {lines && <Table.Th>Line</Table.Th>}
            <Table.Th>POS id</Table.Th>
            <Table.Th>Staff member</Table.Th>
            <Table.Th>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.rows.map((r, i) => (
            <Table.Tr key={i}>
              {lines && <Table.Td>{r.line}</Table.Td>}
              <Table.Td ff="monospace">{r.posAssociateId}</Table.Td>
              <Table.Td>{r.staff?.name ?? r.username ?? ''}</Table.Td>
              <Table.Td c={r.status === 'error' ? 'red.9' : undefined}>{r.error ?? (result.applied || r.status !== 'mapped' ? STATUS_WORDS[r.status] : 'Will be mapped')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
