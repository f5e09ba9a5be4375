import type { Executor } from '../connection';

export const listLocations = (db: Executor) =>
  db.selectFrom('locations').select(['id', 'name', 'is_default']).orderBy('is_default', 'desc').orderBy('name').execute();

export const findLocationByName = (db: Executor, name: string) =>
  db.selectFrom('locations').select(['id', 'name']).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();

export async function insertLocation(db: Executor, name: string, at: string) {
  return db.insertInto('locations').values({ name, is_default: 0, created_at: at }).returning(['id', 'name', 'is_default']).executeTakeFirstOrThrow();
}

/** Ids among `ids` that name no location. */
export async function unknownLocationIds(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const found = await db.selectFrom('locations').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export const staffLocationIds = async (db: Executor, staffId: number): Promise<number[]> =>
  (await db.selectFrom('staff_locations').select('location_id').where('staff_id', '=', staffId).orderBy('location_id').execute()).map((r) => r.location_id);

export async function setStaffLocations(db: Executor, staffId: number, ids: readonly number[]): Promise<void> {
  await db.deleteFrom('staff_locations').where('staff_id', '=', staffId).execute();
  if (ids.length) await db.insertInto('staff_locations').values(ids.map((location_id) => ({ staff_id: staffId, location_id }))).execute();
}

export const defaultLocation = (db: Executor) => db.selectFrom('locations').select(['id', 'name']).where('is_default', '=', 1).executeTakeFirst();

export const findLocationById = (db: Executor, id: number) => db.selectFrom('locations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

/** A staff member's locations with their names, in id order. */
export const staffLocations = (db: Executor, staffId: number) =>
  db
    .selectFrom('staff_locations')
    .innerJoin('locations', 'locations.id', 'staff_locations.location_id')
    .select(['locations.id', 'locations.name'])
    .where('staff_locations.staff_id', '=', staffId)
    .orderBy('locations.id')
    .execute();

/** Every location, in id order. */
export const allLocations = (db: Executor) => db.selectFrom('locations').select(['id', 'name']).orderBy('id').execute();
