/**
 * The policy engine: who may do what, as a pure function of (actor, action, resource,
 * settings). Every rule about people's rights lives here; no service compares role names.
 *
 * The router asks it before every channel runs, with no resource; services ask it again
 * with the resource when the answer depends on it: whose client this is, who owns an import
 * or a segment, what a role or a staff account being managed holds, whether a setting
 * changes who sees what.
 */
import type { Role } from '../../src-preload/contract';
import { ACTION_LABELS, ACTIONS, FIELD_GROUPS, VISIBILITIES, type Action, type FieldGroup } from '../../src-preload/policy';
import type { ClientScope, Visibility } from './visibility';

export { ACTION_LABELS, ACTIONS, FIELD_GROUPS, type Action, type FieldGroup };

export interface Actor {
  id: number;
  name: string;
  /** The built-in role this person's role derives from: its name in messages, never a right. */
  role: Role;
  roleId: number;
  roleName: string;
  permissions: ReadonlySet<Action>;
  visibility: Visibility;
  /** Client-card field groups this person may not see, search or export. */
  hiddenFields: ReadonlySet<FieldGroup>;
  /** Which clients this person may see; applied in SQL by every client query. */
  scope: ClientScope;
  /** The locations this person works at (the shop's default location for staff with none). */
  locationIds: readonly number[];
}

export interface PolicySettings {
  /** The shop lets a client's primary staff hand the client to a colleague. */
  primaryCanHandOver: boolean;
}

/** What a set of rights amounts to: a role, or the role a staff account holds. */
export interface Grant {
  permissions: Iterable<Action>;
  visibility: Visibility;
  hiddenFields: Iterable<FieldGroup>;
  /** Locations given with it (a staff account's), when they widen a location scope. */
  locationIds?: Iterable<number>;
}

/** What an action is about, when the answer depends on it. */
export type Resource =
  /** A client, by its current primary staff (null for Unassigned). */
  | { kind: 'client'; assignedStaffId: number | null; assignedStaffName?: string | null }
  /** Something a staff member made and owns: an import, a segment, a sales report. */
  | { kind: 'owned'; ownerId: number | null }
  /** Rights being given: a role created or changed, a role given to or held by a staff account. */
  | { kind: 'grant'; grant: Grant }
  /** A shop setting that changes who sees or changes which clients. */
  | { kind: 'shop-access' }
  /** How long clients stay in the Trash before the daily run erases them, whoever's they are. */
  | { kind: 'trash-retention' };

export type DenyCode =
  | 'ROLE_LACKS_PERMISSION'
  | 'ASSIGNED_TO_SOMEONE_ELSE'
  | 'NOT_ASSIGNED_TO_YOU'
  | 'HAND_OVER_OFF'
  | 'NOT_YOURS'
  | 'BEYOND_YOUR_RIGHTS'
  | 'FULL_ADMIN_ONLY';

export type Decision = { allowed: true } | { allowed: false; code: DenyCode; reason: string };

const everything = new Set<Action>(ACTIONS);
const without = (...actions: Action[]) => new Set<Action>(ACTIONS.filter((a) => !actions.includes(a)));

/**
 * The built-in roles, from the seeds: only Admins purge, manage staff and roles, change shop
 * settings, read the audit log, manage backups and export without formula protection; only
 * Admins and Managers create relationship types, assign and unassign others, merge,
 * restore, import and trash other staff's clients, and book, move and cancel for other
 * staff; Associates take Unassigned clients, give up their own, trash their own, work with
 * the clients they can see, and keep their own appointments. Only Admins keep the list of
 * services and the opening hours. Everyone sees reports, each counted within their own scope.
 */
export const BUILT_IN_PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  admin: everything,
  manager: without(
    'client.purge',
    'staff.manage',
    'roles.manage',
    'settings.change',
    'audit.read',
    'backup.manage',
    'backup.restore',
    'export.unsafe',
    'appointment.services',
    'appointment.hours',
  ),
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
    'appointment.view',
    'appointment.book',
    'report.view',
  ]),
};

const ROLE_PLURAL: Record<Role, string> = { admin: 'Admins', manager: 'Managers', associate: 'Associates' };
const VISIBILITY_RANK: Record<Visibility, number> = { own: 0, locations: 1, all: 2 };
const VISIBILITY_WORDS: Record<Visibility, string> = { own: 'their own clients', locations: 'the clients of their locations', all: 'every client' };

function deny(code: DenyCode, reason: string): Decision {
  return { allowed: false, code, reason };
}

function who(actor: Actor): string {
  return actor.roleName === ROLE_PLURAL[actor.role].slice(0, -1) ? ROLE_PLURAL[actor.role] : `The ${actor.roleName} role`;
}

function lacks(actor: Actor, action: Action): Decision {
  return deny('ROLE_LACKS_PERMISSION', `${who(actor)} cannot ${ACTION_LABELS[action]}.`);
}

/**
 * Holds every permission, sees every client and every field: the shop's Admin. Only such a
 * person manages Admins, changes who sees which clients, and acts on what others own.
 */
export function isUnrestricted(actor: Actor): boolean {
  return actor.permissions.size === everything.size && actor.visibility === 'all' && actor.hiddenFields.size === 0;
}

