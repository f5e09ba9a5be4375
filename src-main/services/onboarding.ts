/**
 * Onboarding assignment: every Unassigned client with sales goes to the POS associate with
 * the greatest total spend with them (sum of amounts, refunds negative, not a count of
 * sales); a tie goes to the associate of the most recent sale, then to the lowest POS id.
 * One set-based pass in SQL: a winners table, one UPDATE, one history INSERT.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/connection';

export interface OnboardingResult {
  assigned: { staffId: number; name: string; clients: number }[];
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  /** Clients whose sales net to zero or less: there is no spend to decide by. */
  noSpend: number;
}

export async function runOnboarding(trx: Executor, actorId: number | null, at: string): Promise<OnboardingResult> {
  await sql`DROP TABLE IF EXISTS temp.onboarding_winners`.execute(trx);
  await sql`CREATE TEMP TABLE onboarding_winners AS
    WITH totals AS (
      SELECT i.client_id, i.pos_associate_id AS pos, SUM(i.amount_cents) AS total, MAX(i.occurred_at) AS last_at
      FROM interactions AS i
      JOIN clients AS c ON c.id = i.client_id
      WHERE i.kind = 'sale' AND i.pos_associate_id IS NOT NULL AND c.assigned_staff_id IS NULL AND c.deleted_at IS NULL
      GROUP BY i.client_id, i.pos_associate_id
    ), ranked AS (
      SELECT client_id, pos, total, last_at,
        ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY total DESC, last_at DESC, pos ASC) AS place,
        COUNT(*) OVER (PARTITION BY client_id, total) AS same_total,
        MAX(total) OVER (PARTITION BY client_id) AS best
      FROM totals
    )
    SELECT r.client_id, r.pos, r.total, r.same_total > 1 AS tie, s.id AS staff_id
    FROM ranked AS r
    LEFT JOIN staff AS s ON s.pos_associate_id = r.pos AND s.active = 1
    WHERE r.place = 1`.execute(trx);

  await sql`UPDATE clients SET assigned_staff_id = w.staff_id, updated_at = ${at}, version = version + 1
    FROM onboarding_winners AS w
    WHERE clients.id = w.client_id AND w.staff_id IS NOT NULL AND w.total > 0 AND clients.assigned_staff_id IS NULL`.execute(trx);
  await sql`INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
    SELECT client_id, NULL, staff_id, 'onboarding',
      json_object('posAssociateId', pos, 'totalCents', total, 'tie', CASE WHEN tie THEN json('true') ELSE json('false') END),
      ${actorId}, ${at}
    FROM onboarding_winners WHERE staff_id IS NOT NULL AND total > 0`.execute(trx);

  const assigned = await sql<{ staffId: number; name: string; clients: number }>`
    SELECT w.staff_id AS staffId, s.name AS name, COUNT(*) AS clients FROM onboarding_winners AS w JOIN staff AS s ON s.id = w.staff_id
    WHERE w.total > 0 GROUP BY w.staff_id ORDER BY clients DESC, s.name`.execute(trx);
  const unmapped = await sql<{ posAssociateId: string; clients: number }>`
    SELECT pos AS posAssociateId, COUNT(*) AS clients FROM onboarding_winners WHERE staff_id IS NULL AND total > 0
    GROUP BY pos ORDER BY clients DESC, pos`.execute(trx);
  const counts = await sql<{ ties: number; noSpend: number }>`
    SELECT COALESCE(SUM(tie AND total > 0), 0) AS ties, COALESCE(SUM(total <= 0), 0) AS noSpend FROM onboarding_winners`.execute(trx);
  await sql`DROP TABLE temp.onboarding_winners`.execute(trx);
  return { assigned: assigned.rows, unmapped: unmapped.rows, ties: Number(counts.rows[0]?.ties ?? 0), noSpend: Number(counts.rows[0]?.noSpend ?? 0) };
}
