import type { Db } from '../db/connection';
import { defaultLocation, staffLocationIds } from '../db/queries/locations.queries';
import type { Actor } from '../domain/permissions';
import { rolePolicy } from '../domain/roles';
import { clientScope } from '../domain/visibility';

/** The shop settings a scope depends on. */
export interface ScopeSettings {
  allClientsVisible: boolean;
  unassignedPool: boolean;
}

/**
 * Builds the acting staff member — role, permissions, hidden fields and client scope — from
 * the database. Called on every call, so a change of role, role permissions, locations or
 * shop visibility, or a deactivation, applies at once.
 */
export function createActorLoader(db: Db, scopeSettings: () => ScopeSettings) {
  return async function loadActor(staffId: number): Promise<Actor | null> {
    const row = await db
      .selectFrom('staff')
      .innerJoin('roles', (j) =>
        // A staff row without a role id (never written by this version) uses its built-in role.
        j.on((eb) =>
          eb.or([
            eb('roles.id', '=', eb.ref('staff.role_id')),
            eb.and([eb('staff.role_id', 'is', null), eb('roles.built_in', '=', 1), eb('roles.base_role', '=', eb.ref('staff.role'))]),
          ]),
        ),
      )
      .select(['staff.id', 'staff.name', 'staff.role', 'staff.active', 'roles.id as role_id', 'roles.name as role_name'])
      .select(['roles.base_role', 'roles.built_in', 'roles.permissions', 'roles.visibility', 'roles.hidden_fields'])
      .where('staff.id', '=', staffId)
      .executeTakeFirst();
    if (!row || row.active !== 1) return null;
    const policy = rolePolicy(row);
    // Staff with no locations of their own work at the shop's default one (a one-store shop
    // never assigns any): their location scope and Unassigned pool are that location's.
    const own = await staffLocationIds(db, staffId);
    const fallback = own.length ? null : await defaultLocation(db);
    const locationIds = fallback ? [fallback.id] : own;
    return {
      id: row.id,
      name: row.name,
      role: row.base_role,
      roleId: row.role_id,
      roleName: row.role_name,
      permissions: policy.permissions,
      visibility: policy.visibility,
      hiddenFields: policy.hiddenFields,
      locationIds,
      scope: clientScope({
        staffId: row.id,
        visibility: policy.visibility,
        locationIds,
        ...scopeSettings(),
      }),
    };
  };
}
export type ActorLoader = ReturnType<typeof createActorLoader>;
