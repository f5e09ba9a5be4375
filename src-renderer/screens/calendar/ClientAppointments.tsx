/**
 * A client's appointments on their profile, upcoming and past, and the Book button that
 * opens the booking form with the client filled in and the staff member their routing names.
 */
import { useState } from 'react';
import { Badge, Button, Center, Group, Loader, Modal, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Appointment } from '../../../src-preload/contract';
import { formatDay, fullName } from '../../format';
import { useCan } from '../../permissions';
import { useSettings } from '../../queries';
import { useClientAppointments } from '../../queries.appointments';
import { nextBookableStart } from '../../shopClock';
import { AppointmentDetails } from './AppointmentDetails';
import { AppointmentForm, type BookingStart } from './AppointmentForm';
import { STATUS, timeRange } from './appointmentText';

export function ClientAppointments({ client }: { client: { id: number; firstName: string; lastName: string } }) {
  const can = useCan();
  const tz = useSettings(true).data?.timeZone ?? null;
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [open, setOpen] = useState<Appointment | null>(null);
  const list = useClientAppointments(client.id, when);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const name = fullName(client);

  return (
    <Paper withBorder p="md" component="section" aria-label="Appointments">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          Appointments
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label="Which appointments"
            value={when}
            onChange={(v) => setWhen(v)}
            data={[
              { value: 'upcoming', label: 'Upcoming' },
              { value: 'past', label: 'Past' },
            ]}
          />
          {can('appointment.book') && tz && (
            <Button size="compact-sm" aria-label={`Book an appointment for ${name}`} onClick={() => setBooking({ client: { id: client.id, name }, ...nextBookableStart(tz) })}>
              Book
            </Button>
          )}
        </Group>
      </Group>
      {list.isPending ? (
        <Center p="sm">
          <Loader size="sm" aria-label="Loading appointments" />
        </Center>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {when === 'upcoming' ? 'No upcoming appointments' : 'No past appointments'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={4} aria-label={when === 'upcoming' ? 'Upcoming appointments' : 'Past appointments'}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>With</Table.Th>
                <Table.Th>Service</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" px={0} onClick={() => setOpen(a)} aria-label={`Open appointment ${formatDay(a.local.date)} ${timeRange(a)} with ${a.staff.name}`}>
                      {formatDay(a.local.date)} {timeRange(a)}
                    </Button>
                  </Table.Td>
                  <Table.Td>{a.staff.name}</Table.Td>
                  <Table.Td>{a.service?.name ?? ''}</Table.Td>
                  <Table.Td>{a.location.name}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATUS[a.status].color}>
                      {STATUS[a.status].label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Center mt="xs">
          <Button size="xs" variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            More appointments
          </Button>
        </Center>
      )}
      {booking && tz && (
        <Modal opened onClose={() => setBooking(null)} title={`Book an appointment for ${name}`} size="lg">
          <AppointmentForm
            timeZone={tz}
            start={booking}
            onCancel={() => setBooking(null)}
            onDone={(saved) => {
              setBooking(null);
              notifications.show({ color: 'teal', message: `Booked ${name} with ${saved.staff.name}.` });
            }}
          />
        </Modal>
      )}
      {open && tz && <AppointmentDetails key={open.id} appointment={open} timeZone={tz} onClose={() => setOpen(null)} />}
    </Paper>
  );
}
