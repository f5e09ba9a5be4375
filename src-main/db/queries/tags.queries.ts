import type { Executor } from '../connection';
import { sqliteLower } from '../../domain/fold';

/** Replaces a client's tags with these names, creating tags that do not exist yet (names compare case-insensitively). */
export async function setClientTags(db: Executor, clientId: number, names: string[], at: string): Promise<void> {
  const unique = [...new Map(names.map((n) => [sqliteLower(n), n])).values()];
  const ids: number[] = [];
  for (const name of unique) {
    await db.insertInto('tags').values({ name, created_at: at }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const tag = await db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    ids.push(tag.id);
  }
  await db.deleteFrom('client_tags').where('client_id', '=', clientId).execute();
  if (ids.length) await db.insertInto('client_tags').values(ids.map((tag_id) => ({ client_id: clientId, tag_id }))).execute();
}