/** What `grant` holds beyond `actor`: permissions, visibility, field groups; empty when it is within. */
export function beyond(actor: Actor, grant: Grant): string[] {
  const out: string[] = [];
  for (const a of new Set(grant.permissions)) if (!actor.permissions.has(a)) out.push(ACTION_LABELS[a]);
  if (VISIBILITY_RANK[grant.visibility] > VISIBILITY_RANK[actor.visibility]) out.push(`see ${VISIBILITY_WORDS[grant.visibility]}`);
  const shown = new Set(FIELD_GROUPS.filter((g) => ![...grant.hiddenFields].includes(g)));
  for (const g of actor.hiddenFields) if (shown.has(g)) out.push(`see ${g} fields`);
  // Locations decide what a location scope sees: someone who does not see every client gives none beyond their own.
  if (grant.locationIds && actor.visibility !== 'all') {
    const mine = new Set(actor.locationIds);
    if ([...grant.locationIds].some((l) => !mine.has(l))) out.push('work at locations you do not work at');
  }
  return out;
}

function decideResource(actor: Actor, action: Action, resource: Resource, settings?: PolicySettings): Decision {
  switch (resource.kind) {
    case 'owned':
      if (resource.ownerId === actor.id || isUnrestricted(actor)) return { allowed: true };
      return deny('NOT_YOURS', 'Only the person who made it, or an Admin, can do that.');
    case 'grant': {
      const extra = beyond(actor, resource.grant);
      if (extra.length === 0) return { allowed: true };
      return deny('BEYOND_YOUR_RIGHTS', `You cannot give rights you do not hold yourself: ${extra.join(', ')}.`);
    }
    case 'shop-access':
      if (isUnrestricted(actor)) return { allowed: true };
      return deny('FULL_ADMIN_ONLY', 'Only an Admin can change who sees and changes which clients.');
    case 'trash-retention':
      // An automatic erasure reaches every client in the Trash, seen or not: only someone who could erase each by hand sets it.
      if (isUnrestricted(actor)) return { allowed: true };
      return deny('FULL_ADMIN_ONLY', 'Only an Admin can have clients in the Trash erased automatically.');
    case 'client':
      return decideClient(actor, action, resource, settings);
  }
}

function decideClient(actor: Actor, action: Action, client: Extract<Resource, { kind: 'client' }>, settings?: PolicySettings): Decision {
  const assigned = client.assignedStaffId;
  switch (action) {
    case 'client.assign-self':
      // Taking a client from a colleague is assigning someone else's client.
      if (assigned != null && assigned !== actor.id && !actor.permissions.has('client.assign-others')) {
        const name = client.assignedStaffName ?? 'someone else';
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
    case 'client.delete':
      if (assigned !== actor.id && !actor.permissions.has('client.delete-others')) {
        return deny('NOT_ASSIGNED_TO_YOU', `${who(actor)} can move to the Trash only the clients assigned to them.`);
      }
      return { allowed: true };
    default:
      return { allowed: true };
  }
}

export function decide(actor: Actor, action: Action, resource?: Resource, settings?: PolicySettings): Decision {
  if (!actor.permissions.has(action)) return lacks(actor, action);
  return resource ? decideResource(actor, action, resource, settings) : { allowed: true };
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
  const resource: Resource = { kind: 'client', assignedStaffId: current.id, assignedStaffName: current.name ?? null };
  if (targetId === null) {
    return decide(actor, current.id === actor.id ? 'client.unassign-self' : 'client.unassign-others', resource, settings);
  }
  if (targetId === actor.id) return decide(actor, 'client.assign-self', resource, settings);
  if (actor.permissions.has('client.assign-others')) return { allowed: true };
  if (current.id === actor.id) return decide(actor, 'client.hand-over', resource, settings);
  return lacks(actor, 'client.assign-others');
}

/** Whether a visibility value is one the policy knows (roles rows are data). */
export const isVisibility = (v: string): v is Visibility => (VISIBILITIES as readonly string[]).includes(v);

/**
 * Recording a sale, booking or note by hand with `staffId`, or correcting or removing one
 * recorded by `authorId` (null: an import or the system). One's own needs only client.edit;
 * someone else's is interaction.record-others or interaction.correct-others.
 */
export function decideInteraction(actor: Actor, change: 'record' | 'correct', ownerId: number | null): Decision {
  const edit = decide(actor, 'client.edit');
  if (!edit.allowed || ownerId === actor.id) return edit;
  return decide(actor, change === 'record' ? 'interaction.record-others' : 'interaction.correct-others');
}

/** What is being done to an appointment, for `decideAppointment`. */
export type AppointmentChange = 'book' | 'move' | 'cancel';

/**
 * Booking, moving (or changing the status of) and cancelling appointments: one's own under
 * 'appointment.book'; another staff member's under the matching '-others' action. `staffId`
 * is whose the appointment is now (for a booking, whom it is with); `toStaffId` whom a move
 * gives it to. Giving an appointment to someone else is booking for them.
 */
export function decideAppointment(actor: Actor, change: AppointmentChange, staffId: number, toStaffId: number = staffId): Decision {
  const own = decide(actor, 'appointment.book');
  if (!own.allowed) return own;
  if (change === 'book') return staffId === actor.id ? own : decide(actor, 'appointment.book-others');
  if (staffId !== actor.id) {
    const other = decide(actor, change === 'move' ? 'appointment.move-others' : 'appointment.cancel-others');
    if (!other.allowed) return other;
  }
  return toStaffId === actor.id || toStaffId === staffId ? own : decide(actor, 'appointment.book-others');
}
