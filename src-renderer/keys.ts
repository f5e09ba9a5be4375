/** react-query keys, in one place so invalidations cannot drift from the queries. */
import type { ClientFilters, ClientSort, Input } from '../src-preload/contract';

export type AuditFilter = Input<'audit-export'>;

export const keys = {
  appInfo: ['app-info'] as const,
  session: ['session'] as const,
  clients: ['clients'] as const,
  clientList: (query: string, filters: ClientFilters, sort: ClientSort) => ['clients', 'list', query, filters, sort] as const,
  clientCount: (query: string, filters: ClientFilters) => ['clients', 'count', query, filters] as const,
  /** Under 'clients', so a tag added to any client refreshes the choices. */
  clientFilterOptions: ['clients', 'filter-options'] as const,
  client: (id: number) => ['clients', 'detail', id] as const,
  /** A short list of matches as one types (the Ctrl+K box, the audit log's client picker). */
  clientMatches: (query: string, limit: number) => ['clients', 'matches', query, limit] as const,
  clientActivity: (id: number) => ['clients', 'activity', id] as const,
  /** Clients who look like one being added (the warning in the Add client form). */
  clientLookalikes: (probe: Input<'client-lookalikes'>) => ['clients', 'lookalikes', probe] as const,
  trash: ['clients', 'trash'] as const,
  duplicates: (reason: string) => ['clients', 'duplicates', reason] as const,
  audit: ['audit'] as const,
  auditList: (filter: AuditFilter) => ['audit', filter] as const,
  staff: ['staff'] as const,
  /** Under 'staff', so a staff member added or deactivated refreshes whom one may book with. */
  bookableStaff: ['staff', 'bookable'] as const,
  assignment: ['assignment'] as const,
  clientAssignment: (clientId: number) => ['assignment', 'client', clientId] as const,
  assignableStaff: ['assignment', 'staff'] as const,
  posIds: ['pos-ids'] as const,
  settings: ['settings'] as const,
  prefs: ['prefs'] as const,
  segments: ['segments'] as const,
  roles: ['roles'] as const,
  locations: ['locations'] as const,
  backups: ['backups'] as const,
  backupInspect: (file: string) => ['backups', 'inspect', file] as const,
  recoveryBackups: ['recovery-backups'] as const,
  relationshipTypes: ['relationship-types'] as const,
  relationships: ['relationships'] as const,
  clientRelationships: (clientId: number) => ['relationships', clientId] as const,
  automations: ['automations'] as const,
  automationPreview: (input: Input<'automation-preview'>) => ['automations', 'preview', input] as const,
  outbox: ['outbox'] as const,
  outboxList: (scope: 'mine' | 'everyone', include: 'open' | 'all') => ['outbox', scope, include] as const,
  imports: ['imports'] as const,
  exportColumns: ['export-columns'] as const,
  mailSettings: ['mail-settings'] as const,
  messages: ['messages'] as const,
  clientMessages: (clientId: number) => ['messages', 'client', clientId] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: number) => ['campaigns', id] as const,
  /** Every appointment answer sits under this: any booking, move or status change refreshes them all. */
  appointments: ['appointments'] as const,
  appointmentRange: (input: Input<'appointment-range'>) => ['appointments', 'range', input] as const,
  clientAppointments: (clientId: number) => ['appointments', 'client', clientId] as const,
  clientAppointmentList: (clientId: number, when: 'upcoming' | 'past') => ['appointments', 'client', clientId, when] as const,
  staffSuggestion: (clientId: number) => ['appointments', 'suggest', clientId] as const,
  services: ['services'] as const,
  serviceList: (includeInactive: boolean) => ['services', includeInactive] as const,
  locationHours: (locationId: number) => ['location-hours', locationId] as const,
  /** Reports count clients and appointments: any change to either may change them. */
  reports: ['reports'] as const,
  report: (input: Input<'report-run'>) => ['reports', input] as const,
};

/** Every query about one client: what stops being asked for once the client is gone (deleted, merged away). */
export const aboutClient = (id: number): readonly (readonly unknown[])[] => [
  keys.client(id),
  keys.clientActivity(id),
  keys.clientAssignment(id),
  keys.clientRelationships(id),
  keys.clientMessages(id),
  keys.clientAppointments(id),
  keys.staffSuggestion(id),
];
