/**
 * What a merge moves besides interactions, tags and relationships: every other table keyed
 * by a client id. Checked against every table referencing clients (0001-0022b):
 * - assignment_history, outbox (client and recipient), clients.merged_into_id, appointments
 *   (0022; a completed one's visit moves with the interactions): moved here;
 * - messages (0021, the client's emails, sent or waiting): moved here, so the survivor's
 *   profile lists them; their ids are returned for the merge's audit row;
 * - import_rows stays with the merged record on purpose: its `before` holds that record's
 *   own fields for an import's undo, which sees the record changed and keeps it as it is;
 * - audit_log rows stay about the record they describe; the access-request export reads
 *   them through the survivor's merged records.
 */
import { sql } from 'kysely';
import type { Executor } from '../connection';

/** Returns the ids of the merged record's emails, now the survivor's. */
export async function moveHeldRecords(db: Executor, mergedId: number, survivorId: number, at: string): Promise<number[]> {
  await db.updateTable('assignment_history').set({ client_id: survivorId }).where('client_id', '=', mergedId).execute();
  await db.updateTable('appointments').set({ client_id: survivorId }).where('client_id', '=', mergedId).execute();
  // Each email keeps its idempotency key: one already sent is not sent again, one waiting goes out once.
  const messages = await db.updateTable('messages').set({ client_id: survivorId }).where('client_id', '=', mergedId).returning('id').execute();
  // One message per rule, client, recipient and year: where the survivor already has it,
  // the merged record's copy stays behind, skipped, so nobody is messaged twice.
  await sql`UPDATE OR IGNORE outbox SET client_id = ${survivorId} WHERE client_id = ${mergedId}`.execute(db);
  await sql`UPDATE OR IGNORE outbox SET recipient_id = ${survivorId} WHERE recipient_id = ${mergedId}`.execute(db);
  await db
    .updateTable('outbox')
    .set({ status: 'skipped', skip_reason: `Merged into client #${survivorId}, who already has this message`, snoozed_until: null, updated_at: at })
    .where((eb) => eb.or([eb('client_id', '=', mergedId), eb('recipient_id', '=', mergedId)]))
    .where('status', 'in', ['due', 'snoozed'])
    .execute();
  // Records merged into this one before now belong to the survivor, so a chain resolves in one step.
  await db.updateTable('clients').set({ merged_into_id: survivorId }).where('merged_into_id', '=', mergedId).execute();
  return messages.map((m) => m.id).sort((a, b) => a - b);
}
