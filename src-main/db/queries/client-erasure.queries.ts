/**
 * Where a person's data can remain once their client row is emptied, checked against every
 * table (0001-0008): the records merged into them (each holds the person's own old fields),
 * notes, tags, relationships, messages, audit payloads, appointments' notes and reasons (0022), an import's `before` copy of the
 * fields it overwrote, and a sales import's problem rows and report sample, which name an
 * unmatched sale by the email, phone or id in the file. Kept on purpose: interactions'
 * amounts and dates (reports still add up), assignment history (staff ids, a reason, a
 * batch or sale amount: nothing about the person) and the scope membership rows of 0008
 * (client_staff, client_locations: ids only, kept exact by triggers).
 */
import { sql } from 'kysely';
import { ERASED_COLUMNS } from '../../domain/client-fields';
import type { Executor } from '../connection';
import type { ClientUpdate } from '../schema';
import { redactClientAudit } from './client-trash.queries';

/** What an erased client row keeps: its id, its staff, its dates and derived totals. */
/** Every personal column emptied, as the client-field catalogue declares them. */
export const erasedFields = (at: string): ClientUpdate => ({ ...(ERASED_COLUMNS as ClientUpdate), purged_at: at, updated_at: at });

/** An import's copy of an erased client's overwritten fields, as undo finds it. */
export const ERASED_BEFORE = '{"erased":true}';

export interface ErasedIdentity {
  email: string | null;
  external_id: string | null;
  phone: string | null;
  phone_e164: string | null;
}

/**
 * The records merged into this client: a merge points every earlier one at the final
 * survivor (client-merge.queries), so one level finds them all.
 */
export async function mergedInto(db: Executor, id: number): Promise<(ErasedIdentity & { id: number; version: number })[]> {
  return db
    .selectFrom('clients')
    .select(['id', 'version', 'email', 'external_id', 'phone', 'phone_e164'])
    .where('merged_into_id', '=', id)
    .where('purged_at', 'is', null)
    .execute();
}

/** Everything held about these clients outside their own rows, cleared. */
export async function eraseHeldData(db: Executor, ids: number[], identities: ErasedIdentity[]): Promise<void> {
  await db.updateTable('interactions').set({ body: null }).where('client_id', 'in', ids).where('body', 'is not', null).execute();
  // Appointments keep their times, staff and status (the book and reports still add up); what was written about the person goes, in them and in their audit rows.
  await db
    .updateTable('audit_log')
    .set({ before: sql`CASE WHEN before IS NULL THEN NULL ELSE '{"erased":true}' END`, after: sql`CASE WHEN after IS NULL THEN NULL ELSE '{"erased":true}' END` })
    .where('entity', '=', 'appointment')
    .where('entity_id', 'in', db.selectFrom('appointments').select('id').where('client_id', 'in', ids))
    .execute();
  await db.updateTable('appointments').set({ notes: null, cancel_reason: null, override_reason: null }).where('client_id', 'in', ids).execute();
  await db.deleteFrom('client_tags').where('client_id', 'in', ids).execute();
  await db.deleteFrom('relationships').where((eb) => eb.or([eb('from_client_id', 'in', ids), eb('to_client_id', 'in', ids)])).execute();
  // Messages rendered for (or about) the person carry their name and details.
  await db.deleteFrom('messages').where('client_id', 'in', ids).execute();
  await db.deleteFrom('outbox').where((eb) => eb.or([eb('client_id', 'in', ids), eb('recipient_id', 'in', ids)])).execute();
  // Undo reads the marker and says the client was erased, instead of restoring it.
  await db.updateTable('import_rows').set({ before: ERASED_BEFORE }).where('client_id', 'in', ids).execute();
  for (const id of ids) await redactClientAudit(db, id);
  await eraseSalesProblems(db, identities);
}

async function eraseSalesProblems(db: Executor, identities: ErasedIdentity[]): Promise<void> {
  const keys = [...new Set(identities.flatMap((r) => [r.email, r.email?.toLowerCase(), r.external_id, r.phone, r.phone_e164]).filter((k): k is string => !!k))];
  if (!keys.length) return;
  await db.deleteFrom('sales_import_problems').where('match_key', 'in', keys).execute();
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  const reports = await db
    .selectFrom('sales_imports')
    .select(['id', 'report'])
    .where((eb) => eb.or([...lower].map((k) => eb(sql`instr(lower(report), ${JSON.stringify(k).slice(1, -1)})`, '>', 0))))
    .execute();
  for (const r of reports) {
    const report = JSON.parse(r.report) as { problemSample?: { matchKey: string | null; reason: string }[] };
    const sample = (report.problemSample ?? []).filter(
      (p) => !(p.matchKey && lower.has(p.matchKey.toLowerCase())) && ![...lower].some((k) => p.reason.toLowerCase().includes(k)),
    );
    await db.updateTable('sales_imports').set({ report: JSON.stringify({ ...report, problemSample: sample }) }).where('id', '=', r.id).execute();
  }
}
