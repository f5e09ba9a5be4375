/** The shell's pages and who may open them. The main process enforces the same rules; this only hides what would be refused. */
import type { Action } from '../src-preload/policy';

export type PageId =
  | 'today'
  | 'calendar'
  | 'reports'
  | 'campaigns'
  | 'clients'
  | 'duplicates'
  | 'trash'
  | 'import-export'
  | 'relationships'
  | 'assignment-rules'
  | 'staff'
  | 'roles'
  | 'audit'
  | 'settings';

/** A page shows when the person holds any one of its actions; no actions means everyone. */
export const PAGES: readonly { id: PageId; label: string; anyOf: readonly Action[] }[] = [
  { id: 'clients', label: 'Clients', anyOf: ['client.view'] },
  { id: 'today', label: 'Today', anyOf: ['session.use'] },
  { id: 'calendar', label: 'Calendar', anyOf: ['appointment.view'] },
  { id: 'reports', label: 'Reports', anyOf: ['report.view'] },
  { id: 'campaigns', label: 'Campaigns', anyOf: ['email.send'] },
  { id: 'duplicates', label: 'Duplicates', anyOf: ['client.merge'] },
  { id: 'trash', label: 'Trash', anyOf: ['client.restore'] },
  { id: 'import-export', label: 'Import/Export', anyOf: ['import', 'export'] },
  { id: 'relationships', label: 'Relationships', anyOf: [] },
  { id: 'assignment-rules', label: 'Assignment rules', anyOf: ['import', 'client.assign-others', 'settings.change'] },
  { id: 'staff', label: 'Staff', anyOf: ['staff.manage'] },
  { id: 'roles', label: 'Roles & permissions', anyOf: ['roles.manage'] },
  { id: 'audit', label: 'Audit log', anyOf: ['audit.read'] },
  { id: 'settings', label: 'Settings', anyOf: [] },
];

export function pagesFor(permissions: readonly Action[]) {
  return PAGES.filter((page) => page.anyOf.length === 0 || page.anyOf.some((a) => permissions.includes(a)));
}
