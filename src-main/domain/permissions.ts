/**
 * Who may do what: a pure function of (actor, action). The router asks it before every
 * channel runs; services re-check rules that depend on the resource itself.
 */
import type { Role } from '../../src-preload/contract';
import type { ClientScope } from './visibility';

export const ACTIONS = [
  /** Anything every logged-in staff member may do: lock, log out, change own password, read settings. */
  'session.use',
  'client.view',
  'client.create',
  'staff.manage',
  'settings.change',
  'audit.read',
  /** Take, list and inspect backups; choose the backup folder and retention. */
  'backup.manage',
  /** Replace the book with a backup. */
  'backup.restore',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  id: number;
  name: string;
  role: Role;
  /** Which clients this person may see; applied in SQL by every client query. */
  scope: ClientScope;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: string };

const ALL = new Set<Action>(ACTIONS);
const MATRIX: Record<Role, ReadonlySet<Action>> = {
  admin: ALL,
  manager: new Set<Action>(['session.use', 'client.view', 'client.create', 'audit.read']),
  associate: new Set<Action>(['session.use', 'client.view', 'client.create']),
};

const ROLE_LABEL: Record<Role, string> = { admin: 'Admins', manager: 'Managers', associate: 'Associates' };

const ACTION_LABEL: Record<Action, string> = {
  'session.use': 'use Clientele',
  'client.view': 'view clients',
  'client.create': 'add clients',
  'staff.manage': 'manage staff',
  'settings.change': 'change shop settings',
  'audit.read': 'read the audit log',
  'backup.manage': 'manage backups',
  'backup.restore': 'restore a backup',
};

export function decide(actor: Actor, action: Action): Decision {
  if (MATRIX[actor.role].has(action)) return { allowed: true };
  return { allowed: false, reason: `${ROLE_LABEL[actor.role]} cannot ${ACTION_LABEL[action]}.` };
}
