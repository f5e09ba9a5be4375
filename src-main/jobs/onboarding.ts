/**
 * Onboarding assignment: every client with sales goes to the POS associate with the
 * greatest total spend with them (sum of amounts, refunds negative, not a count of sales);
 * a tie goes to the associate of the most recent sale, then to the lowest POS id. A staff
 * member's POS ids count as one associate (an old id, one per till or store): their sales
 * are summed. A winner whose POS id maps to no active staff member leaves the client as
 * it is and is reported; so are clients whose sales net to zero or less.
 *
 * The clients it decides: the Unassigned ones, and those still held by an earlier
 * onboarding (their latest assignment is onboarding's), so that a re-run after more POS
 * ids are mapped settles them by the same rule. A client someone assigned by hand, by a
 * sale, an import or as its creator keeps its associate.
 *
 * Set-based, in slices of client ids (WINNERS below says how SQL picks the winner): the
 * winners land in a temporary table, then one UPDATE and one INSERT per slice write the
 * assignments and their history rows. Between slices the job reports progress and may be
 * cancelled. The caller holds the transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';

interface StaffRef {
  id: number;
  name: string;
}

export interface OnboardingResult {
  assigned: { staffId: number; name: string; clients: number }[];
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  /** Clients whose sales net to zero or less: there is no spend to decide by. */
  noSpend: number;
  /** Who moves, per (from, to): from null is an Unassigned client. */
  moves: { from: StaffRef | null; to: StaffRef; clients: number }[];
  /** The first clients that move, by id, with their winner's total. */
  moveSample: { client: { id: number; name: string }; from: StaffRef | null; to: StaffRef; totalCents: number }[];
}

/** Clients listed in a report's sample of moves. */
export const MOVE_SAMPLE = 200;

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
 * ORDER BY tells SQLite the order the outer GROUP BY needs). The POS ids of one active staff
 * member are then summed as one associate, named by their lowest POS id (an unmapped POS id
 * is an associate of its own). The rules become one ordered key per (client, associate)
 * whose MIN is the winner: the total, descending, as (5e15 - total) in 16 digits; the last
 * sale's instant, descending, as (5e13 - epoch ms) in 14 digits; then the POS id, ascending.
 * A tie (another associate with the same total) shows as different lowest and highest POS
 * ids among the associates with the greatest total.
 */
const WINNERS = `
  SELECT g.client_id,
    MIN((5000000000000000 - g.total) || (50000000000000 - coalesce(CAST(unixepoch(g.last_at, 'subsec') * 1000 AS INTEGER), 0)) || g.pos) AS k,
    MIN((5000000000000000 - g.total) || g.pos) AS lo,
    MAX((5000000000000000 + g.total) || g.pos) AS hi
  FROM (
    SELECT x.client_id, MIN(x.pos) AS pos, SUM(x.total) AS total, MAX(x.last_at) AS last_at
    FROM (
      SELECT client_id, pos_associate_id AS pos, SUM(amount_cents) AS total, MAX(occurred_at) AS last_at
      FROM interactions INDEXED BY interactions_sales
      WHERE kind = 'sale' AND pos_associate_id IS NOT NULL AND client_id BETWEEN :lo AND :hi
      GROUP BY client_id, pos_associate_id
      ORDER BY client_id, pos_associate_id
    ) AS x
    LEFT JOIN temp.onboarding_staff AS m ON m.pos = x.pos
    GROUP BY x.client_id, coalesce(m.staff_id, -1), CASE WHEN m.staff_id IS NULL THEN x.pos END
  ) AS g
  GROUP BY g.client_id`;

