/**
 * Booking an appointment, or changing one (moving it to another time, staff member or
 * location, resizing it by its length). A new booking's staff member is preselected by the
 * shop's routing (appointment-suggest-staff) once a client is chosen, and can be changed.
 * A warning (an overlap, outside opening hours) shows what it is about and asks for a reason.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { BOOKED_THROUGH, BOOKED_THROUGH_LABELS, DURATION, type Appointment, type AppointmentWarning, type BookedThrough, type StaffSuggestion } from '../../../src-preload/contract';
import { errorMessage, ApiError } from '../../api';
import { fullName } from '../../format';
import { useCan } from '../../permissions';
import { useChannelMutation, useClientMatches, useLocationList } from '../../queries';
import { APPOINTMENT_CHANGES, useBookableStaff, useServices, useStaffSuggestion } from '../../queries.appointments';
import { currentSession } from '../../session';
import { toInstant } from '../../shopClock';
import { OverrideWarnings, overrideWarnings } from './OverrideWarnings';

export interface BookingStart {
  client?: { id: number; name: string };
  date: string;
  time: string;
  staffId?: number;
  locationId?: number;
}

interface Props {
  timeZone: string;
  /** A new booking's starting values, or the appointment being changed. */
  start: BookingStart | { appointment: Appointment };
  known?: readonly Appointment[];
  onDone: (saved: Appointment) => void;
  onCancel: () => void;
}

const WHY: Record<StaffSuggestion['reason'], string> = {
  primary: 'their assigned associate',
  last: 'the last staff member who served them',
  'default-assignee': 'the shop’s default assignee',
  none: '',
};

