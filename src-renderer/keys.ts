/** react-query keys, in one place so invalidations cannot drift from the queries. */
export const keys = {
  appInfo: ['app-info'] as const,
  session: ['session'] as const,
  clients: ['clients'] as const,
  clientList: (query: string) => ['clients', 'list', query] as const,
  client: (id: number) => ['clients', 'detail', id] as const,
  audit: ['audit'] as const,
  auditList: (entity?: string, entityId?: number) => ['audit', entity ?? null, entityId ?? null] as const,
  staff: ['staff'] as const,
  settings: ['settings'] as const,
  backups: ['backups'] as const,
  recoveryBackups: ['recovery-backups'] as const,
};