/** Whether a client onboarding may decide: Unassigned, or still on the assignment an onboarding gave. */
const DECIDABLE = `(c.assigned_staff_id IS NULL OR coalesce((
  SELECT h.reason = 'onboarding' AND h.to_staff_id = c.assigned_staff_id FROM assignment_history AS h
  WHERE h.client_id = c.id ORDER BY h.id DESC LIMIT 1), 0))`;

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
    client_id INTEGER PRIMARY KEY, pos TEXT NOT NULL, staff_id INTEGER, from_staff_id INTEGER, total INTEGER NOT NULL, tie INTEGER NOT NULL)`);
  sqlite.exec('DELETE FROM temp.onboarding_winners');
  // Only active staff count as mapped; an inactive associate's POS id is an unmapped one.
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS onboarding_staff (pos TEXT PRIMARY KEY, staff_id INTEGER NOT NULL) WITHOUT ROWID');
  sqlite.exec('DELETE FROM temp.onboarding_staff');
  sqlite.exec('INSERT INTO temp.onboarding_staff (pos, staff_id) SELECT p.pos_associate_id, p.staff_id FROM staff_pos_ids AS p JOIN staff AS s ON s.id = p.staff_id AND s.active = 1');

  const decide = sqlite.prepare(
    `INSERT INTO temp.onboarding_winners (client_id, pos, staff_id, from_staff_id, total, tie)
     SELECT w.client_id, substr(w.k, 31), (SELECT m.staff_id FROM temp.onboarding_staff AS m WHERE m.pos = substr(w.k, 31)), c.assigned_staff_id,
       5000000000000000 - CAST(substr(w.k, 1, 16) AS INTEGER), substr(w.lo, 17) <> substr(w.hi, 17)
     FROM (${WINNERS}) AS w
     JOIN clients AS c ON c.id = w.client_id
     WHERE c.deleted_at IS NULL AND ${DECIDABLE}${scoped ? ' AND c.id IN (SELECT id FROM temp.onboarding_scope)' : ''}`,
  );
  /** The winners that change a client's associate. */
  const MOVES = 'w.total > 0 AND w.staff_id IS NOT NULL AND w.staff_id IS NOT w.from_staff_id';
  const assign = sqlite.prepare(
    `UPDATE clients SET assigned_staff_id = w.staff_id, updated_at = :at, version = version + 1
     FROM temp.onboarding_winners AS w
     WHERE clients.id = w.client_id AND w.client_id BETWEEN :lo AND :hi AND ${MOVES}`,
  );
  const history = sqlite.prepare(
    `INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
     SELECT w.client_id, w.from_staff_id, w.staff_id, 'onboarding',
       json_object('posAssociateId', w.pos, 'totalCents', w.total, 'tie', json(CASE WHEN w.tie THEN 'true' ELSE 'false' END)), :actor, :at
     FROM temp.onboarding_winners AS w
     WHERE w.client_id BETWEEN :lo AND :hi AND ${MOVES}
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

  const staffRef = (id: number | null, name: string | null): StaffRef | null => (id === null || name === null ? null : { id, name });
  type MoveRow = { from_id: number | null; from_name: string | null; to_id: number; to_name: string; clients: number };
  type SampleRow = { client_id: number; first_name: string; last_name: string; from_id: number | null; from_name: string | null; to_id: number; to_name: string; total: number };
  const result: OnboardingResult = {
    assigned: sqlite
      .prepare(
        `SELECT s.id AS staffId, s.name, count(*) AS clients FROM temp.onboarding_winners AS w
         JOIN staff AS s ON s.id = w.staff_id WHERE ${MOVES}
         GROUP BY s.id ORDER BY clients DESC, s.name`,
      )
      .all() as OnboardingResult['assigned'],
    unmapped: sqlite
      .prepare(
        `SELECT w.pos AS posAssociateId, count(*) AS clients FROM temp.onboarding_winners AS w
         WHERE w.total > 0 AND w.staff_id IS NULL AND w.from_staff_id IS NULL
         GROUP BY w.pos ORDER BY clients DESC, w.pos`,
      )
      .all() as OnboardingResult['unmapped'],
    ties: (sqlite.prepare('SELECT count(*) AS n FROM temp.onboarding_winners WHERE total > 0 AND tie').get() as { n: number }).n,
    noSpend: (sqlite.prepare('SELECT count(*) AS n FROM temp.onboarding_winners WHERE total <= 0').get() as { n: number }).n,
    moves: (
      sqlite
        .prepare(
          `SELECT f.id AS from_id, f.name AS from_name, t.id AS to_id, t.name AS to_name, count(*) AS clients
           FROM temp.onboarding_winners AS w JOIN staff AS t ON t.id = w.staff_id LEFT JOIN staff AS f ON f.id = w.from_staff_id
           WHERE ${MOVES} GROUP BY w.from_staff_id, w.staff_id ORDER BY clients DESC, f.name, t.name`,
        )
        .all() as MoveRow[]
    ).map((r) => ({ from: staffRef(r.from_id, r.from_name), to: { id: r.to_id, name: r.to_name }, clients: r.clients })),
    moveSample: (
      sqlite
        .prepare(
          `SELECT w.client_id, c.first_name, c.last_name, f.id AS from_id, f.name AS from_name, t.id AS to_id, t.name AS to_name, w.total
           FROM temp.onboarding_winners AS w JOIN clients AS c ON c.id = w.client_id JOIN staff AS t ON t.id = w.staff_id
           LEFT JOIN staff AS f ON f.id = w.from_staff_id
           WHERE ${MOVES} ORDER BY w.client_id LIMIT ${MOVE_SAMPLE}`,
        )
        .all() as SampleRow[]
    ).map((r) => ({
      client: { id: r.client_id, name: `${r.first_name} ${r.last_name}`.trim() },
      from: staffRef(r.from_id, r.from_name),
      to: { id: r.to_id, name: r.to_name },
      totalCents: r.total,
    })),
  };
  sqlite.exec('DELETE FROM temp.onboarding_winners');
  return result;
}
