/** The services that can be booked (0022): a list the Admin keeps. */
import type { Executor } from '../connection';
import type { ServicesTable } from '../schema';
import type { Updateable } from 'kysely';

export const listServices = (db: Executor, includeInactive: boolean) => {
  const q = db.selectFrom('services').selectAll().orderBy('name');
  return (includeInactive ? q : q.where('active', '=', 1)).execute();
};

export const findService = (db: Executor, id: number) => db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();

export const findServiceByName = (db: Executor, name: string) =>
  db.selectFrom('services').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();

export async function insertService(db: Executor, name: string, minutes: number, at: string) {
  return db.insertInto('services').values({ name, default_duration_minutes: minutes, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
}

export async function updateService(db: Executor, id: number, patch: Updateable<ServicesTable>) {
  return db.updateTable('services').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
