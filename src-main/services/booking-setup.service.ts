/**
 * What the appointment book is set up with: the services that can be booked (a list the
 * Admin keeps, each with its default length) and each location's opening hours.
 */
import type { LocationHours, ParsedInput, Service } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { hoursOf, setHours } from '../db/queries/appointments.queries';
import { insertAudit } from '../db/queries/audit.queries';
import { findService, findServiceByName, insertService, listServices, updateService } from '../db/queries/booking-services.queries';
import { findLocationById } from '../db/queries/locations.queries';
import type { ServiceRow } from '../db/schema';
import type { Actor } from '../domain/permissions';
import { duplicate, notFound } from './errors';

const toService = (r: ServiceRow): Service => ({ id: r.id, name: r.name, defaultDurationMinutes: r.default_duration_minutes, active: r.active === 1 });

export function createBookingSetupService(db: Db, now: () => Date) {
  const taken = (name: string) => duplicate(`There is already a service named “${name}”.`, { issues: [{ field: 'name', message: 'Already taken' }] });

  return {
    async listServices(input: ParsedInput<'service-list'>): Promise<Service[]> {
      return (await listServices(db, input.includeInactive)).map(toService);
    },

    async createService(actor: Actor, input: ParsedInput<'service-create'>): Promise<Service> {
      return db.transaction().execute(async (trx) => {
        if (await findServiceByName(trx, input.name)) throw taken(input.name);
        const at = now().toISOString();
        const row = await insertService(trx, input.name, input.defaultDurationMinutes, at);
        await insertAudit(trx, { actorId: actor.id, action: 'service.create', entity: 'service', entityId: row.id, after: toService(row), at });
        return toService(row);
      });
    },

    async updateService(actor: Actor, input: ParsedInput<'service-update'>): Promise<Service> {
      return db.transaction().execute(async (trx) => {
        const before = await findService(trx, input.id);
        if (!before) throw notFound('That service');
        if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase()) {
          const other = await findServiceByName(trx, input.name);
          if (other && other.id !== input.id) throw taken(input.name);
        }
        const at = now().toISOString();
        const row = await updateService(trx, input.id, {
          name: input.name,
          default_duration_minutes: input.defaultDurationMinutes,
          active: input.active === undefined ? undefined : input.active ? 1 : 0,
          updated_at: at,
        });
        await insertAudit(trx, { actorId: actor.id, action: 'service.update', entity: 'service', entityId: row.id, before: toService(before), after: toService(row), at });
        return toService(row);
      });
    },

    async hours(locationId: number): Promise<LocationHours> {
      if (!(await findLocationById(db, locationId))) throw notFound('That location');
      return { locationId, days: await hoursOf(db, locationId) };
    },

    async setHours(actor: Actor, input: ParsedInput<'location-hours-set'>): Promise<LocationHours> {
      return db.transaction().execute(async (trx) => {
        if (!(await findLocationById(trx, input.locationId))) throw notFound('That location');
        const before = await hoursOf(trx, input.locationId);
        const days = [...input.days].sort((a, b) => a.weekday - b.weekday);
        await setHours(trx, input.locationId, days);
        const at = now().toISOString();
        await insertAudit(trx, { actorId: actor.id, action: 'location.hours', entity: 'location', entityId: input.locationId, before: { days: before }, after: { days }, at });
        return { locationId: input.locationId, days: await hoursOf(trx, input.locationId) };
      });
    },
  };
}
export type BookingSetupService = ReturnType<typeof createBookingSetupService>;
