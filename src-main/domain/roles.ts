/**
 * A role row turned into what the policy engine reads. Built-in roles take their actions
 * from code; a custom role keeps only what its base role has, so it can narrow a built-in
 * role but never widen it past the seeds' rules.
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
  const permissions = role.built_in ? base : new Set(parseList(role.permissions, ACTIONS).filter((a) => base.has(a)));
  return {
    permissions,
    visibility: role.visibility,
    hiddenFields: new Set(parseList(role.hidden_fields, FIELD_GROUPS)),
  };
}
