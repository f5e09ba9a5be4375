/** The react-query hooks for the appointment book: a day or week, a client's appointments, services, opening hours, the routing suggestion. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Input } from '../src-preload/contract';
import { call } from './api';
import { keys } from './keys';

/** What a booking, move, cancel or status change makes stale: the book, and (completing one) the client's status, activity and staff. */
export const APPOINTMENT_CHANGES = [keys.appointments, keys.clients, keys.assignment] as const;

export function useAppointmentRange(input: Input<'appointment-range'> | null) {
  return useQuery({
    queryKey: keys.appointmentRange(input ?? { by: { staffId: 0 }, from: '', days: 1 }),
    queryFn: () => call('appointment-range', input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

/** Whom this person may book with (everyone for a role that books for others, else themselves). */
export function useBookableStaff() {
  return useQuery({ queryKey: keys.bookableStaff, queryFn: () => call('appointment-staff-list', {}) });
}

export function useClientAppointments(clientId: number, when: 'upcoming' | 'past', enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.clientAppointmentList(clientId, when),
    queryFn: ({ pageParam }) => call('appointment-client-list', { clientId, when, cursor: pageParam, limit: 10 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useServices(includeInactive = false, enabled = true) {
  return useQuery({
    queryKey: keys.serviceList(includeInactive),
    queryFn: () => call('service-list', { includeInactive }),
    enabled,
  });
}

export function useLocationHours(locationId: number | null) {
  return useQuery({
    queryKey: keys.locationHours(locationId ?? 0),
    queryFn: () => call('location-hours-get', { locationId: locationId! }),
    enabled: locationId !== null,
  });
}

/** Whom the shop's routing would book this client with; nothing is asked until a client is chosen. */
export function useStaffSuggestion(clientId: number | null, enabled = true) {
  return useQuery({
    queryKey: keys.staffSuggestion(clientId ?? 0),
    queryFn: () => call('appointment-suggest-staff', { clientId: clientId! }),
    enabled: enabled && clientId !== null,
    staleTime: 0,
  });
}
