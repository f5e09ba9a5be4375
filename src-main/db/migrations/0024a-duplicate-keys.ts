// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Keys for the duplicates staff recognise: the same name with the same phone (its digits, so
 * a phone libphonenumber could not read counts too) and the same name with the same email
 * local part ("emma.t@work" and "emma.t@home"). Each is one index over live clients, so the
 * Duplicates page's self-join and the warning while adding a client are index probes, not a
 * scan of the book per client. (0003's clients_dup_name serves the same name and birthday.)
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE INDEX clients_dup_name_phone ON clients (lower(first_name), lower(last_name), phone_rev)
     WHERE deleted_at IS NULL AND phone_rev IS NOT NULL`,
  `CREATE INDEX clients_dup_name_email ON clients (lower(first_name), lower(last_name), substr(email_key, 1, instr(email_key, '@') - 1))
     WHERE deleted_at IS NULL AND email_key IS NOT NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX clients_dup_name_email').execute(db);
  await sql.raw('DROP INDEX clients_dup_name_phone').execute(db);
}
