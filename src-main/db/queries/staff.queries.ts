import type { Executor } from '../connection';
import type { NewStaff, Staff, StaffUpdate } from '../schema';

export const findStaffById = (db: Executor, id: number): Promise<Staff | undefined> =>
  db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();

export const findStaffByUsername = (db: Executor, username: string): Promise<Staff | undefined> =>
  db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();

export const findStaffByPosId = (db: Executor, posId: string): Promise<Staff | undefined> =>
  db.selectFrom('staff').selectAll().where('pos_associate_id', '=', posId).executeTakeFirst();

export const listStaff = (db: Executor): Promise<Staff[]> =>
  db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('name').orderBy('id').execute();

export const listActiveLoginNames = (db: Executor) =>
  db.selectFrom('staff').select(['username', 'name']).where('active', '=', 1).orderBy('name').execute();

export async function countStaff(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
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
    ])
    .executeTakeFirstOrThrow();
  return Boolean(refs.acted || refs.clients || refs.interactions);
}
