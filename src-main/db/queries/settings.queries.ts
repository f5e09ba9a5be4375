import type { Executor } from '../connection';
import type { ShopSettingsRow, ShopSettingsTable } from '../schema';
import type { Updateable } from 'kysely';

export const getSettings = (db: Executor): Promise<ShopSettingsRow | undefined> =>
  db.selectFrom('shop_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export async function insertSettings(db: Executor, shopName: string, defaultCountry: string, at: string): Promise<void> {
  await db
    .insertInto('shop_settings')
    .values({ id: 1, shop_name: shopName, default_country: defaultCountry, default_assignee_id: null, updated_at: at })
    .execute();
}

export async function updateSettings(db: Executor, patch: Updateable<ShopSettingsTable>): Promise<ShopSettingsRow> {
  return db.updateTable('shop_settings').set(patch).where('id', '=', 1).returningAll().executeTakeFirstOrThrow();
}
