import type { Db } from '../db/connection';
import { findStaffById } from '../db/queries/staff.queries';
import type { Actor } from '../domain/permissions';
import { clientScope, DEFAULT_VISIBILITY } from '../domain/visibility';

/**
 * Builds the acting staff member, with their client scope, from the database: called on
 * every call so a role change, a location change or a deactivation applies at once.
 */
export function createActorLoader(db: Db) {
  return async function loadActor(staffId: number): Promise<Actor | null> {
    const staff = await findStaffById(db, staffId);
    if (!staff || staff.active !== 1) return null;
    const locations = await db.selectFrom('staff_locations').select('location_id').where('staff_id', '=', staffId).execute();
    return {
      id: staff.id,
      name: staff.name,
      role: staff.role,
      scope: clientScope({
        staffId: staff.id,
        visibility: DEFAULT_VISIBILITY[staff.role],
        locationIds: locations.map((l) => l.location_id),
        allClientsVisible: false,
      }),
    };
  };
}
export type ActorLoader = ReturnType<typeof createActorLoader>;
