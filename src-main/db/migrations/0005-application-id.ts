// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Stamps the file header with Clientele's application id ('CLNT' = 0x434c4e54), so a
 * restore (and `file(1)`) can tell a Clientele book from any other SQLite file before
 * reading a single table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('PRAGMA application_id = 1129074260').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('PRAGMA application_id = 0').execute(db);
}
