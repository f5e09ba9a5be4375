/**
 * A role row turned into what the policy engine reads. Built-in roles take their actions
 * from code; a custom role has exactly the actions ticked for it, never more because of its
 * base role (which only names it and suggests its first ticks). What a role may be given is
 * bounded by whoever gives it (permissions.ts, the 'grant' resource).
 */
import type { Role } from '../../src-preload/contract';
import { ACTIONS, FIELD_GROUPS, type Action, type FieldGroup } from '../../src-preload/policy';
import { BUILT_IN_PERMISSIONS } from './permissions';
import type { Visibility } from './visibility';

export interface RoleRecord {
  base_role: Role;
  built_in: number;
  permissions: string;
  visibility: Visibility;
  hidden_fields: string;
}

export interface RolePolicy {
  permissions: ReadonlySet<Action>;
  visibility: Visibility;
  hiddenFields: ReadonlySet<FieldGroup>;
}

const parseList = <T extends string>(json: string, allowed: readonly T[]): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is T => allowed.includes(v as T)) : [];
};

export function rolePolicy(role: RoleRecord): RolePolicy {
  const base = BUILT_IN_PERMISSIONS[role.base_role];
  // The Admin role is the shop's way back in: it always sees and may do everything.
  if (role.built_in && role.base_role === 'admin') {
    return { permissions: base, visibility: 'all', hiddenFields: new Set() };
  }
  const permissions = role.built_in ? base : new Set(parseList(role.permissions, ACTIONS));
  return {
    permissions,
    visibility: role.visibility,
    hiddenFields: new Set(parseList(role.hidden_fields, FIELD_GROUPS)),
  };
}
