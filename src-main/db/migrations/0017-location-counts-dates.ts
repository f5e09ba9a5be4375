// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The location counts index (0014) also carries the birthday and anniversary, so "birthday
 * this month" and "anniversary this month" are counted from its entries too, and
 * `deleted_at`, so SQLite sees the index as covering (its partial condition alone did not
 * count). Counted row by row, a Manager's "birthday this month" took 85-100 ms at a million
 * clients, and 530 ms through the old index; from the new one, 58 ms.
 */
import { sql, type Kysely } from 'kysely';

const COLUMNS_0014 = 'location_mask, first_visit_at, created_at, last_purchase_at, consent_email, consent_sms, assigned_staff_id';

const rebuild = (columns: string) => [
  `DROP INDEX clients_live_location_counts`,
  `CREATE INDEX clients_live_location_counts ON clients (${columns}) WHERE deleted_at IS NULL AND location_mask != 0`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of rebuild(`${COLUMNS_0014}, birthday, anniversary, deleted_at`)) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of rebuild(COLUMNS_0014)) await sql.raw(statement).execute(db);
}
