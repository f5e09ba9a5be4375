/**
 * Roles and their permissions, managed by Admins. The built-in Admin role never changes;
 * Manager and Associate keep the seeds' actions but their visibility and hidden fields can
 * be set; custom roles start from a built-in role, hold exactly the actions ticked for them,
 * and may be renamed, changed and deleted when nobody holds them.
 */
import type { ParsedInput, RoleSummary } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { countStaffWithRole, deleteRole, staffIdsWithRole, findRole, findRoleByName, insertRole, listRoles, updateRole, type RoleWithCount } from '../db/queries/roles.queries';
import type { RoleRow } from '../db/schema';
import { BUILT_IN_PERMISSIONS, decide, type Actor, type Grant } from '../domain/permissions';
import { rolePolicy } from '../domain/roles';
import { DEFAULT_VISIBILITY } from '../domain/visibility';
import { conflict, duplicate, forbidden, invalidField, notFound } from './errors';
import type { SessionStore } from './sessions';

const toSummary = (r: RoleRow, staffCount: number): RoleSummary => {
  const policy = rolePolicy(r);
  return {
    id: r.id,
    name: r.name,
    baseRole: r.base_role,
    builtIn: r.built_in === 1,
    permissions: [...policy.permissions],
    visibility: policy.visibility,
    hiddenFields: [...policy.hiddenFields],
    staffCount,
  };
};

/** Nobody makes or changes a role into more than they hold themselves, nor touches a role above them. */
function checkGrant(actor: Actor, grant: Grant): void {
  const d = decide(actor, 'roles.manage', { kind: 'grant', grant });
  if (!d.allowed) throw forbidden(d.reason, d.code);
}

export function createRolesService(db: Db, now: () => Date, sessions: () => SessionStore) {
  async function requireRole(trx: Executor, id: number): Promise<RoleRow> {
    const role = await findRole(trx, id);
    if (!role) throw notFound('That role');
    return role;
  }

  async function ensureNameFree(trx: Executor, name: string, exceptId?: number): Promise<void> {
    const holder = await findRoleByName(trx, name);
    if (holder && holder.id !== exceptId) {
      throw duplicate(`There is already a role named ${holder.name}.`, { issues: [{ field: 'name', message: 'This name is taken' }] });
    }
  }

  return {
    list: async (): Promise<RoleSummary[]> => (await listRoles(db)).map((r: RoleWithCount) => toSummary(r, Number(r.staff_count))),

    async create(actor: Actor, input: ParsedInput<'role-create'>): Promise<RoleSummary> {
      // A custom role holds exactly the permissions ticked for it; its base role only suggests them.
      const permissions = input.permissions ?? [...BUILT_IN_PERMISSIONS[input.baseRole]];
      const visibility = input.visibility ?? DEFAULT_VISIBILITY[input.baseRole];
      const hiddenFields = input.hiddenFields ?? [];
      checkGrant(actor, { permissions, visibility, hiddenFields });
      return db.transaction().execute(async (trx) => {
        await ensureNameFree(trx, input.name);
        const at = now().toISOString();
        const row = await insertRole(trx, {
          name: input.name,
          base_role: input.baseRole,
          built_in: 0,
          permissions: JSON.stringify(permissions),
          visibility,
          hidden_fields: JSON.stringify(hiddenFields),
          created_at: at,
          updated_at: at,
        });
        const summary = toSummary(row, 0);
        await insertAudit(trx, { actorId: actor.id, action: 'role.create', entity: 'role', entityId: row.id, after: summary, at });
        return summary;
      });
    },

    async update(actor: Actor, input: ParsedInput<'role-update'>): Promise<RoleSummary> {
      const summary = await db.transaction().execute(async (trx) => {
        const before = await requireRole(trx, input.id);
        if (before.id === actor.roleId) throw conflict('You cannot change the role you hold yourself.');
        if (before.built_in && before.base_role === 'admin') {
          throw conflict('The Admin role always sees and may do everything; create a custom role to narrow it.');
        }
        if (before.built_in && (input.name !== undefined || input.permissions !== undefined)) {
          throw invalidField(input.name !== undefined ? 'name' : 'permissions', 'Built-in roles keep their name and actions; create a custom role to change them');
        }
        const current = rolePolicy(before);
        checkGrant(actor, current);
        checkGrant(actor, {
          permissions: input.permissions ?? current.permissions,
          visibility: input.visibility ?? current.visibility,
          hiddenFields: input.hiddenFields ?? current.hiddenFields,
        });
        if (input.name !== undefined) await ensureNameFree(trx, input.name, before.id);
        const at = now().toISOString();
        const after = await updateRole(trx, before.id, {
          name: input.name,
          permissions: input.permissions ? JSON.stringify(input.permissions) : undefined,
          visibility: input.visibility,
          hidden_fields: input.hiddenFields ? JSON.stringify(input.hiddenFields) : undefined,
          updated_at: at,
        });
        const staffCount = await countStaffWithRole(trx, before.id);
        const summary = toSummary(after, staffCount);
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'role.update',
          entity: 'role',
          entityId: before.id,
          before: toSummary(before, staffCount),
          after: summary,
          at,
        });
        return summary;
      });
      // Everyone holding the role sees their new permissions without logging in again.
      const holders = new Set(await staffIdsWithRole(db, summary.id));
      sessions().broadcast('session-changed', { reason: 'role' }, (a) => holders.has(a.id));
      return summary;
    },

    async remove(actor: Actor, id: number): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const role = await requireRole(trx, id);
        if (role.built_in) throw conflict('Built-in roles cannot be deleted.');
        checkGrant(actor, rolePolicy(role));
        const holders = await countStaffWithRole(trx, id);
        if (holders > 0) {
          throw conflict(`${holders} staff member${holders === 1 ? ' has' : 's have'} the ${role.name} role. Give them another role first.`);
        }
        await deleteRole(trx, id);
        await insertAudit(trx, { actorId: actor.id, action: 'role.delete', entity: 'role', entityId: id, before: toSummary(role, 0), at: now().toISOString() });
      });
      return null;
    },
  };
}
export type RolesService = ReturnType<typeof createRolesService>;
