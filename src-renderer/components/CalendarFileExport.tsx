/**
 * Export calendar (.ics): a staff member's or a location's appointments over a range of days
 * as an iCalendar file for a phone's or a desktop's calendar; importing a newer file updates
 * the events it imported before. Shown on the Reports page; the calendar screen can import it
 * and pass what it shows as `initial`. The main process decides which appointments and which
 * client details go in.
 */
import { useState } from 'react';
import { Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { downloadText } from '../download';
import { calendarDay } from '../format';
import { useChannelMutation, useLocationList } from '../queries';
import { useBookableStaff } from '../queries.appointments';

export interface CalendarFileTarget {
  by: { staffId: number } | { locationId: number };
  from: string;
  to: string;
}

const keyOf = (by: CalendarFileTarget['by']) => ('staffId' in by ? `staff:${by.staffId}` : `location:${by.locationId}`);
const byOf = (key: string): CalendarFileTarget['by'] => {
  const [kind, id] = key.split(':');
  return kind === 'staff' ? { staffId: Number(id) } : { locationId: Number(id) };
};

export function CalendarFileExport({ initial }: { initial?: Partial<CalendarFileTarget> }) {
  const staff = useBookableStaff();
  const locations = useLocationList();
  const [whose, setWhose] = useState<string | null>(initial?.by ? keyOf(initial.by) : null);
  const [range, setRange] = useState<[string | null, string | null]>([initial?.from ?? null, initial?.to ?? null]);
  const [withCancelled, setWithCancelled] = useState(true);
  const exporter = useChannelMutation('appointment-ics');
  const [from, to] = range;

  const data = [
    { group: 'Staff members', items: (staff.data ?? []).map((s) => ({ value: `staff:${s.id}`, label: s.name })) },
    { group: 'Locations', items: (locations.data ?? []).map((l) => ({ value: `location:${l.id}`, label: l.name })) },
  ];

  const onExport = () => {
    if (!whose || !from || !to) return;
    exporter.mutate(
      { by: byOf(whose), from, to, includeCancelled: withCancelled },
      {
        onSuccess: ({ filename, ics, count }) => {
          downloadText(filename, ics, 'text/calendar;charset=utf-8');
          notifications.show({ color: 'teal', message: `Exported ${count} ${count === 1 ? 'appointment' : 'appointments'} to ${filename}.` });
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Open the file with a phone’s or computer’s calendar. Importing a newer file updates the appointments it brought in before.
      </Text>
      <Group align="flex-end" gap="sm">
        <Select label="Whose calendar" placeholder="A staff member or a location" data={data} value={whose} onChange={setWhose} searchable w={240} />
        <DatePickerInput
          type="range"
          label="Days"
          description="From the first day to the last, inclusive"
          placeholder="Choose the days"
          allowSingleDateInRange
          value={range}
          onChange={(r) => setRange([calendarDay(r[0]), calendarDay(r[1])])}
          w={260}
        />
      </Group>
      <Checkbox label="Include cancelled appointments, so a calendar that has them removes them" checked={withCancelled} onChange={(e) => setWithCancelled(e.currentTarget.checked)} />
      <Group>
        <Button variant="default" onClick={onExport} loading={exporter.isPending} disabled={!whose || !from || !to}>
          Export calendar (.ics)
        </Button>
      </Group>
    </Stack>
  );
}
