/**
 * Where a staff member works today. Someone with one location works there; someone with
 * several picks one for the day (kept with the person until the day ends, so a new login
 * or the idle lock does not lose it), and until they do works at the first of theirs.
 * Someone with no location of their own works at the shop's default location and may pick
 * any. Clients they create get it as their home, and what they record happens there.
 */
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { allLocations, defaultLocation, staffLocations } from '../db/queries/locations.queries';
import { localDate } from '../domain/calendar';
import type { Actor } from '../domain/permissions';
import { invalidField } from './errors';

export interface Workplace {
  /** Null only in a book without locations (never, once set up). */
  current: { id: number; name: string } | null;
  /** The locations this person may work at: their own, or every location when they have none. */
  choices: { id: number; name: string }[];
}

const KEY = 'workingLocation';

export function createWorkplaceService(db: Db, now: () => Date, timeZone: () => string) {
  const today = () => localDate(now(), timeZone());

  async function choicesOf(trx: Executor, staffId: number) {
    const own = await staffLocations(trx, staffId);
    return { own, choices: own.length ? own : await allLocations(trx) };
  }

  async function of(trx: Executor, actor: Pick<Actor, 'id'>): Promise<Workplace> {
    const { own, choices } = await choicesOf(trx, actor.id);
    const row = await trx.selectFrom('staff_preferences').select('value').where('staff_id', '=', actor.id).where('key', '=', KEY).executeTakeFirst();
    const picked = row ? (JSON.parse(row.value) as { locationId?: unknown; day?: unknown }) : null;
    const chosen = picked?.day === today() ? choices.find((l) => l.id === picked.locationId) : undefined;
    const current = chosen ?? own[0] ?? (await defaultLocation(trx)) ?? null;
    return { current: current ? { id: current.id, name: current.name } : null, choices };
  }

  return {
    of: (actor: Pick<Actor, 'id'>, trx: Executor = db) => of(trx, actor),

    /** Works at this location for the rest of today. */
    async choose(actor: Actor, locationId: number): Promise<Workplace> {
      return db.transaction().execute(async (trx) => {
        const before = await of(trx, actor);
        if (!before.choices.some((l) => l.id === locationId)) throw invalidField('locationId', 'You do not work at that location');
        const value = JSON.stringify({ locationId, day: today() });
        await trx
          .insertInto('staff_preferences')
          .values({ staff_id: actor.id, key: KEY, value })
          .onConflict((oc) => oc.columns(['staff_id', 'key']).doUpdateSet({ value }))
          .execute();
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'staff.working-location',
          entity: 'staff',
          entityId: actor.id,
          before: { locationId: before.current?.id ?? null },
          after: { locationId, day: today() },
          at: now().toISOString(),
        });
        return of(trx, actor);
      });
    },

    /** The location an interaction is recorded at: the one asked for, if this person may work there, else where they work today. */
    async forRecording(trx: Executor, actor: Actor, asked: number | undefined): Promise<number | null> {
      const place = await of(trx, actor);
      if (asked === undefined) return place.current?.id ?? null;
      if (!place.choices.some((l) => l.id === asked)) throw invalidField('locationId', 'You do not work at that location');
      return asked;
    },
  };
}
export type WorkplaceService = ReturnType<typeof createWorkplaceService>;
