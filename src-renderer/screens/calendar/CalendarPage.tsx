/**
 * The appointment book: a day or a week, of one staff member or one location, on the shop's
 * calendar and clock. Book from a slot or the button, open an appointment to change its
 * status, move, resize, cancel or restore it; drag to move or resize.
 */
import { useState } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { Appointment, AppointmentWarning, Input } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { formatDay } from '../../format';
import { useCan } from '../../permissions';
import { useChannelMutation, useLocationList, useSettings } from '../../queries';
import { APPOINTMENT_CHANGES, useAppointmentRange, useBookableStaff } from '../../queries.appointments';
import { currentSession } from '../../session';
import { addDays, shopToday, toInstant, weekStart } from '../../shopClock';
import { AppointmentDetails } from './AppointmentDetails';
import { AppointmentForm, type BookingStart } from './AppointmentForm';
import { CalendarGrid, type MoveChange } from './CalendarGrid';
import { OverrideDialog, overrideWarnings } from './OverrideWarnings';

type Pending = { appointment: Appointment; change: Input<'appointment-update'>; warnings: AppointmentWarning[] };

export function CalendarPage({ onOpenClient }: { onOpenClient: (id: number) => void }) {
  const can = useCan();
  const session = currentSession(useQueryClient());
  const me = session?.staff;
  const settings = useSettings(true);
  const tz = settings.data?.timeZone ?? null;
  const staff = useBookableStaff();
  const locations = useLocationList();
  const [view, setView] = useState<'day' | 'week'>('week');
  const [by, setBy] = useState<'staff' | 'location'>('staff');
  const [staffId, setStaffId] = useState<string | null>(me ? String(me.id) : null);
  const [locationId, setLocationId] = useState<string | null>(session?.workingLocation ? String(session.workingLocation.id) : null);
  const [date, setDate] = useState<string | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const move = useChannelMutation('appointment-update', { form: true, invalidate: APPOINTMENT_CHANGES });

  const day = date ?? (tz ? shopToday(tz) : null);
  const from = day && (view === 'week' ? weekStart(day) : day);
  const target = by === 'staff' ? (staffId ? { staffId: Number(staffId) } : null) : locationId ? { locationId: Number(locationId) } : null;
  const input = from && target ? { by: target, from, days: view === 'week' ? 7 : 1, includeCancelled: showCancelled } : null;
  const range = useAppointmentRange(input);
  const items = range.data?.items ?? [];

  const staffOptions = (staff.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  if (me && !staffOptions.some((o) => o.value === String(me.id))) staffOptions.unshift({ value: String(me.id), label: me.name });
  const locationOptions = (locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }));
  const whose = by === 'staff' ? staffOptions.find((o) => o.value === staffId)?.label : locationOptions.find((o) => o.value === locationId)?.label;
  const span = from ? (view === 'week' ? `${formatDay(from)} – ${formatDay(addDays(from, 6))}` : formatDay(from, 'long')) : '';
  const step = (n: number) => day && setDate(addDays(day, n * (view === 'week' ? 7 : 1)));
  const mayMove = (a: Appointment) => can('appointment.book') && (a.staff.id === me?.id || can('appointment.move-others'));

  const onMove = async (a: Appointment, change: MoveChange) => {
    if (!tz) return;
    const update: Input<'appointment-update'> = { id: a.id, version: a.version };
    if (change.startAt) update.startAt = toInstant(change.startAt.date, change.startAt.time, tz);
    if (change.durationMinutes) update.durationMinutes = change.durationMinutes;
    try {
      await move.mutateAsync(update);
      notifications.show({ color: 'teal', message: change.durationMinutes ? 'Appointment resized.' : 'Appointment moved.' });
    } catch (err) {
      const warnings = overrideWarnings(err);
      if (warnings) setPending({ appointment: a, change: update, warnings });
      else notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(err) });
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Calendar</Title>
        {can('appointment.book') && (
          <Button onClick={() => day && setBooking({ date: day, time: '10:00', locationId: locationId ? Number(locationId) : undefined })}>Book appointment</Button>
        )}
      </Group>
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl aria-label="Days shown" value={view} onChange={(v) => setView(v)} data={[{ value: 'day', label: 'Day' }, { value: 'week', label: 'Week' }]} />
        <SegmentedControl
          aria-label="Show by"
          value={by}
          onChange={(v) => setBy(v)}
          data={[
            { value: 'staff', label: 'Staff member' },
            { value: 'location', label: 'Location' },
          ]}
        />
        {by === 'staff' ? (
          <Select label="Staff member" w={200} data={staffOptions} value={staffId} onChange={setStaffId} allowDeselect={false} searchable />
        ) : (
          <Select label="Location" w={200} data={locationOptions} value={locationId} onChange={setLocationId} allowDeselect={false} />
        )}
        <Group gap={4}>
          <Button variant="default" onClick={() => step(-1)} aria-label={view === 'week' ? 'Previous week' : 'Previous day'}>
            ‹
          </Button>
          <Button variant="default" onClick={() => setDate(null)}>
            Today
          </Button>
          <Button variant="default" onClick={() => step(1)} aria-label={view === 'week' ? 'Next week' : 'Next day'}>
            ›
          </Button>
        </Group>
        <TextInput label="Go to date" type="date" w={160} value={day ?? ''} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
        <Switch label="Show cancelled" checked={showCancelled} onChange={(e) => setShowCancelled(e.currentTarget.checked)} />
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {span}
        {whose ? ` · ${whose}` : ''}
        {range.data ? ` · ${range.data.items.length} ${range.data.items.length === 1 ? 'appointment' : 'appointments'} · ${range.data.timeZone}` : ''}
      </Text>
      {range.isError ? (
        <Alert color="red" title="The calendar could not be loaded">
          {errorMessage(range.error)}
        </Alert>
      ) : !range.data || !tz ? (
        <Center p="xl">{input ? <Loader aria-label="Loading calendar" /> : <Text c="dimmed">Choose whose calendar to show.</Text>}</Center>
      ) : (
        <CalendarGrid
          range={range.data}
          label={`Appointments ${span}${whose ? `, ${whose}` : ''}`}
          canBook={can('appointment.book')}
          mayMove={mayMove}
          onSlot={(d, time) =>
            setBooking({ date: d, time, staffId: by === 'staff' && staffId ? Number(staffId) : undefined, locationId: by === 'location' && locationId ? Number(locationId) : undefined })
          }
          onOpen={setOpen}
          onMove={onMove}
        />
      )}
      {booking && tz && (
        <Modal opened onClose={() => setBooking(null)} title="Book appointment" size="lg">
          <AppointmentForm
            timeZone={tz}
            start={booking}
            known={items}
            onCancel={() => setBooking(null)}
            onDone={(saved) => {
              setBooking(null);
              notifications.show({ color: 'teal', message: `Booked ${saved.client.firstName} ${saved.client.lastName} with ${saved.staff.name}.` });
            }}
          />
        </Modal>
      )}
      {open && tz && <AppointmentDetails key={open.id} appointment={open} timeZone={tz} known={items} onClose={() => setOpen(null)} onOpenClient={onOpenClient} />}
      {pending && tz && (
        <OverrideDialog
          warnings={pending.warnings}
          timeZone={tz}
          known={items}
          action="Move"
          onClose={() => setPending(null)}
          onRetry={(overrideReason) => move.mutateAsync({ ...pending.change, overrideReason })}
        />
      )}
    </Stack>
  );
}
