/**
 * The channel and event names, as plain data with no dependencies, so the sandboxed
 * preload can check names without bundling the schemas. contract.ts is checked against
 * this list at compile time, so the two cannot drift.
 */
export const CHANNELS = [
  'app-info',
  'setup-create',
  'session-login',
  'session-get',
  'session-logout',
  'session-lock',
  'session-activity',
  'password-change',
  'settings-get',
  'settings-update',
  'staff-list',
  'staff-create',
  'staff-update',
  'staff-reset-password',
  'staff-delete',
  'client-list',
  'client-get',
  'client-create',
  'backup-list',
  'backup-take',
  'backup-settings-update',
  'backup-inspect',
  'backup-restore',
  'recovery-list',
  'recovery-restore',
  'audit-list',
  'audit-export',
  'location-list',
  'location-create',
  'role-list',
  'role-create',
  'role-update',
  'role-delete',
  'relationship-type-list',
  'relationship-type-create',
  'relationship-type-update',
  'relationship-type-delete',
  'relationship-list',
  'relationship-create',
  'relationship-delete',
  'automation-list',
  'automation-create',
  'automation-update',
  'automation-delete',
  'automation-run',
  'outbox-list',
  'outbox-update',
  'outbox-export',
  'client-assignment',
  'client-assign',
  'assign-staff-list',
  'assign-bulk-preview',
  'assign-bulk-apply',
  'pos-id-list',
  'sales-import',
  'sales-import-problems',
  'sales-onboarding-rerun',
] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const EVENTS = ['session-ended', 'job-progress', 'backup-failed'] as const;

/** The single IPC channel the Electron bridge uses; the contract channel travels inside it. */
export const IPC_INVOKE = 'clientele:invoke';
export const IPC_EVENT = 'clientele:event';
