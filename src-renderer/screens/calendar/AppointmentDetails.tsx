/**
 * One appointment opened from the calendar, a profile or Today: what it is, its status
 * buttons (booked, arrived, completed, no-show), change (move or resize through the form),
 * cancel with a reason, and restore. Buttons show only to those whose role allows the
 * change for this staff member's appointment; the main process decides every one.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, DataList, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { BOOKED_THROUGH_LABELS, type Appointment, type AppointmentWarning } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { formatDateTime, formatDay, fullName } from '../../format';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { APPOINTMENT_CHANGES } from '../../queries.appointments';
import { currentSession } from '../../session';
import { AppointmentForm } from './AppointmentForm';
import { STATUS, timeRange } from './appointmentText';
import { OverrideDialog, overrideWarnings } from './OverrideWarnings';

const STATUS_ACTIONS = [
  { status: 'booked', label: 'Mark booked' },
  { status: 'arrived', label: 'Mark arrived' },
  { status: 'completed', label: 'Mark completed' },
  { status: 'no_show', label: 'Mark no-show' },
] as const;

interface Props {
  appointment: Appointment;
  timeZone: string;
  known?: readonly Appointment[];
  onClose: () => void;
  onOpenClient?: (id: number) => void;
}

export function AppointmentDetails({ appointment, timeZone, known, onClose, onOpenClient }: Props) {
  const can = useCan();
  const session = currentSession(useQueryClient());
  const me = session?.staff.id;
  // The server sends nothing for a field group the role hides; say so rather than show it as empty.
  const hidden = (group: 'contact' | 'notes') => session?.hiddenFields.includes(group) ?? false;
  const [a, setA] = useState(appointment);
  const [mode, setMode] = useState<'view' | 'edit' | 'cancel'>('view');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [restoreWarnings, setRestoreWarnings] = useState<AppointmentWarning[] | null>(null);
  const status = useChannelMutation('appointment-status', { form: true, invalidate: APPOINTMENT_CHANGES });
  const cancel = useChannelMutation('appointment-cancel', { form: true, invalidate: APPOINTMENT_CHANGES });
  const restore = useChannelMutation('appointment-restore', { form: true, invalidate: APPOINTMENT_CHANGES });
  const mine = a.staff.id === me;
  const mayChange = can('appointment.book') && (mine || can('appointment.move-others'));
  const mayCancel = can('appointment.book') && (mine || can('appointment.cancel-others'));
  const title = `${fullName(a.client)}, ${formatDay(a.local.date)} ${timeRange(a)}`;

  const run = async (fn: () => Promise<Appointment>, done?: string) => {
    setError(null);
    try {
      setA(await fn());
      if (done) notifications.show({ color: 'teal', message: done });
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const onRestore = async () => {
    setError(null);
    try {
      setA(await restore.mutateAsync({ id: a.id, version: a.version }));
      notifications.show({ color: 'teal', message: 'Appointment restored.' });
    } catch (err) {
      const w = overrideWarnings(err);
      if (w) setRestoreWarnings(w);
      else setError(errorMessage(err));
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      {mode === 'edit' ? (
        <AppointmentForm
          timeZone={timeZone}
          start={{ appointment: a }}
          known={known}
          onCancel={() => setMode('view')}
          onDone={(saved) => {
            setA(saved);
            setMode('view');
            notifications.show({ color: 'teal', message: 'Appointment saved.' });
          }}
        />
      ) : (
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <Group gap="xs">
            <Badge color={STATUS[a.status].color} variant="light" aria-label={`Status: ${STATUS[a.status].label}`}>
              {STATUS[a.status].label}
            </Badge>
            <Badge variant="outline" color={a.client.status === 'existing' ? 'teal' : 'gray'}>
              {a.client.status === 'existing' ? 'Existing' : 'Guest'}
            </Badge>
          </Group>
          <DataList labelWidth={140}>
            <Item label="Client">
              {onOpenClient ? (
                <Anchor component="button" type="button" onClick={() => onOpenClient(a.client.id)}>
                  {fullName(a.client)}
                </Anchor>
              ) : (
                fullName(a.client)
              )}
            </Item>
            <Item label="When">
              {formatDay(a.local.date, 'long')}, {timeRange(a)}
            </Item>
            <Item label="Length">{a.durationMinutes} min</Item>
            <Item label="Staff member">{a.staff.name}</Item>
            <Item label="Location">{a.location.name}</Item>
            <Item label="Service">{a.service?.name}</Item>
            <Item label="Booked through">{BOOKED_THROUGH_LABELS[a.bookedThrough]}</Item>
            <Item label="Added by">{a.createdBy ? `${a.createdBy.name}, ${formatDateTime(a.createdAt)}` : null}</Item>
            <Item label="Phone" hidden={hidden('contact')}>{a.client.phone}</Item>
            <Item label="Email" hidden={hidden('contact')}>{a.client.email}</Item>
            <Item label="Notes" hidden={hidden('notes')}>{a.notes}</Item>
            {a.overrideReason && <Item label="Booked over a warning">{a.overrideReason}</Item>}
            {a.cancelReason && <Item label="Cancelled because">{a.cancelReason}</Item>}
          </DataList>
          {mayChange && a.status !== 'cancelled' && (
            <Group gap="xs" role="group" aria-label="Status">
              {STATUS_ACTIONS.filter((s) => s.status !== a.status).map((s) => (
                <Button
                  key={s.status}
                  size="xs"
                  variant={s.status === 'completed' ? 'filled' : 'default'}
                  loading={status.isPending && status.variables?.status === s.status}
                  onClick={() => run(() => status.mutateAsync({ id: a.id, version: a.version, status: s.status }), `${fullName(a.client)}: ${STATUS[s.status].label.toLowerCase()}.`)}
                >
                  {s.label}
                </Button>
              ))}
            </Group>
          )}
          {mode === 'cancel' ? (
            <Stack gap="xs">
              <TextInput label="Reason for cancelling" required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setMode('view')}>
                  Keep appointment
                </Button>
                <Button
                  color="red"
                  loading={cancel.isPending}
                  onClick={async () => {
                    if (!reason.trim()) return setError('Give a reason for cancelling.');
                    if (await run(() => cancel.mutateAsync({ id: a.id, version: a.version, reason: reason.trim() }), 'Appointment cancelled.')) setMode('view');
                  }}
                >
                  Cancel appointment
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group justify="flex-end" gap="xs">
              {mayChange && a.status !== 'cancelled' && (
                <Button variant="default" onClick={() => setMode('edit')}>
                  Change or move
                </Button>
              )}
              {mayCancel && a.status !== 'cancelled' && a.status !== 'completed' && (
                <Button variant="default" color="red" onClick={() => setMode('cancel')}>
                  Cancel appointment…
                </Button>
              )}
              {mayCancel && a.status === 'cancelled' && (
                <Button loading={restore.isPending} onClick={onRestore}>
                  Restore appointment
                </Button>
              )}
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
            </Group>
          )}
          {restoreWarnings && (
            <OverrideDialog
              warnings={restoreWarnings}
              timeZone={timeZone}
              known={known}
              action="Restore"
              onClose={() => setRestoreWarnings(null)}
              onRetry={async (overrideReason) => setA(await restore.mutateAsync({ id: a.id, version: a.version, overrideReason }))}
            />
          )}
        </Stack>
      )}
    </Modal>
  );
}

function Item({ label, hidden = false, children }: { label: string; hidden?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        {hidden ? (
          <Text span c="dimmed" size="sm" fs="italic">
            Hidden for your role
          </Text>
        ) : empty ? (
          <Text span c="dimmed" size="sm">
            —
          </Text>
        ) : (
          children
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
