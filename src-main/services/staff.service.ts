/**
 * Staff accounts, managed by Admins. Two rules protect the shop from locking itself out:
 * nobody changes their own role or deactivates themselves, and the last active Admin stays.
 * A staff member with history is never deleted, only deactivated.
 */
import type { ParsedInput, StaffSummary } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import {
  countActiveAdmins,
  deleteStaff,
  findStaffById,
  findStaffWithRole,
  findStaffByPosId,
  findStaffByUsername,
  insertStaff,
  listStaff,
  posIdsOf,
  setPosIds,
  staffHasHistory,
  updateStaff,
} from '../db/queries/staff.queries';
import { setStaffLocations, staffLocationIds, unknownLocationIds } from '../db/queries/locations.queries';
import { findBuiltInRole, findRole } from '../db/queries/roles.queries';
import type { Staff } from '../db/schema';
import type { Role } from '../../src-preload/contract';
import { decide, isUnrestricted, type Actor } from '../domain/permissions';
import { rolePolicy } from '../domain/roles';
import { conflict, duplicate, forbidden, invalidField, notFound } from './errors';
import type { Passwords } from './password';
import type { SessionStore } from './sessions';
import { auditView, toSummary } from './staff.mapping';

export function createStaffService(db: Db, now: () => Date, passwords: Passwords, sessions: () => SessionStore) {
  async function requireStaff(trx: Executor, id: number): Promise<Staff> {
    const staff = await findStaffById(trx, id);
    if (!staff) throw notFound('That staff member');
    return staff;
  }

  async function ensurePosIdsFree(trx: Executor, posIds: readonly string[], field: string, exceptId?: number): Promise<void> {
    for (const posId of posIds) {
      const holder = await findStaffByPosId(trx, posId);
      if (holder && holder.id !== exceptId) {
        throw duplicate(`POS associate id ${posId} is already mapped to ${holder.name}.`, {
          issues: [{ field, message: `${posId} is already mapped to ${holder.name}` }],
        });
      }
    }
  }

  /**
   * The role row a staff member gets: a custom role (which fixes the built-in role it
   * derives from) or the built-in row of the chosen built-in role.
   */
  async function resolveRole(trx: Executor, role: Role, customRoleId: number | null | undefined, explicitRole: boolean) {
    if (customRoleId == null) return { role, roleId: (await findBuiltInRole(trx, role)).id };
    const custom = await findRole(trx, customRoleId);
    if (!custom || custom.built_in === 1) throw invalidField('customRoleId', 'There is no such custom role');
    if (explicitRole && custom.base_role !== role) {
      throw invalidField('customRoleId', `The ${custom.name} role derives from ${custom.base_role}, not ${role}`);
    }
    return { role: custom.base_role, roleId: custom.id };
  }

  async function ensureLocationsExist(trx: Executor, ids: readonly number[] | undefined): Promise<void> {
    const unknown = await unknownLocationIds(trx, ids ?? []);
    if (unknown.length) throw invalidField('locationIds', `There is no location with id ${unknown.join(', ')}`);
  }

  /**
   * Nobody gives a role beyond their own rights, nor manages the account of someone who
   * holds more than they do (an Admin's password, role or account).
   */
  async function checkWithin(trx: Executor, actor: Actor, roleId: number | null, builtIn: Role, locationIds?: readonly number[]): Promise<void> {
    // A staff row without a role id holds its built-in role (as the actor loader reads it).
    const role = (roleId === null ? null : await findRole(trx, roleId)) ?? (await findBuiltInRole(trx, builtIn));
    const d = decide(actor, 'staff.manage', { kind: 'grant', grant: { ...rolePolicy(role), locationIds } });
    if (!d.allowed) throw forbidden(d.reason, d.code);
  }

  async function holdsAdminRole(trx: Executor, staff: Staff): Promise<boolean> {
    return staff.role_id === (await findBuiltInRole(trx, 'admin')).id;
  }

  return {
    list: async (): Promise<StaffSummary[]> => (await listStaff(db)).map(toSummary),

    async create(actor: Actor, input: ParsedInput<'staff-create'>): Promise<StaffSummary> {
      const passwordHash = await passwords.hash(input.password);
      return db.transaction().execute(async (trx) => {
        if (await findStaffByUsername(trx, input.username)) {
          throw duplicate(`The username ${input.username} is taken.`, {
            issues: [{ field: 'username', message: 'This username is taken' }],
          });
        }
        const posIds = [...new Set([...(input.posAssociateId ? [input.posAssociateId] : []), ...(input.posAssociateIds ?? [])])];
        await ensurePosIdsFree(trx, posIds, input.posAssociateIds ? 'posAssociateIds' : 'posAssociateId');
        const at = now().toISOString();
        const resolved = await resolveRole(trx, input.role, input.customRoleId, true);
        await checkWithin(trx, actor, resolved.roleId, resolved.role, input.locationIds);
        await ensureLocationsExist(trx, input.locationIds);
        const staff = await insertStaff(trx, {
          name: input.name,
          username: input.username,
          role: resolved.role,
          role_id: resolved.roleId,
          password_hash: passwordHash,
          locked_until: null,
          created_at: at,
          updated_at: at,
        });
        if (input.locationIds) await setStaffLocations(trx, staff.id, input.locationIds);
        await setPosIds(trx, staff.id, posIds, at);
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'staff.create',
          entity: 'staff',
          entityId: staff.id,
          after: { ...auditView(staff, posIds), locationIds: input.locationIds ?? [] },
          at,
        });
        return toSummary(await findStaffWithRole(trx, staff.id));
      });
    },

    async update(actor: Actor, input: ParsedInput<'staff-update'>): Promise<StaffSummary> {
      const result = await db.transaction().execute(async (trx) => {
        const before = await requireStaff(trx, input.id);
        await checkWithin(trx, actor, before.role_id, before.role);
        const roleChange = input.role !== undefined || input.customRoleId !== undefined;
        const resolved = roleChange
          ? await resolveRole(trx, input.role ?? before.role, input.customRoleId, input.role !== undefined)
          : { role: before.role, roleId: before.role_id };
        if (roleChange || input.locationIds) await checkWithin(trx, actor, resolved.roleId, resolved.role, input.locationIds);
        // Locations decide what a location scope sees: nobody widens their own, bar an Admin who holds everything.
        if (input.id === actor.id && input.locationIds && !isUnrestricted(actor)) {
          const current = await staffLocationIds(trx, actor.id);
          const same = current.length === input.locationIds.length && input.locationIds.every((l) => current.includes(l));
          if (!same) throw forbidden('You cannot change your own locations. Ask an Admin.', 'BEYOND_YOUR_RIGHTS');
        }
        const demotes = resolved.roleId !== before.role_id || resolved.role !== before.role;
        const deactivates = input.active === false && before.active === 1;
        if (input.id === actor.id && demotes) throw invalidField('role', 'You cannot change your own role');
        if (input.id === actor.id && deactivates) throw invalidField('active', 'You cannot deactivate yourself');
        const wasAdmin = await holdsAdminRole(trx, before);
        const losesAdmin = demotes || deactivates;
        if (wasAdmin && before.active === 1 && losesAdmin && (await countActiveAdmins(trx)) <= 1) {
          throw conflict('Clientele must keep at least one active Admin.');
        }
        if (input.posAssociateIds !== undefined) await ensurePosIdsFree(trx, input.posAssociateIds, 'posAssociateIds', input.id);
        await ensureLocationsExist(trx, input.locationIds);
        const locationsBefore = await staffLocationIds(trx, input.id);
        if (input.locationIds) await setStaffLocations(trx, input.id, input.locationIds);
        const posIdsBefore = await posIdsOf(trx, input.id);
        const at = now().toISOString();
        if (input.posAssociateIds) await setPosIds(trx, input.id, input.posAssociateIds, at);
        const after = await updateStaff(trx, input.id, {
          name: input.name,
          role: resolved.role,
          role_id: resolved.roleId,
          active: input.active === undefined ? undefined : input.active ? 1 : 0,
          updated_at: at,
        });
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'staff.update',
          entity: 'staff',
          entityId: after.id,
          before: { ...auditView(before, posIdsBefore), locationIds: locationsBefore },
          after: { ...auditView(after, input.posAssociateIds ?? posIdsBefore), locationIds: input.locationIds ?? locationsBefore },
          at,
        });
        return { after, deactivated: deactivates };
      });
      if (result.deactivated) sessions().endFor(result.after.id, 'deactivated');
      else sessions().broadcast('session-changed', { reason: 'staff' }, (a) => a.id === result.after.id);
      return toSummary(await findStaffWithRole(db, result.after.id));
    },

    async resetPassword(actor: Actor, input: ParsedInput<'staff-reset-password'>): Promise<StaffSummary> {
      const hash = await passwords.hash(input.password);
      const staff = await db.transaction().execute(async (trx) => {
        const target = await requireStaff(trx, input.id);
        await checkWithin(trx, actor, target.role_id, target.role);
        const at = now().toISOString();
        // A reset also lifts a lockout: that is usually why the Admin is resetting it.
        const row = await updateStaff(trx, input.id, { password_hash: hash, failed_logins: 0, locked_until: null, updated_at: at });
        await insertAudit(trx, { actorId: actor.id, action: 'staff.password-reset', entity: 'staff', entityId: input.id, at });
        return row;
      });
      if (staff.id !== actor.id) sessions().endFor(staff.id, 'logout');
      return toSummary(await findStaffWithRole(db, staff.id));
    },

    async remove(actor: Actor, id: number): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const staff = await requireStaff(trx, id);
        if (id === actor.id) throw conflict('You cannot delete your own account.');
        await checkWithin(trx, actor, staff.role_id, staff.role);
        if (await staffHasHistory(trx, id)) {
          throw conflict(`${staff.name} has history in the book and cannot be deleted. Deactivate the account instead.`);
        }
        if ((await holdsAdminRole(trx, staff)) && staff.active === 1 && (await countActiveAdmins(trx)) <= 1) {
          throw conflict('Clientele must keep at least one active Admin.');
        }
        const posIds = await posIdsOf(trx, id);
        await deleteStaff(trx, id);
        await insertAudit(trx, { actorId: actor.id, action: 'staff.delete', entity: 'staff', entityId: id, before: auditView(staff, posIds), at: now().toISOString() });
      });
      return null;
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
