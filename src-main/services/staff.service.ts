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
  findStaffByPosId,
  findStaffByUsername,
  insertStaff,
  listStaff,
  staffHasHistory,
  updateStaff,
} from '../db/queries/staff.queries';
import type { Staff } from '../db/schema';
import type { Actor } from '../domain/permissions';
import { AppFailure, conflict, invalidField, notFound } from './errors';
import { hashPassword } from './password';
import type { SessionStore } from './sessions';
import { auditView, toSummary } from './staff.mapping';

export function createStaffService(db: Db, now: () => Date, sessions: () => SessionStore) {
  async function requireStaff(trx: Executor, id: number): Promise<Staff> {
    const staff = await findStaffById(trx, id);
    if (!staff) throw notFound('That staff member');
    return staff;
  }

  async function ensurePosIdFree(trx: Executor, posId: string | null, exceptId?: number): Promise<void> {
    if (!posId) return;
    const holder = await findStaffByPosId(trx, posId);
    if (holder && holder.id !== exceptId) {
      throw new AppFailure('CONFLICT', `POS associate id ${posId} is already mapped to ${holder.name}.`, {
        issues: [{ field: 'posAssociateId', message: `Already mapped to ${holder.name}` }],
      });
    }
  }

  return {
    list: async (): Promise<StaffSummary[]> => (await listStaff(db)).map(toSummary),

    async create(actor: Actor, input: ParsedInput<'staff-create'>): Promise<StaffSummary> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if (await findStaffByUsername(trx, input.username)) {
          throw new AppFailure('CONFLICT', `The username ${input.username} is taken.`, {
            issues: [{ field: 'username', message: 'This username is taken' }],
          });
        }
        await ensurePosIdFree(trx, input.posAssociateId);
        const at = now().toISOString();
        const staff = await insertStaff(trx, {
          name: input.name,
          username: input.username,
          role: input.role,
          pos_associate_id: input.posAssociateId,
          password_hash: passwordHash,
          locked_until: null,
          created_at: at,
          updated_at: at,
        });
        await insertAudit(trx, { actorId: actor.id, action: 'staff.create', entity: 'staff', entityId: staff.id, after: auditView(staff), at });
        return toSummary(staff);
      });
    },

    async update(actor: Actor, input: ParsedInput<'staff-update'>): Promise<StaffSummary> {
      const result = await db.transaction().execute(async (trx) => {
        const before = await requireStaff(trx, input.id);
        const demotes = input.role !== undefined && input.role !== before.role;
        const deactivates = input.active === false && before.active === 1;
        if (input.id === actor.id && demotes) throw invalidField('role', 'You cannot change your own role');
        if (input.id === actor.id && deactivates) throw invalidField('active', 'You cannot deactivate yourself');
        if (before.role === 'admin' && before.active === 1 && (demotes || deactivates) && (await countActiveAdmins(trx)) <= 1) {
          throw conflict('Clientele must keep at least one active Admin.');
        }
        if (input.posAssociateId !== undefined) await ensurePosIdFree(trx, input.posAssociateId, input.id);
        const at = now().toISOString();
        const after = await updateStaff(trx, input.id, {
          name: input.name,
          role: input.role,
          pos_associate_id: input.posAssociateId,
          active: input.active === undefined ? undefined : input.active ? 1 : 0,
          updated_at: at,
        });
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'staff.update',
          entity: 'staff',
          entityId: after.id,
          before: auditView(before),
          after: auditView(after),
          at,
        });
        return { after, deactivated: deactivates };
      });
      if (result.deactivated) sessions().endFor(result.after.id, 'deactivated');
      return toSummary(result.after);
    },

    async resetPassword(actor: Actor, input: ParsedInput<'staff-reset-password'>): Promise<StaffSummary> {
      const hash = await hashPassword(input.password);
      const staff = await db.transaction().execute(async (trx) => {
        await requireStaff(trx, input.id);
        const at = now().toISOString();
        // A reset also lifts a lockout: that is usually why the Admin is resetting it.
        const row = await updateStaff(trx, input.id, { password_hash: hash, failed_logins: 0, locked_until: null, updated_at: at });
        await insertAudit(trx, { actorId: actor.id, action: 'staff.password-reset', entity: 'staff', entityId: input.id, at });
        return row;
      });
      if (staff.id !== actor.id) sessions().endFor(staff.id, 'logout');
      return toSummary(staff);
    },

    async remove(actor: Actor, id: number): Promise<null> {
      await db.transaction().execute(async (trx) => {
        const staff = await requireStaff(trx, id);
        if (id === actor.id) throw conflict('You cannot delete your own account.');
        if (await staffHasHistory(trx, id)) {
          throw conflict(`${staff.name} has history in the book and cannot be deleted. Deactivate the account instead.`);
        }
        if (staff.role === 'admin' && staff.active === 1 && (await countActiveAdmins(trx)) <= 1) {
          throw conflict('Clientele must keep at least one active Admin.');
        }
        await deleteStaff(trx, id);
        await insertAudit(trx, { actorId: actor.id, action: 'staff.delete', entity: 'staff', entityId: id, before: auditView(staff), at: now().toISOString() });
      });
      return null;
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
