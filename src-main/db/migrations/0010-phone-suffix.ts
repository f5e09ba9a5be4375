// Frozen: never edit a migration that has shipped; add a new one.
/**
 * A cheaper phone-suffix key. 0003's `phone_rev` reversed the typed phone's digits with forty
 * CASE … GLOB expressions a row, evaluated on every insert, every index rebuild and every
 * `SELECT *`: about ten seconds of CPU per million clients in an import. Most phones also
 * have an E.164 form (`+` and at most fifteen digits), whose reversal is fifteen plain
 * `substr` calls, so the key reads it when there is one and falls back to the typed digits
 * only for a phone libphonenumber could not read. The suffix a person types ("1234") finds
 * the same phones as before, and a number typed in full with its country code now finds
 * its client too.
 */
import { sql, type Kysely } from 'kysely';

/** E.164 is `+` and at most 15 digits (ITU-T E.164). */
const E164_DIGITS = 15;
/** The longest phone the schema accepts (clients.phone CHECK), as 0003 used. */
const PHONE_MAX = 40;

const reversedE164 = Array.from({ length: E164_DIGITS }, (_, i) => `substr(phone_e164, ${E164_DIGITS + 1 - i}, 1)`).join(' || ');

const reversedTypedDigits = Array.from(
  { length: PHONE_MAX },
  (_, i) => `CASE WHEN substr(phone, ${PHONE_MAX - i}, 1) GLOB '[0-9]' THEN substr(phone, ${PHONE_MAX - i}, 1) ELSE '' END`,
).join(' || ');

const phoneSuffixKey = `CASE
  WHEN phone_e164 IS NOT NULL THEN nullif(${reversedE164}, '')
  WHEN phone IS NOT NULL THEN nullif(${reversedTypedDigits}, '')
END`;

export async function up(db: Kysely<any>): Promise<void> {
  // A VIRTUAL column holds nothing on disk: dropping and re-adding it rewrites no row; only
  // the index is built again, evaluating the new expression once a client.
  await sql.raw('DROP INDEX clients_phone_rev').execute(db);
  await sql.raw('ALTER TABLE clients DROP COLUMN phone_rev').execute(db);
  await sql.raw(`ALTER TABLE clients ADD COLUMN phone_rev TEXT GENERATED ALWAYS AS (${phoneSuffixKey}) VIRTUAL`).execute(db);
  await sql.raw('CREATE INDEX clients_phone_rev ON clients (phone_rev) WHERE phone_rev IS NOT NULL').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP INDEX clients_phone_rev').execute(db);
  await sql.raw('ALTER TABLE clients DROP COLUMN phone_rev').execute(db);
  await sql.raw(`ALTER TABLE clients ADD COLUMN phone_rev TEXT GENERATED ALWAYS AS (nullif(${reversedTypedDigits}, '')) VIRTUAL`).execute(db);
  await sql.raw('CREATE INDEX clients_phone_rev ON clients (phone_rev) WHERE phone_rev IS NOT NULL').execute(db);
}
