/**
 * The policy engine: who may do what, as a pure function of (actor, action, resource,
 * settings). The router asks it before every channel runs, with no resource; services ask
 * it again with the resource when the answer depends on it (whose client this is).
 */
import type { Role } from '../../src-preload/contract';
import { ACTION_LABELS, ACTIONS, FIELD_GROUPS, type Action, type FieldGroup } from '../../src-preload/policy';
import type { ClientScope, Visibility } from './visibility';

export { ACTION_LABELS, ACTIONS, FIELD_GROUPS, type Action, type FieldGroup };

export interface Actor {
  id: number;
  name: string;
  /** The built-in role this person's role derives from. */
  role: Role;
  roleId: number;
  roleName: string;
  permissions: ReadonlySet<Action>;
  visibility: Visibility;
  /** Client-card field groups this person may not see, search or export. */
  hiddenFields: ReadonlySet<FieldGroup>;
  /** Which clients this person may see; applied in SQL by every client query. */
  scope: ClientScope;
}

export interface PolicySettings {
  /** The shop lets a client's primary staff hand the client to a colleague. */
  primaryCanHandOver: boolean;
}

/** What an action is about, when the answer depends on it. */
export interface Resource {
  /** The client's current primary staff; null for Unassigned. */
  assignedStaffId?: number | null;
  assignedStaffName?: string | null;
}

export type DenyCode = 'ROLE_LACKS_PERMISSION' | 'ASSIGNED_TO_SOMEONE_ELSE' | 'NOT_ASSIGNED_TO_YOU' | 'HAND_OVER_OFF';

export type Decision = { allowed: true } | { allowed: false; code: DenyCode; reason: string };

const everything = new Set<Action>(ACTIONS);
const without = (...actions: Action[]) => new Set<Action>(ACTIONS.filter((a) => !actions.includes(a)));

/**
 * The built-in roles, from the seeds: only Admins purge, manage staff and roles, and change
 * shop settings; only Admins and Managers create relationship types, assign others,
 * unassign others, merge, restore and import; Associates take Unassigned clients, give up
 * their own, and work with the clients they can see.
 */
export const BUILT_IN_PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  admin: everything,
  manager: without('client.purge', 'staff.manage', 'roles.manage', 'settings.change', 'audit.read', 'backup.manage', 'backup.restore'),
  associate: new Set<Action>([
    'session.use',
    'client.view',
    'client.create',
    'client.edit',
    'client.delete',
    'client.assign-self',
    'client.unassign-self',
    'client.hand-over',
    'client.link',
    'export',
  ]),
};

const ROLE_PLURAL: Record<Role, string> = { admin: 'Admins', manager: 'Managers', associate: 'Associates' };

function deny(code: DenyCode, reason: string): Decision {
  return { allowed: false, code, reason };
}

function lacks(actor: Actor, action: Action): Decision {
  const who = actor.roleName === ROLE_PLURAL[actor.role].slice(0, -1) ? ROLE_PLURAL[actor.role] : `The ${actor.roleName} role`;
  return deny('ROLE_LACKS_PERMISSION', `${who} cannot ${ACTION_LABELS[action]}.`);
}

export function decide(actor: Actor, action: Action, resource: Resource = {}, settings?: PolicySettings): Decision {
  if (!actor.permissions.has(action)) return lacks(actor, action);
  const assigned = resource.assignedStaffId;
  switch (action) {
    case 'client.assign-self':
      // Taking a client from a colleague is assigning someone else's client.
      if (assigned != null && assigned !== actor.id && !actor.permissions.has('client.assign-others')) {
        const name = resource.assignedStaffName ?? 'someone else';
        return deny('ASSIGNED_TO_SOMEONE_ELSE', `This client is assigned to ${name}. Only a Manager or Admin can reassign them.`);
      }
      return { allowed: true };
    case 'client.unassign-self':
      if (assigned !== actor.id) return deny('NOT_ASSIGNED_TO_YOU', 'This client is not assigned to you.');
      return { allowed: true };
    case 'client.hand-over':
      if (!settings?.primaryCanHandOver) return deny('HAND_OVER_OFF', 'This shop does not let staff hand their clients to colleagues.');
      if (assigned !== actor.id) return deny('NOT_ASSIGNED_TO_YOU', 'Only the client’s primary staff can hand them over.');
      return { allowed: true };
    default:
      return { allowed: true };
  }
}

/**
 * Changing a client's primary staff from `current` to `target` (null = Unassigned): which
 * action that is, and whether this actor may do it. The one entry point for every
 * assignment screen and bulk action, so the rules live in one place.
 */
export function decideAssignment(
  actor: Actor,
  current: { id: number | null; name?: string | null },
  targetId: number | null,
  settings: PolicySettings,
): Decision {
  const resource: Resource = { assignedStaffId: current.id, assignedStaffName: current.name ?? null };
  if (targetId === null) {
    return decide(actor, current.id === actor.id ? 'client.unassign-self' : 'client.unassign-others', resource, settings);
  }
  if (targetId === actor.id) return decide(actor, 'client.assign-self', resource, settings);
  if (actor.permissions.has('client.assign-others')) return { allowed: true };
  if (current.id === actor.id) return decide(actor, 'client.hand-over', resource, settings);
  return lacks(actor, 'client.assign-others');
}

/** A custom role may only narrow the built-in role it derives from. */
export function permissionsBeyondBase(base: Role, permissions: Iterable<Action>): Action[] {
  return [...permissions].filter((a) => !BUILT_IN_PERMISSIONS[base].has(a));
}
