// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * An erasure finds the records merged into a client and the imports that copied its fields
 * by client id: without these, each purge scanned a million clients (about a second cold)
 * and every row every import ever updated. Merged records are few, so that index is partial.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX clients_merged_into ON clients (merged_into_id) WHERE merged_into_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX import_rows_client ON import_rows (client_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX import_rows_client`.execute(db);
  await sql`DROP INDEX clients_merged_into`.execute(db);
}
