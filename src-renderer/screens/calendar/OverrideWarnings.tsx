/**
 * The warnings a booking meets (the staff member's other appointments at that time, the
 * location's opening hours), each saying which appointment or which hours, with the reason
 * field that saves over them. The main process answers OVERRIDE_REQUIRED with the warnings
 * in its details; `overrideWarnings` reads them from the failed call.
 */
import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Appointment, AppointmentWarning } from '../../../src-preload/contract';
import { ApiError, errorMessage } from '../../api';
import { formatDay, formatTimeIn, formatWallTime, fullName } from '../../format';

export function overrideWarnings(err: unknown): AppointmentWarning[] | null {
  if (!(err instanceof ApiError) || err.code !== 'OVERRIDE_REQUIRED') return null;
  const warnings = err.details.warnings;
  return Array.isArray(warnings) ? (warnings as AppointmentWarning[]) : [];
}

interface Props {
  warnings: AppointmentWarning[];
  timeZone: string;
  /** Appointments already on screen, to name the one overlapped when this person may see it. */
  known?: readonly Appointment[];
}

export function OverrideWarnings({ warnings, timeZone, known = [] }: Props) {
  return (
    <Alert color="orange" title="Check before saving" role="alert">
      <Stack gap="xs">
        {warnings.map((w, i) => (
          <div key={i}>
            <Text size="sm">{w.message}</Text>
            {w.kind === 'overlap' ? (
              <List size="sm" aria-label="Overlapping appointments">
                {w.appointments.map((o) => {
                  const a = known.find((k) => k.id === o.id);
                  return (
                    <List.Item key={o.id}>
                      {formatTimeIn(o.startAt, timeZone)}–{formatTimeIn(o.endAt, timeZone)}
                      {a ? ` ${fullName(a.client)}${a.service ? `, ${a.service.name}` : ''}` : ''}
                    </List.Item>
                  );
                })}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                Opening hours on {formatDay(w.date, 'long')}: {w.hours ? `${formatWallTime(w.hours.opens)}–${formatWallTime(w.hours.closes)}` : 'closed'}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </Alert>
  );
}

/** Asks for a reason to save over the warnings, then runs the change again with it. */
export function OverrideDialog({
  warnings,
  timeZone,
  known,
  action,
  onRetry,
  onClose,
}: Props & { action: string; onRetry: (reason: string) => Promise<unknown>; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = async () => {
    if (!reason.trim()) return setError('Give a reason to save it anyway.');
    setBusy(true);
    setError(null);
    try {
      await onRetry(reason.trim());
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`${action} anyway?`}>
      <Stack>
        <OverrideWarnings warnings={warnings} timeZone={timeZone} known={known} />
        {error && <Alert color="red">{error}</Alert>}
        <TextInput label="Reason for overriding" maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" loading={busy} onClick={retry}>
            {action} anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
