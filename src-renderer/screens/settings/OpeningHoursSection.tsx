/** Each location's opening hours per weekday, on the shop's clock; a booking outside them is warned about. Set by those whose role sets hours. */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation, useLocationList } from '../../queries';
import { useLocationHours } from '../../queries.appointments';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type Day = { open: boolean; opens: string; closes: string };
const CLOSED: Day = { open: false, opens: '09:00', closes: '18:00' };

export function OpeningHoursSection() {
  const locations = useLocationList();
  const [locationId, setLocationId] = useState<string | null>(null);
  const chosen = locationId ?? (locations.data?.[0] ? String(locations.data[0].id) : null);
  const hours = useLocationHours(chosen ? Number(chosen) : null);
  const [days, setDays] = useState<Day[]>(WEEKDAYS.map(() => CLOSED));
  const [error, setError] = useState<string | null>(null);
  const save = useChannelMutation('location-hours-set', { form: true, invalidate: [keys.locationHours(Number(chosen ?? 0)), keys.appointments] });

  useEffect(() => {
    if (!hours.data) return;
    setDays(WEEKDAYS.map((_, i) => {
      const d = hours.data.days.find((x) => x.weekday === i + 1);
      return d ? { open: true, opens: d.opens, closes: d.closes } : CLOSED;
    }));
  }, [hours.data]);

  const set = (i: number, patch: Partial<Day>) => setDays((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await save.mutateAsync({ locationId: Number(chosen), days: days.flatMap((d, i) => (d.open ? [{ weekday: i + 1, opens: d.opens, closes: d.closes }] : [])) });
      notifications.show({ color: 'teal', message: 'Opening hours saved.' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const name = locations.data?.find((l) => String(l.id) === chosen)?.name ?? '';

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Select label="Location" w={240} data={(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))} value={chosen} onChange={setLocationId} allowDeselect={false} />
        {error && <Alert color="red" title="Could not save the hours">{error}</Alert>}
        <Text size="sm" c="dimmed">
          No day ticked: no hours are set, and bookings are not checked against them.
        </Text>
        <Table aria-label={`Opening hours of ${name}`} verticalSpacing={4}>
          <Table.Tbody>
            {WEEKDAYS.map((w, i) => (
              <Table.Tr key={w}>
                <Table.Td>
                  <Checkbox label={w} checked={days[i]!.open} onChange={(e) => set(i, { open: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <TimeInput size="xs" aria-label={`${w} opens`} disabled={!days[i]!.open} value={days[i]!.opens} onChange={(e) => set(i, { opens: e.currentTarget.value })} />
                </Table.Td>
                <Table.Td>
                  <TimeInput size="xs" aria-label={`${w} closes`} disabled={!days[i]!.open} value={days[i]!.closes} onChange={(e) => set(i, { closes: e.currentTarget.value })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!chosen}>
            Save opening hours
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
