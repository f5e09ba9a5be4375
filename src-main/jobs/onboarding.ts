/**
 * Onboarding assignment: every Unassigned client with sales goes to the POS associate with
 * the greatest total spend with them (sum of amounts, refunds negative, not a count of
 * sales); a tie goes to the associate of the most recent sale, then to the lowest POS id.
 * A winner whose POS id maps to no active staff member leaves the client Unassigned and is
 * reported; so are clients whose sales net to zero or less.
 *
 * Set-based, in slices of client ids (WINNERS below says how SQL picks the winner): the
 * winners land in a temporary table, then one UPDATE and one INSERT per slice write the
 * assignments and their history rows. Between slices the job reports progress and may be
 * cancelled. The caller holds the transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface OnboardingResult {
  assigned: { staffId: number; name: string; clients: number }[];
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  /** Clients whose sales net to zero or less: there is no spend to decide by. */
  noSpend: number;
}

export interface OnboardingHooks {
  progress?(done: number, total: number): void;
  /** Awaited between slices: yields to the thread's messages and throws if cancelled. */
  checkpoint?(): Promise<void>;
}

/** Client ids per slice: large enough that per-statement costs vanish, small enough for prompt progress and cancel. */
const SLICE = 100_000;

/**
 * Each client's winner, as SQL with no sort and no row in JavaScript: the covering index
 * streams the sales in (client, POS id) order; the inner GROUP BY sums each POS id (its
 * ORDER BY tells SQLite the order the outer GROUP BY needs). The rules become one ordered
 * key per (client, POS id) group whose MIN is the winner: the total, descending, as
 * (5e15 - total) in 16 digits; the last sale's instant, descending, as (5e13 - epoch ms) in
 * 14 digits; then the POS id, ascending. A tie (another POS id with the same total) shows
 * as different lowest and highest POS ids among the groups with the greatest total.
 */
const WINNERS = `
  SELECT g.client_id,
    MIN((5000000000000000 - g.total) || (50000000000000 - coalesce(CAST(unixepoch(g.last_at, 'subsec') * 1000 AS INTEGER), 0)) || g.pos) AS k,
    MIN((5000000000000000 - g.total) || g.pos) AS lo,
    MAX((5000000000000000 + g.total) || g.pos) AS hi
  FROM (
    SELECT client_id, pos_associate_id AS pos, SUM(amount_cents) AS total, MAX(occurred_at) AS last_at
    FROM interactions INDEXED BY interactions_sales
    WHERE kind = 'sale' AND pos_associate_id IS NOT NULL AND client_id BETWEEN :lo AND :hi
    GROUP BY client_id, pos_associate_id
    ORDER BY client_id, pos_associate_id
  ) AS g
  GROUP BY g.client_id`;

/**
 * `scoped`: only the clients listed in temp.onboarding_scope are assigned (the person running
 * it sees only those); the caller fills that table from the person's scope.
 */
export async function runOnboarding(
  sqlite: BetterSqlite3.Database,
  actorId: number | null,
  at: string,
  hooks: OnboardingHooks = {},
  scoped = false,
): Promise<OnboardingResult> {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS onboarding_winners (
    client_id INTEGER PRIMARY KEY, pos TEXT NOT NULL, total INTEGER NOT NULL, tie INTEGER NOT NULL)`);
  sqlite.exec('DELETE FROM temp.onboarding_winners');

  const decide = sqlite.prepare(
    `INSERT INTO temp.onboarding_winners (client_id, pos, total, tie)
     SELECT w.client_id, substr(w.k, 31), 5000000000000000 - CAST(substr(w.k, 1, 16) AS INTEGER), substr(w.lo, 17) <> substr(w.hi, 17)
     FROM (${WINNERS}) AS w
     JOIN clients AS c ON c.id = w.client_id
     WHERE c.assigned_staff_id IS NULL AND c.deleted_at IS NULL${scoped ? ' AND c.id IN (SELECT id FROM temp.onboarding_scope)' : ''}`,
  );
  // Only active staff count as mapped; an inactive associate's POS id leaves the client Unassigned.
  const assign = sqlite.prepare(
    `UPDATE clients SET assigned_staff_id = s.id, updated_at = :at, version = version + 1
     FROM temp.onboarding_winners AS w JOIN staff AS s ON s.pos_associate_id = w.pos AND s.active = 1
     WHERE clients.id = w.client_id AND w.client_id BETWEEN :lo AND :hi AND w.total > 0`,
  );
  const history = sqlite.prepare(
    `INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
     SELECT w.client_id, NULL, s.id, 'onboarding',
       json_object('posAssociateId', w.pos, 'totalCents', w.total, 'tie', json(CASE WHEN w.tie THEN 'true' ELSE 'false' END)), :actor, :at
     FROM temp.onboarding_winners AS w JOIN staff AS s ON s.pos_associate_id = w.pos AND s.active = 1
     WHERE w.client_id BETWEEN :lo AND :hi AND w.total > 0
     ORDER BY w.client_id`,
  );

  const maxId = (sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  for (let lo = 1; lo <= maxId; lo += SLICE) {
    const range = { lo, hi: Math.min(maxId, lo + SLICE - 1) };
    decide.run(range);
    assign.run({ ...range, at });
    history.run({ ...range, at, actor: actorId });
    hooks.progress?.(range.hi, maxId);
    await hooks.checkpoint?.();
  }

  const result: OnboardingResult = {
    assigned: sqlite
      .prepare(
        `SELECT s.id AS staffId, s.name, count(*) AS clients FROM temp.onboarding_winners AS w
         JOIN staff AS s ON s.pos_associate_id = w.pos AND s.active = 1 WHERE w.total > 0
         GROUP BY s.id ORDER BY clients DESC, s.name`,
      )
      .all() as OnboardingResult['assigned'],
    unmapped: sqlite
      .prepare(
        `SELECT w.pos AS posAssociateId, count(*) AS clients FROM temp.onboarding_winners AS w
         LEFT JOIN staff AS s ON s.pos_associate_id = w.pos AND s.active = 1 WHERE w.total > 0 AND s.id IS NULL
         GROUP BY w.pos ORDER BY clients DESC, w.pos`,
      )
      .all() as OnboardingResult['unmapped'],
    ties: (sqlite.prepare('SELECT count(*) AS n FROM temp.onboarding_winners WHERE total > 0 AND tie').get() as { n: number }).n,
    noSpend: (sqlite.prepare('SELECT count(*) AS n FROM temp.onboarding_winners WHERE total <= 0').get() as { n: number }).n,
  };
  sqlite.exec('DELETE FROM temp.onboarding_winners');
  return result;
}
