// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/**
 * Several POS ids per staff member: an associate keeps an old id, or has one per till or
 * store. Each POS id maps to at most one staff member (its primary key), a staff member holds
 * any number. The single `staff.pos_associate_id` is copied here and emptied: nothing reads
 * it any more (SQLite cannot drop a UNIQUE column without rebuilding `staff`, which every
 * table refers to).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE staff_pos_ids (
    pos_associate_id TEXT PRIMARY KEY CHECK (length(pos_associate_id) BETWEEN 1 AND 40),
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX staff_pos_ids_staff ON staff_pos_ids (staff_id)`.execute(db);
  await sql`INSERT INTO staff_pos_ids (pos_associate_id, staff_id, created_at)
    SELECT pos_associate_id, id, updated_at FROM staff WHERE pos_associate_id IS NOT NULL AND pos_associate_id <> ''`.execute(db);
  await sql`UPDATE staff SET pos_associate_id = NULL WHERE pos_associate_id IS NOT NULL`.execute(db);
}

/** Back to one id each: a staff member's earliest mapped id returns to the staff row; the others are lost. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`UPDATE staff SET pos_associate_id = (
    SELECT p.pos_associate_id FROM staff_pos_ids AS p WHERE p.staff_id = staff.id ORDER BY p.created_at, p.pos_associate_id LIMIT 1)`.execute(db);
  await sql`DROP TABLE staff_pos_ids`.execute(db);
}
