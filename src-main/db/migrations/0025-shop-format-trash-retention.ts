// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Two shop settings.
 *
 * `format_locale`: how dates and numbers read on every screen, as a BCP 47 tag ('en-GB',
 * 'de-DE'); NULL reads them the way the shop's country does.
 *
 * `trash_retention_days`: clients in the Trash longer than this many days are erased by the
 * daily run; NULL (the default) keeps them until someone erases them by hand.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE shop_settings ADD COLUMN format_locale TEXT CHECK (format_locale IS NULL OR length(format_locale) BETWEEN 2 AND 35)`,
  `ALTER TABLE shop_settings ADD COLUMN trash_retention_days INTEGER CHECK (trash_retention_days IS NULL OR trash_retention_days BETWEEN 1 AND 3650)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE shop_settings DROP COLUMN trash_retention_days`.execute(db);
  await sql`ALTER TABLE shop_settings DROP COLUMN format_locale`.execute(db);
}
