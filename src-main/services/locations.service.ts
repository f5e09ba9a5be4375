import type { LocationSummary } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findLocationByName, insertLocation, listLocations } from '../db/queries/locations.queries';
import type { Actor } from '../domain/permissions';
import { duplicate } from './errors';

const toSummary = (r: { id: number; name: string; is_default: number }): LocationSummary => ({ id: r.id, name: r.name, isDefault: r.is_default === 1 });

export function createLocationsService(db: Db, now: () => Date) {
  return {
    list: async (): Promise<LocationSummary[]> => (await listLocations(db)).map(toSummary),

    async create(actor: Actor, name: string): Promise<LocationSummary> {
      return db.transaction().execute(async (trx) => {
        const holder = await findLocationByName(trx, name);
        if (holder) {
          throw duplicate(`There is already a location named ${holder.name}.`, { issues: [{ field: 'name', message: 'This name is taken' }] });
        }
        const at = now().toISOString();
        const row = await insertLocation(trx, name, at);
        await insertAudit(trx, { actorId: actor.id, action: 'location.create', entity: 'location', entityId: row.id, after: { name }, at });
        return toSummary(row);
      });
    },
  };
}