export function AppointmentForm({ timeZone, start, known, onDone, onCancel }: Props) {
  const can = useCan();
  const session = currentSession(useQueryClient());
  const me = session?.staff;
  const editing = 'appointment' in start ? start.appointment : null;
  const fresh = 'appointment' in start ? null : start;
  const staffChoices = useBookableStaff();
  const locations = useLocationList();
  const services = useServices();
  const [clientId, setClientId] = useState<number | null>(editing?.client.id ?? fresh?.client?.id ?? null);
  const [clientLabel, setClientLabel] = useState(editing ? fullName(editing.client) : (fresh?.client?.name ?? ''));
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const matches = useClientMatches(query, 20, !editing && query !== clientLabel);
  const [staffId, setStaffId] = useState<string | null>(String(editing?.staff.id ?? fresh?.staffId ?? '') || null);
  const [staffTouched, setStaffTouched] = useState(Boolean(editing || fresh?.staffId));
  const [serviceId, setServiceId] = useState<string | null>(editing?.service ? String(editing.service.id) : null);
  const [locationId, setLocationId] = useState<string | null>(String(editing?.location.id ?? fresh?.locationId ?? session?.workingLocation?.id ?? '') || null);
  const [date, setDate] = useState(editing?.local.date ?? fresh?.date ?? '');
  const [time, setTime] = useState(editing?.local.start ?? fresh?.time ?? '');
  const [duration, setDuration] = useState<number | string>(editing?.durationMinutes ?? 60);
  const [bookedThrough, setBookedThrough] = useState<BookedThrough>(editing?.bookedThrough ?? 'in_store');
  const [notes, setNotes] = useState(editing?.notes ?? '');
  const [warnings, setWarnings] = useState<AppointmentWarning[] | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useChannelMutation('appointment-create', { form: true, invalidate: APPOINTMENT_CHANGES });
  const update = useChannelMutation('appointment-update', { form: true, invalidate: APPOINTMENT_CHANGES });
  const suggestion = useStaffSuggestion(clientId, !editing && can('appointment.book'));

  const mayBookOthers = can('appointment.book-others');
  // Routing names whom the client usually sees; preselect them unless the person chose already,
  // and only when this person may book with them.
  const suggested = suggestion.data?.staff ?? null;
  useEffect(() => {
    if (staffTouched || !suggestion.data) return;
    const pick = suggested && (mayBookOthers || suggested.id === me?.id) ? suggested.id : me?.id;
    if (pick !== undefined) setStaffId(String(pick));
  }, [suggestion.data, suggested, staffTouched, mayBookOthers, me?.id]);

  const clientOptions = (matches.data?.items ?? []).map((c) => ({ value: String(c.id), label: fullName(c) }));
  if (clientId !== null && !clientOptions.some((o) => o.value === String(clientId))) clientOptions.unshift({ value: String(clientId), label: clientLabel });
  const staffOptions = (staffChoices.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  for (const s of [me, editing?.staff]) {
    if (s && !staffOptions.some((o) => o.value === String(s.id))) staffOptions.push({ value: String(s.id), label: s.name });
  }
  const serviceOptions = (services.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  if (editing?.service && !serviceOptions.some((o) => o.value === String(editing.service!.id))) serviceOptions.push({ value: String(editing.service.id), label: editing.service.name });

  const save = async (overrideReason?: string) => {
    setError(null);
    setFieldErrors({});
    const missing: Record<string, string> = {};
    if (clientId === null) missing.clientId = 'Choose a client';
    if (!staffId) missing.staffId = 'Choose a staff member';
    if (!locationId) missing.locationId = 'Choose a location';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) missing.date = 'Choose a date';
    if (!/^\d{2}:\d{2}$/.test(time)) missing.time = 'Give a start time';
    if (typeof duration !== 'number') missing.durationMinutes = 'Give a length in minutes';
    if (Object.keys(missing).length) return setFieldErrors(missing);
    const startAt = toInstant(date, time, timeZone);
    try {
      const saved = editing
        ? await update.mutateAsync({
            id: editing.id,
            version: editing.version,
            startAt,
            durationMinutes: Number(duration),
            staffId: Number(staffId),
            locationId: Number(locationId),
            serviceId: serviceId ? Number(serviceId) : null,
            notes,
            bookedThrough,
            overrideReason,
          })
        : await create.mutateAsync({
            clientId: clientId!,
            staffId: Number(staffId),
            locationId: Number(locationId),
            serviceId: serviceId ? Number(serviceId) : null,
            startAt,
            durationMinutes: Number(duration),
            notes,
            bookedThrough,
            overrideReason,
          });
      onDone(saved);
    } catch (err) {
      const w = overrideWarnings(err);
      if (w) return setWarnings(w);
      if (err instanceof ApiError && err.issues.length) {
        setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.field, i.message])));
        return setError(err.issues.some((i) => !FIELDS.includes(i.field)) ? errorMessage(err) : null);
      }
      setError(errorMessage(err));
    }
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (warnings) {
      if (!reason.trim()) return setFieldErrors({ overrideReason: 'Give a reason to save it anyway' });
      void save(reason.trim());
    } else void save();
  };
  // A change to the time, staff member or location may clear the warnings: ask again without a reason.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setWarnings(null);
  };

  const busy = create.isPending || update.isPending;
  return (
    <form onSubmit={submit} noValidate aria-label={editing ? 'Change appointment' : 'Book appointment'}>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        {editing ? (
          <Text fw={500}>{fullName(editing.client)}</Text>
        ) : (
          <Select
            label="Client"
            required
            placeholder="Search by name, email or phone"
            searchable
            data={clientOptions}
            filter={({ options }) => options}
            nothingFoundMessage={query ? 'No client found' : 'Type a name, email or phone'}
            searchValue={search}
            onSearchChange={setSearch}
            value={clientId === null ? null : String(clientId)}
            onChange={(id, option) => {
              setClientId(id ? Number(id) : null);
              setClientLabel(option?.label ?? '');
              setStaffTouched(Boolean(fresh?.staffId));
            }}
            error={fieldErrors.clientId}
          />
        )}
        <Select
          label="Staff member"
          required
          data={staffOptions}
          value={staffId}
          allowDeselect={false}
          onChange={changed((v: string | null) => {
            setStaffId(v);
            setStaffTouched(true);
          })}
          description={!editing && suggested ? `Suggested: ${suggested.name}, ${WHY[suggestion.data!.reason]}` : undefined}
          error={fieldErrors.staffId}
        />
        <SimpleGrid cols={2}>
          <Select
            label="Service"
            placeholder="No service"
            clearable
            data={serviceOptions}
            value={serviceId}
            onChange={(v) => {
              setServiceId(v);
              const s = services.data?.find((x) => String(x.id) === v);
              if (s) changed(setDuration)(s.defaultDurationMinutes);
            }}
            error={fieldErrors.serviceId}
          />
          <NumberInput
            label="Length (minutes)"
            min={DURATION.min}
            max={DURATION.max}
            step={15}
            allowDecimal={false}
            value={duration}
            onChange={changed(setDuration)}
            error={fieldErrors.durationMinutes}
          />
          <TextInput label="Date" type="date" required value={date} onChange={(e) => changed(setDate)(e.currentTarget.value)} error={fieldErrors.date ?? fieldErrors.startAt} />
          <TimeInput label="Start time" required value={time} onChange={(e) => changed(setTime)(e.currentTarget.value)} error={fieldErrors.time} />
          <Select
            label="Location"
            required
            data={(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
            value={locationId}
            allowDeselect={false}
            onChange={changed(setLocationId)}
            error={fieldErrors.locationId}
          />
          <Select
            label="Booked through"
            data={BOOKED_THROUGH.map((b) => ({ value: b, label: BOOKED_THROUGH_LABELS[b] }))}
            value={bookedThrough}
            allowDeselect={false}
            onChange={(v) => v && setBookedThrough(v)}
          />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldErrors.notes} />
        {warnings && (
          <>
            <OverrideWarnings warnings={warnings} timeZone={timeZone} known={known} />
            <TextInput label="Reason for overriding" required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldErrors.overrideReason} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} color={warnings ? 'orange' : undefined}>
            {warnings ? (editing ? 'Save anyway' : 'Book anyway') : editing ? 'Save changes' : 'Book'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const FIELDS = ['clientId', 'staffId', 'locationId', 'serviceId', 'startAt', 'durationMinutes', 'notes', 'bookedThrough', 'overrideReason'];
