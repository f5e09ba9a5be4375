/**
 * Today's appointments, mine or my working location's, each with what an associate wants
 * before the client walks in: last visit, spend, tags, notes, a birthday coming up, the
 * people they are related to. It reads the same client answer the profile reads, so a
 * field the person's role hides never arrives and is not shown.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Appointment } from '../../../src-preload/contract';
import { formatDateTime, fullName } from '../../format';
import { formatMoney } from '../../money';
import { useClient, useSettings } from '../../queries';
import { useAppointmentRange } from '../../queries.appointments';
import { useClientRelationships } from '../../queries.relationships';
import { currentSession } from '../../session';
import { shopToday } from '../../shopClock';
import { AppointmentDetails } from '../calendar/AppointmentDetails';
import { STATUS, timeRange } from '../calendar/appointmentText';
import { daysToBirthday } from './birthdaySoon';

export function TodayAppointments({ onOpenClient }: { onOpenClient?: (id: number) => void }) {
  const session = currentSession(useQueryClient());
  const tz = useSettings(true).data?.timeZone ?? null;
  const [whose, setWhose] = useState<'mine' | 'location'>('mine');
  const [open, setOpen] = useState<Appointment | null>(null);
  const place = session?.workingLocation ?? null;
  const today = tz ? shopToday(tz) : null;
  const by = whose === 'location' && place ? { locationId: place.id } : session ? { staffId: session.staff.id } : null;
  const range = useAppointmentRange(today && by ? { by, from: today, days: 1 } : null);
  const items = range.data?.items ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="today-appointments">
      <Group justify="space-between">
        <Title order={3} size="h4" id="today-appointments">
          Today’s appointments
        </Title>
        {place && (
          <SegmentedControl
            aria-label="Whose appointments"
            value={whose}
            onChange={(v) => setWhose(v)}
            data={[
              { value: 'mine', label: 'Mine' },
              { value: 'location', label: place.name },
            ]}
          />
        )}
      </Group>
      {range.isPending ? (
        <Center p="md">
          <Loader size="sm" aria-label="Loading today’s appointments" />
        </Center>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No appointments today.
        </Text>
      ) : (
        <Stack gap="sm" role="list" aria-label="Today’s appointments">
          {items.map((a) => (
            <div role="listitem" key={a.id}>
              <AppointmentCard appointment={a} today={today!} showStaff={whose === 'location'} onOpen={() => setOpen(a)} onOpenClient={onOpenClient} />
            </div>
          ))}
        </Stack>
      )}
      {open && tz && <AppointmentDetails key={open.id} appointment={open} timeZone={tz} known={items} onClose={() => setOpen(null)} onOpenClient={onOpenClient} />}
    </Stack>
  );
}

interface CardProps {
  appointment: Appointment;
  today: string;
  showStaff: boolean;
  onOpen: () => void;
  onOpenClient?: (id: number) => void;
}

function AppointmentCard({ appointment: a, today, showStaff, onOpen, onOpenClient }: CardProps) {
  // A booking can be with a client outside this person's scope: the card then shows the booking alone, without a "not found".
  const client = useClient(a.client.id, { quietIfMissing: true });
  const links = useClientRelationships(a.client.id, { quietIfMissing: true });
  const c = client.data;
  const name = fullName(a.client);
  const birthday = c ? daysToBirthday(c.birthday, today) : null;
  return (
    <Paper withBorder p="sm" component="article" aria-label={`${timeRange(a)} ${name}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600}>{timeRange(a)}</Text>
            {onOpenClient ? (
              <Anchor component="button" type="button" fw={600} onClick={() => onOpenClient(a.client.id)}>
                {name}
              </Anchor>
            ) : (
              <Text fw={600}>{name}</Text>
            )}
            <Badge variant="light" color={STATUS[a.status].color}>
              {STATUS[a.status].label}
            </Badge>
            <Badge variant="outline" color={a.client.status === 'existing' ? 'teal' : 'gray'}>
              {a.client.status === 'existing' ? 'Existing' : 'Guest'}
            </Badge>
            {birthday !== null && (
              <Badge color="pink" variant="light">
                {birthday === 0 ? 'Birthday today' : `Birthday in ${birthday} ${birthday === 1 ? 'day' : 'days'}`}
              </Badge>
            )}
          </Group>
          <Button size="xs" variant="default" aria-label={`Open appointment ${timeRange(a)} ${name}`} onClick={onOpen}>
            Open
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {[a.service?.name, showStaff ? `with ${a.staff.name}` : null, a.location.name].filter(Boolean).join(' · ')}
        </Text>
        {client.isError && (
          <Text size="sm" c="dimmed">
            Not one of the clients you look after: their details stay with their associate.
          </Text>
        )}
        {c && (
          <Text size="sm">
            {[
              c.lastVisitAt ? `Last visit ${formatDateTime(c.lastVisitAt)}` : c.hiddenFields.includes('purchases') ? null : 'First visit',
              c.totalSpendCents !== null ? `Spend ${formatMoney(c.totalSpendCents)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
        {c && c.tags.length > 0 && (
          <Group gap={4} role="group" aria-label="Tags">
            {c.tags.map((t) => (
              <Badge key={t} size="sm" variant="outline">
                {t}
              </Badge>
            ))}
          </Group>
        )}
        {(links.data ?? []).length > 0 && (
          <Text size="sm">Related: {links.data!.map((l) => `${fullName(l.other)} (${l.word})`).join(', ')}</Text>
        )}
        {c?.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            Notes: {c.notes}
          </Text>
        )}
        {a.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            For this appointment: {a.notes}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
