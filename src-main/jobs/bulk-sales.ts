/**
 * Sales in bulk. Three triggers on `interactions` keep each client's facts up to date one
 * insert at a time: visit dates and spend (0003), the "seen" flag (0009), and the staff
 * member's and location's membership pairs the visibility scopes probe (0008, 0016, 0020:
 * a location pair is flagged while its client is Unassigned). Each is an
 * UPDATE of the client's row, whose indexes then move: 57 µs of a sales line's 64 on a
 * million-client book. A sales import drops them inside its transaction and, once its rows
 * are in, brings the same facts up to date once per client from the new rows, set-based,
 * then puts the triggers back, all before COMMIT: no other connection ever sees the book
 * without them, and a cancel, a crash or a dry run (all roll back) restore them as they were.
 *
 * The final state is the same as the triggers': min, max and sum do not depend on the order
 * the rows came in, and the pairs are inserted once however many sales name them. Only the
 * triggers this code reproduces are deferred: if a later migration changes one, its text no
 * longer matches and the import keeps them per row (a test pins the text).
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

const TRIGGERS = ['interactions_membership_ai', 'interactions_seen_ai', 'interactions_visit_ai'];
/** sha256 of the three triggers' SQL in that order, as migrations 0003, 0009 and 0020 leave them. */
export const KNOWN_TRIGGERS_SHA256 = 'c7525a97f002112107bc20e515858d9cc77c8cc187552eab4280e90d14d59be8';

const triggerTexts = (sqlite: BetterSqlite3.Database): string[] =>
  TRIGGERS.map((name) => (sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined) ?? '');

const digest = (texts: string[]) => createHash('sha256').update(texts.join('\n')).digest('hex');

export const triggersDigest = (sqlite: BetterSqlite3.Database): string => digest(triggerTexts(sqlite));

/** Drops the triggers if they are the ones reproduced here; `apply` brings the new rows' clients up to date and puts them back. */
export function deferSaleTriggers(sqlite: BetterSqlite3.Database): { apply(): void } {
  const saved = triggerTexts(sqlite);
  if (digest(saved) !== KNOWN_TRIGGERS_SHA256) return { apply: () => undefined };
  const after = sqlite.prepare('SELECT coalesce(max(id), 0) FROM interactions').pluck().get() as number;
  for (const name of TRIGGERS) sqlite.exec(`DROP TRIGGER ${name}`);
  return {
    apply() {
      // interactions_visit_ai: first and last visit, last purchase, spend.
      sqlite
        .prepare(
          `UPDATE clients SET
             first_visit_at = CASE WHEN first_visit_at = '' OR n.first < first_visit_at THEN n.first ELSE first_visit_at END,
             last_visit_at = CASE WHEN n.last > last_visit_at THEN n.last ELSE last_visit_at END,
             last_purchase_at = CASE WHEN n.last_sale > last_purchase_at THEN n.last_sale ELSE last_purchase_at END,
             total_spend_cents = total_spend_cents + n.spend
           FROM (
             SELECT client_id, min(occurred_at) AS first, max(occurred_at) AS last,
                    max(CASE WHEN kind = 'sale' THEN occurred_at END) AS last_sale,
                    sum(CASE WHEN kind = 'sale' THEN coalesce(amount_cents, 0) ELSE 0 END) AS spend
             FROM interactions WHERE id > ? AND kind IN ('sale', 'booking') GROUP BY client_id
           ) AS n
           WHERE clients.id = n.client_id`,
        )
        .run(after);
      // interactions_seen_ai.
      sqlite
        .prepare('UPDATE clients SET has_interactions = 1 WHERE has_interactions = 0 AND id IN (SELECT client_id FROM interactions WHERE id > ?)')
        .run(after);
      // interactions_membership_ai: the staff member's and the location's pairs.
      sqlite
        .prepare(
          `INSERT INTO client_staff (staff_id, client_id, worked)
             SELECT DISTINCT staff_id, client_id, 1 FROM interactions WHERE id > ? AND staff_id IS NOT NULL
           ON CONFLICT (staff_id, client_id) DO UPDATE SET worked = 1 WHERE worked = 0`,
        )
        .run(after);
      sqlite
        .prepare(
          `INSERT INTO client_locations (location_id, client_id, is_unassigned)
             SELECT n.location_id, n.client_id, clients.assigned_staff_id IS NULL
             FROM (SELECT DISTINCT location_id, client_id FROM interactions WHERE id > ? AND location_id IS NOT NULL) AS n
             JOIN clients ON clients.id = n.client_id
           ON CONFLICT (location_id, client_id) DO NOTHING`,
        )
        .run(after);
      for (const sql of saved) sqlite.exec(sql);
    },
  };
}
