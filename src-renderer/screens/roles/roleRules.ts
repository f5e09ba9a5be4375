/**
 * What the Roles screen lets an Admin change on each role, mirroring the main process's
 * rules (which decide): the built-in Admin never changes, nobody changes the role they hold,
 * built-in roles keep their actions, a custom role holds exactly the actions ticked for it,
 * and nobody ticks an action they do not hold themselves.
 */
import type { Role, RoleSummary } from '../../../src-preload/contract';
import { ACTION_LABELS, type Action, type FieldGroup, type VISIBILITIES } from '../../../src-preload/policy';

export type Visibility = (typeof VISIBILITIES)[number];

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  all: 'All clients',
  locations: 'Clients at my locations',
  own: 'Only my clients',
};

export interface RoleDraft {
  permissions: Action[];
  visibility: Visibility;
  hiddenFields: FieldGroup[];
}

export const draftOf = (r: RoleSummary): RoleDraft => ({
  permissions: r.permissions,
  visibility: r.visibility,
  hiddenFields: r.hiddenFields,
});

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));

export function isDirty(r: RoleSummary, d: RoleDraft): boolean {
  return d.visibility !== r.visibility || !sameSet(d.permissions, r.permissions) || !sameSet(d.hiddenFields, r.hiddenFields);
}

/** Why this role cannot be changed at all from here, or null when it can. */
export function lockedReason(r: RoleSummary, myRoleName: string): string | null {
  if (r.builtIn && r.baseRole === 'admin') return 'The Admin role always sees and may do everything; create a custom role to narrow it.';
  if (r.name === myRoleName) return 'You cannot change the role you hold yourself.';
  return null;
}

/** Why this action's box cannot be ticked for this role, or null when it can. */
export function actionLockedReason(r: RoleSummary, action: Action, mine: ReadonlySet<Action>): string | null {
  if (r.builtIn) return 'Built-in roles keep their actions; create a custom role to change them.';
  if (!mine.has(action)) return `You cannot give a permission you do not hold yourself (${ACTION_LABELS[action]}).`;
  return null;
}

/** The built-in roles' actions, read from the built-in rows the server lists: a new custom role's first ticks. */
export function baseActionsOf(roles: readonly RoleSummary[]): Record<Role, ReadonlySet<Action>> {
  const of = (base: Role) => new Set(roles.find((r) => r.builtIn && r.baseRole === base)?.permissions ?? []);
  return { admin: of('admin'), manager: of('manager'), associate: of('associate') };
}

/** Built-in first (Admin, Manager, Associate), then custom roles by name. */
export function inMatrixOrder(roles: readonly RoleSummary[]): RoleSummary[] {
  const rank: Record<Role, number> = { admin: 0, manager: 1, associate: 2 };
  return [...roles].sort((a, b) =>
    a.builtIn !== b.builtIn ? (a.builtIn ? -1 : 1) : a.builtIn ? rank[a.baseRole] - rank[b.baseRole] : a.name.localeCompare(b.name),
  );
}

export const sentence = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
