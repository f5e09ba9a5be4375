/**
 * A client's primary staff, by hand and in bulk. Every change goes through the policy's
 * decideAssignment and leaves a history row saying who, when, from whom to whom and why.
 */
import type { AssignableStaff, BulkPlan, ClientAssignment, StaffRef } from '../../src-preload/contract';
import type { ParsedInput } from '../../src-preload/contract';
import { readTransaction, type Db, type Executor } from '../db/connection';
import { insertHistory, listAdditionalStaff, listHistory } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { clientsFor } from '../db/queries/scope';
import { decideAssignment, type Actor } from '../domain/permissions';
import { AppFailure, forbidden, invalidField, notFound } from './errors';
import type { SettingsService } from './settings.service';

const ref = (id: number | null, name: string | null): StaffRef | null => (id !== null && name !== null ? { id, name } : null);

/** Splits `clients` across `staff` in turn, so no one gets more than one client above anyone else. */
export function evenSplit<T>(clients: T[], staff: number[]): Map<number, T[]> {
  const plan = new Map<number, T[]>(staff.map((s) => [s, []]));
  clients.forEach((c, i) => plan.get(staff[i % staff.length]!)!.push(c));
  return plan;
}

export function createAssignmentService(db: Db, now: () => Date, settings: SettingsService) {
  async function visibleClient(trx: Executor, actor: Actor, clientId: number) {
    const client = await clientsFor(trx, actor.scope)
      .leftJoin('staff', 'staff.id', 'clients.assigned_staff_id')
      .select(['clients.id', 'clients.assigned_staff_id', 'staff.name as assigned_name'])
      .where('clients.id', '=', clientId)
      .where('clients.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!client) throw notFound('That client');
    return client;
  }

  async function activeStaff(trx: Executor): Promise<StaffRef[]> {
    return trx.selectFrom('staff').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute();
  }

  async function describe(trx: Executor, actor: Actor, clientId: number): Promise<ClientAssignment> {
    const client = await visibleClient(trx, actor, clientId);
    const current = { id: client.assigned_staff_id, name: client.assigned_name };
    const policy = settings.policy();
    const choices = (await activeStaff(trx)).filter((s) => s.id !== current.id && decideAssignment(actor, current, s.id, policy).allowed);
    return {
      clientId,
      primary: ref(client.assigned_staff_id, client.assigned_name),
      additional: (await listAdditionalStaff(trx, clientId, client.assigned_staff_id)).map((s) => ({
        id: s.id,
        name: s.name,
        firstAt: s.first_at,
        firstKind: s.first_kind,
        firstReference: s.first_reference,
        interactions: Number(s.interactions),
      })),
      history: (await listHistory(trx, clientId)).map((h) => ({
        id: h.id,
        at: h.at,
        from: ref(h.from_staff_id, h.from_name),
        to: ref(h.to_staff_id, h.to_name),
        reason: h.reason,
        detail: h.detail ? (JSON.parse(h.detail) as Record<string, unknown>) : null,
        actor: ref(h.actor_id, h.actor_name),
      })),
      choices,
      canUnassign: current.id !== null && decideAssignment(actor, current, null, policy).allowed,
      inYourScope: true,
    };
  }

  /** The clients a bulk request names, within the actor's scope, in a stable order. */
  async function bulkClients(trx: Executor, actor: Actor, input: ParsedInput<'assign-bulk-preview'>) {
    let q = clientsFor(trx, actor.scope).select(['clients.id', 'clients.assigned_staff_id']).where('clients.deleted_at', 'is', null).orderBy('clients.id');
    if (input.fromStaffId !== undefined) q = q.where('clients.assigned_staff_id', '=', input.fromStaffId);
    else q = q.where('clients.id', 'in', input.clientIds!.length ? input.clientIds! : [0]);
    return q.execute();
  }

  async function bulkPlan(trx: Executor, actor: Actor, input: ParsedInput<'assign-bulk-preview'>) {
    const policy = settings.policy();
    const staff = new Map((await activeStaff(trx)).map((s) => [s.id, s]));
    const unknown = input.toStaffIds.filter((s) => !staff.has(s));
    if (unknown.length) throw invalidField('toStaffIds', `No active staff member with id ${unknown.join(', ')}`);
    const clients = await bulkClients(trx, actor, input);
    for (const c of clients) {
      for (const target of input.toStaffIds) {
        const d = decideAssignment(actor, { id: c.assigned_staff_id }, target, policy);
        if (!d.allowed) throw forbidden(d.reason);
      }
    }
    const plan = evenSplit(clients, input.toStaffIds);
    const summary: BulkPlan = {
      clients: clients.length,
      perStaff: input.toStaffIds.map((id) => ({ id, name: staff.get(id)!.name, clients: plan.get(id)!.length })),
    };
    return { plan, summary };
  }

  return {
    get: (actor: Actor, clientId: number) => describe(db, actor, clientId),

    async assign(actor: Actor, input: ParsedInput<'client-assign'>): Promise<ClientAssignment> {
      return db.transaction().execute(async (trx) => {
        const client = await visibleClient(trx, actor, input.clientId);
        if (client.assigned_staff_id === input.staffId) return describe(trx, actor, input.clientId);
        if (input.staffId !== null) {
          const target = await trx.selectFrom('staff').select('active').where('id', '=', input.staffId).executeTakeFirst();
          if (!target || target.active !== 1) throw invalidField('staffId', 'Choose an active staff member');
        }
        const d = decideAssignment(actor, { id: client.assigned_staff_id, name: client.assigned_name }, input.staffId, settings.policy());
        if (!d.allowed) throw new AppFailure('FORBIDDEN', d.reason, { reason: d.code });
        const at = now().toISOString();
        await trx
          .updateTable('clients')
          .set((eb) => ({ assigned_staff_id: input.staffId, updated_at: at, version: eb('version', '+', 1) }))
          .where('id', '=', input.clientId)
          .execute();
        await insertHistory(trx, [{ clientId: input.clientId, fromStaffId: client.assigned_staff_id, toStaffId: input.staffId, reason: 'manual', actorId: actor.id, at }]);
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'client.assign',
          entity: 'client',
          entityId: input.clientId,
          before: { assignedStaffId: client.assigned_staff_id },
          after: { assignedStaffId: input.staffId },
          at,
        });
        // Authorised before the change; a change that takes the client out of my scope (a
        // hand-over, unassigning myself) is saved and says so, and shows nothing more.
        const stillVisible = await clientsFor(trx, actor.scope).select('clients.id').where('clients.id', '=', input.clientId).executeTakeFirst();
        if (stillVisible) return describe(trx, actor, input.clientId);
        const to = input.staffId === null ? null : await trx.selectFrom('staff').select(['id', 'name']).where('id', '=', input.staffId).executeTakeFirst();
        return { clientId: input.clientId, primary: to ?? null, additional: [], history: [], choices: [], canUnassign: false, inYourScope: false };
      });
    },

    /** Everyone bulk reassignment can move clients from or to (the Staff list is for Admins only). */
    async staff(actor: Actor): Promise<AssignableStaff[]> {
      const counts = await clientsFor(db, actor.scope)
        .select(['clients.assigned_staff_id', (eb) => eb.fn.countAll<number>().as('clients')])
        .where('clients.deleted_at', 'is', null)
        .where('clients.assigned_staff_id', 'is not', null)
        .groupBy('clients.assigned_staff_id')
        .execute();
      const byStaff = new Map(counts.map((c) => [c.assigned_staff_id, Number(c.clients)]));
      const staff = await db.selectFrom('staff').select(['id', 'name', 'active']).orderBy('name').execute();
      return staff.map((s) => ({ id: s.id, name: s.name, active: s.active === 1, clients: byStaff.get(s.id) ?? 0 }));
    },

    preview: (actor: Actor, input: ParsedInput<'assign-bulk-preview'>) => readTransaction(db, async (snapshot) => (await bulkPlan(snapshot, actor, input)).summary),

    async apply(actor: Actor, input: ParsedInput<'assign-bulk-apply'>): Promise<BulkPlan> {
      return db.transaction().execute(async (trx) => {
        const { plan, summary } = await bulkPlan(trx, actor, input);
        const at = now().toISOString();
        const batch = `bulk-${at}`;
        for (const [staffId, clients] of plan) {
          const moving = clients.filter((c) => c.assigned_staff_id !== staffId);
          for (let i = 0; i < moving.length; i += 500) {
            const ids = moving.slice(i, i + 500).map((c) => c.id);
            await trx
              .updateTable('clients')
              .set((eb) => ({ assigned_staff_id: staffId, updated_at: at, version: eb('version', '+', 1) }))
              .where('id', 'in', ids)
              .execute();
          }
          await insertHistory(
            trx,
            moving.map((c) => ({ clientId: c.id, fromStaffId: c.assigned_staff_id, toStaffId: staffId, reason: 'bulk' as const, detail: { batch }, actorId: actor.id, at })),
          );
        }
        await insertAudit(trx, { actorId: actor.id, action: 'client.assign-bulk', entity: 'assignment', entityId: null, after: { batch, ...summary, fromStaffId: input.fromStaffId ?? null }, at });
        return summary;
      });
    },
  };
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;
