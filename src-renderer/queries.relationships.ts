/** The react-query hooks for relationships, automations and the Today list. */
import { useQuery } from '@tanstack/react-query';
import { call } from './api';
import { keys } from './keys';

export function useRelationshipTypes() {
  return useQuery({ queryKey: keys.relationshipTypes, queryFn: () => call('relationship-type-list', {}) });
}

export function useClientRelationships(clientId: number) {
  return useQuery({ queryKey: keys.clientRelationships(clientId), queryFn: () => call('relationship-list', { clientId }) });
}

export function useAutomations(enabled: boolean) {
  return useQuery({ queryKey: keys.automations, queryFn: () => call('automation-list', {}), enabled });
}

export function useOutbox(scope: 'mine' | 'everyone', include: 'open' | 'all') {
  return useQuery({ queryKey: keys.outboxList(scope, include), queryFn: () => call('outbox-list', { scope, include }) });
}
