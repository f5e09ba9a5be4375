/** The react-query hooks each screen uses; every one goes through `call`, never the bridge. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, ClientFilters, ClientSort, Input, Output } from '../src-preload/contract';
import { call } from './api';
import { aboutClient, keys, type AuditFilter } from './keys';

const PAGE_SIZE = 50;

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => call('app-info', {}), staleTime: 0 });
}

export function useSession(enabled: boolean) {
  return useQuery({
    queryKey: keys.session,
    queryFn: () => call('session-get', {}),
    enabled,
    staleTime: Infinity,
    // The session-changed event reloads it at once; coming back to the window also does,
    // for a window that was away (the browser host reconnecting) when the event was sent.
    refetchOnWindowFocus: 'always',
  });
}

const NAME_ORDER: ClientSort = { by: 'name', dir: 'asc' };

export function useClientList(query: string, filters: ClientFilters = {}, sort: ClientSort = NAME_ORDER) {
  return useInfiniteQuery({
    queryKey: keys.clientList(query, filters, sort),
    queryFn: ({ pageParam }) =>
      call('client-list', { query: query || undefined, filters, sort, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useClientCount(query: string, filters: ClientFilters) {
  return useQuery({
    queryKey: keys.clientCount(query, filters),
    queryFn: () => call('client-count', { query: query || undefined, filters }),
    placeholderData: keepPreviousData,
  });
}

export function useClientFilterOptions() {
  return useQuery({ queryKey: keys.clientFilterOptions, queryFn: () => call('client-filter-options', {}) });
}

/** One client; `quietIfMissing` for a screen that only adds their details where the person may see them. */
export function useClient(id: number, options: { quietIfMissing?: boolean } = {}) {
  return useQuery({ queryKey: keys.client(id), queryFn: () => call('client-get', { id }), meta: { quietIfMissing: options.quietIfMissing } });
}

/** A short list of clients matching what one types; nothing is asked until there is something to match. */
export function useClientMatches(query: string, limit: number, enabled = true) {
  return useQuery({
    queryKey: keys.clientMatches(query, limit),
    queryFn: () => call('client-list', { query, limit }),
    enabled: enabled && query.length > 0,
  });
}

/** Clients the person may see who look like the one being typed; nothing until a name or a contact detail is there. */
export function useLookalikes(probe: Input<'client-lookalikes'>) {
  return useQuery({
    queryKey: keys.clientLookalikes(probe),
    queryFn: () => call('client-lookalikes', probe),
    enabled: Boolean(probe.firstName?.trim() || probe.phone?.trim() || probe.email?.trim()),
  });
}

export function useClientActivity(clientId: number) {
  return useInfiniteQuery({
    queryKey: keys.clientActivity(clientId),
    queryFn: ({ pageParam }) => call('client-activity', { clientId, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTrash() {
  return useInfiniteQuery({
    queryKey: keys.trash,
    queryFn: ({ pageParam }) => call('client-trash', { cursor: pageParam, limit: 100 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDuplicates(reason: NonNullable<Input<'client-duplicates'>['reason']>) {
  return useInfiniteQuery({
    queryKey: keys.duplicates(reason),
    queryFn: ({ pageParam }) => call('client-duplicates', { reason, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** This person's own choices (the client list's columns). */
export function usePrefs() {
  return useQuery({ queryKey: keys.prefs, queryFn: () => call('prefs-get', {}) });
}

export function useSegments() {
  return useQuery({ queryKey: keys.segments, queryFn: () => call('segment-list', {}) });
}

export function useAuditList(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.auditList(filter),
    queryFn: ({ pageParam }) => call('audit-list', { ...filter, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useStaffList(enabled = true) {
  return useQuery({ queryKey: keys.staff, queryFn: () => call('staff-list', {}), enabled });
}

export function useRoleList(enabled = true) {
  return useQuery({ queryKey: keys.roles, queryFn: () => call('role-list', {}), enabled });
}

export function useLocationList() {
  return useQuery({ queryKey: keys.locations, queryFn: () => call('location-list', {}) });
}

export function useClientAssignment(clientId: number) {
  return useQuery({ queryKey: keys.clientAssignment(clientId), queryFn: () => call('client-assignment', { clientId }) });
}

export function useAssignableStaff(enabled: boolean) {
  return useQuery({ queryKey: keys.assignableStaff, queryFn: () => call('assign-staff-list', {}), enabled });
}

export function usePosIds(enabled: boolean) {
  return useQuery({ queryKey: keys.posIds, queryFn: () => call('pos-id-list', {}), enabled });
}

export function useImportHistory(enabled = true) {
  return useQuery({ queryKey: keys.imports, queryFn: () => call('import-history', {}), enabled });
}

export function useExportColumns() {
  return useQuery({ queryKey: keys.exportColumns, queryFn: () => call('export-columns', {}), staleTime: Infinity });
}

export function useSettings(enabled: boolean) {
  return useQuery({ queryKey: keys.settings, queryFn: () => call('settings-get', {}), enabled });
}

export function useBackups() {
  return useQuery({ queryKey: keys.backups, queryFn: () => call('backup-list', {}), staleTime: 0 });
}

/** One backup read afresh (date, counts, whether it can be restored) before an Admin restores it. */
export function useBackupInspect(file: string) {
  return useQuery({ queryKey: keys.backupInspect(file), queryFn: () => call('backup-inspect', { file }), staleTime: 0 });
}

/** The backups a damaged or empty book can be restored from, each checked afresh. */
export function useRecoveryBackups() {
  return useQuery({ queryKey: keys.recoveryBackups, queryFn: () => call('recovery-list', {}), staleTime: 0 });
}

/** Whether a query key starts with the given prefix, as react-query matches a queryKey filter. */
const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) => prefix.every((part, i) => part === key[i]);

type Keys = readonly (readonly unknown[])[];

/**
 * A mutation on one channel that refreshes the given queries when it succeeds (a list of keys,
 * or a function of the input and the answer when that decides, e.g. a dry run changes nothing).
 * `form: true` means the caller shows failures itself (on its form or beside the control), so
 * the global handler stays quiet. `gone` names the clients the change removed (a delete, the
 * record merged away): their queries are left out of the refresh, since asking again for them
 * would only answer "not found" while their screen is still closing.
 */
export function useChannelMutation<C extends Channel>(
  channel: C,
  options: {
    invalidate?: Keys | ((input: Input<C>, output: Output<C>) => Keys);
    form?: boolean;
    gone?: (input: Input<C>, output: Output<C>) => number[];
  } = {},
) {
  const client = useQueryClient();
  const { invalidate = [] } = options;
  return useMutation<Output<C>, Error, Input<C>>({
    mutationFn: (input) => call(channel, input),
    meta: { form: options.form ?? false },
    onSuccess: async (output, input) => {
      const gone = (options.gone?.(input, output) ?? []).flatMap(aboutClient);
      const stale = typeof invalidate === 'function' ? invalidate(input, output) : invalidate;
      await Promise.all(
        stale.map((queryKey) =>
          client.invalidateQueries({ queryKey, predicate: (q) => !gone.some((prefix) => startsWith(q.queryKey, prefix)) }),
        ),
      );
    },
  });
}
