/** Per-person list settings, kept with the person (not the PC) so they follow a login. */
import type { ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import type { Actor } from '../domain/permissions';

export function createPrefsService(db: Db) {
  return {
    async get(actor: Actor): Promise<{ clientColumns: string[] | null }> {
      const row = await db.selectFrom('staff_preferences').select('value').where('staff_id', '=', actor.id).where('key', '=', 'clientColumns').executeTakeFirst();
      const value = row ? (JSON.parse(row.value) as unknown) : null;
      return { clientColumns: Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null };
    },
    async set(actor: Actor, input: ParsedInput<'prefs-set'>): Promise<null> {
      const value = JSON.stringify(input.clientColumns);
      await db
        .insertInto('staff_preferences')
        .values({ staff_id: actor.id, key: 'clientColumns', value })
        .onConflict((oc) => oc.columns(['staff_id', 'key']).doUpdateSet({ value }))
        .execute();
      return null;
    },
  };
}
