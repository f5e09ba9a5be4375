/** The shell's pages and who may open them. The main process enforces the same rules; this only hides what would be refused. */
import type { Role } from '../src-preload/contract';

export type PageId =
  | 'clients'
  | 'import-export'
  | 'relationships'
  | 'assignment-rules'
  | 'staff'
  | 'audit'
  | 'settings';

const everyone: readonly Role[] = ['admin', 'manager', 'associate'];

export const PAGES: readonly { id: PageId; label: string; roles: readonly Role[] }[] = [
  { id: 'clients', label: 'Clients', roles: everyone },
  { id: 'import-export', label: 'Import/Export', roles: everyone },
  { id: 'relationships', label: 'Relationships', roles: everyone },
  { id: 'assignment-rules', label: 'Assignment rules', roles: everyone },
  { id: 'staff', label: 'Staff', roles: ['admin'] },
  { id: 'audit', label: 'Audit log', roles: ['admin', 'manager'] },
  { id: 'settings', label: 'Settings', roles: everyone },
];

export function pagesFor(role: Role) {
  return PAGES.filter((page) => page.roles.includes(role));
}
