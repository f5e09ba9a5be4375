import { sql } from 'kysely';
import type { Executor } from '../connection';
import type { NewStaff, Staff, StaffUpdate } from '../schema';

export const findStaffById = (db: Executor, id: number): Promise<Staff | undefined> =>
  db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();

export const findStaffByUsername = (db: Executor, username: string): Promise<Staff | undefined> =>
  db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();

/** The staff member a POS id maps to, if any. */
export const findStaffByPosId = (db: Executor, posId: string): Promise<Staff | undefined> =>
  db.selectFrom('staff_pos_ids as p').innerJoin('staff', 'staff.id', 'p.staff_id').selectAll('staff').where('p.pos_associate_id', '=', posId).executeTakeFirst();

/** A staff member's POS ids, in order. */
export const posIdsOf = async (db: Executor, staffId: number): Promise<string[]> =>
  (await db.selectFrom('staff_pos_ids').select('pos_associate_id').where('staff_id', '=', staffId).orderBy('pos_associate_id').execute()).map((r) => r.pos_associate_id);

/** Gives these POS ids to a staff member; each must be free or theirs already (the caller checks). */
export async function addPosIds(db: Executor, staffId: number, posIds: readonly string[], at: string): Promise<void> {
  for (const id of posIds) {
    await db.insertInto('staff_pos_ids').values({ pos_associate_id: id, staff_id: staffId, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** A staff member's POS ids become exactly `posIds`. */
export async function setPosIds(db: Executor, staffId: number, posIds: readonly string[], at: string): Promise<void> {
  await db.deleteFrom('staff_pos_ids').where('staff_id', '=', staffId).$if(posIds.length > 0, (q) => q.where('pos_associate_id', 'not in', posIds)).execute();
  await addPosIds(db, staffId, posIds, at);
}

/** Staff with the name of their role and whether it is a built-in one, and their POS ids (joined by char(31)). */
export type StaffWithRole = Staff & { role_name: string | null; role_built_in: number | null; location_ids: string | null; pos_ids: string | null };

function withRole(db: Executor) {
  return db
    .selectFrom('staff')
    .leftJoin('roles', 'roles.id', 'staff.role_id')
    .selectAll('staff')
    .select(['roles.name as role_name', 'roles.built_in as role_built_in'])
    .select((eb) =>
      eb
        .selectFrom('staff_locations')
        .select(sql<string>`group_concat(location_id)`.as('ids'))
        .whereRef('staff_locations.staff_id', '=', 'staff.id')
        .as('location_ids'),
    )
    .select((eb) =>
      eb
        .selectFrom('staff_pos_ids')
        .select(sql<string>`group_concat(pos_associate_id, char(31) ORDER BY pos_associate_id)`.as('ids'))
        .whereRef('staff_pos_ids.staff_id', '=', 'staff.id')
        .as('pos_ids'),
    );
}

export const listStaff = (db: Executor): Promise<StaffWithRole[]> =>
  withRole(db).orderBy('staff.active', 'desc').orderBy('staff.name').orderBy('staff.id').execute();

export const findStaffWithRole = (db: Executor, id: number): Promise<StaffWithRole> =>
  withRole(db).where('staff.id', '=', id).executeTakeFirstOrThrow();

export const listActiveLoginNames = (db: Executor) =>
  db.selectFrom('staff').select(['username', 'name']).where('active', '=', 1).orderBy('name').execute();

export async function countStaff(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active staff on the built-in Admin role: the ones who can always get the shop back in. */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .innerJoin('roles', 'roles.id', 'staff.role_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('roles.built_in', '=', 1)
    .where('roles.base_role', '=', 'admin')
    .where('staff.active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(db: Executor, row: NewStaff): Promise<Staff> {
  return db.insertInto('staff').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateStaff(db: Executor, id: number, patch: StaffUpdate): Promise<Staff> {
  return db.updateTable('staff').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteStaff(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('staff').where('id', '=', id).execute();
}

/** Whether anything in the book points at this staff member; such a person can only be deactivated. */
export async function staffHasHistory(db: Executor, id: number): Promise<boolean> {
  const refs = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('audit_log').select('id').where('actor_id', '=', id)).as('acted'),
      eb
        .exists(
          eb
            .selectFrom('clients')
            .select('id')
            .where((w) => w.or([w('created_by', '=', id), w('assigned_staff_id', '=', id)])),
        )
        .as('clients'),
      eb
        .exists(
          eb
            .selectFrom('interactions')
            .select('id')
            .where((w) => w.or([w('staff_id', '=', id), w('added_by', '=', id)])),
        )
        .as('interactions'),
      eb
        .exists(
          eb
            .selectFrom('appointments')
            .select('id')
            .where((w) => w.or([w('staff_id', '=', id), w('created_by', '=', id)])),
        )
        .as('appointments'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(refs.acted || refs.clients || refs.interactions || refs.appointments);
}
