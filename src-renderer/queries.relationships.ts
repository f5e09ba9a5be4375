/** The react-query hooks for relationships, automations and the Today list. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../src-preload/contract';
import { ApiError, call } from './api';
import { keys } from './keys';

export function useRelationshipTypes() {
  return useQuery({ queryKey: keys.relationshipTypes, queryFn: () => call('relationship-type-list', {}) });
}

export function useClientRelationships(clientId: number, options: { quietIfMissing?: boolean } = {}) {
  return useQuery({ queryKey: keys.clientRelationships(clientId), queryFn: () => call('relationship-list', { clientId }), meta: { quietIfMissing: options.quietIfMissing } });
}

export function useAutomations(enabled: boolean) {
  return useQuery({ queryKey: keys.automations, queryFn: () => call('automation-list', {}), enabled });
}

export function useOutbox(scope: 'mine' | 'everyone', include: 'open' | 'all') {
  return useQuery({ queryKey: keys.outboxList(scope, include), queryFn: () => call('outbox-list', { scope, include }) });
}

/** A rule being written, rendered for a real pair of clients the person may see (null: none fits). */
export function useAutomationPreview(input: Input<'automation-preview'> | null) {
  return useQuery({
    queryKey: keys.automationPreview(input ?? ({} as Input<'automation-preview'>)),
    // A template still being typed ("{{recip") is refused in words, shown beside it rather than as an error notice.
    queryFn: async () => {
      try {
        return await call('automation-preview', input!);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'VALIDATION') return { problem: err.message };
        throw err;
      }
    },
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
