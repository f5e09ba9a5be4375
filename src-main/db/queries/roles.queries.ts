import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../connection';
import type { RoleRow, RolesTable } from '../schema';

export type RoleWithCount = RoleRow & { staff_count: number };

export const listRoles = (db: Executor): Promise<RoleWithCount[]> =>
  db
    .selectFrom('roles')
    .leftJoin('staff', (j) => j.onRef('staff.role_id', '=', 'roles.id').on('staff.active', '=', 1))
    .selectAll('roles')
    .select((eb) => eb.fn.count<number>('staff.id').as('staff_count'))
    .groupBy('roles.id')
    .orderBy('roles.built_in', 'desc')
    .orderBy('roles.name')
    .execute();

export const findRole = (db: Executor, id: number): Promise<RoleRow | undefined> =>
  db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();

export const findRoleByName = (db: Executor, name: string): Promise<RoleRow | undefined> =>
  db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();

export const findBuiltInRole = (db: Executor, base: RoleRow['base_role']): Promise<RoleRow> =>
  db.selectFrom('roles').selectAll().where('built_in', '=', 1).where('base_role', '=', base).executeTakeFirstOrThrow();

export const insertRole = (db: Executor, row: Insertable<RolesTable>): Promise<RoleRow> =>
  db.insertInto('roles').values(row).returningAll().executeTakeFirstOrThrow();

export const updateRole = (db: Executor, id: number, patch: Updateable<RolesTable>): Promise<RoleRow> =>
  db.updateTable('roles').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function deleteRole(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

/** Staff, active or not, who hold this role: a role in use cannot be deleted. */
/** Who holds the role now. */
export async function staffIdsWithRole(db: Executor, id: number): Promise<number[]> {
  return (await db.selectFrom('staff').select('id').where('role_id', '=', id).execute()).map((r) => r.id);
}

export async function countStaffWithRole(db: Executor, id: number): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
