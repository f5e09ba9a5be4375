/**
 * Onboarding assignment: every Unassigned client with sales goes to the POS associate with
 * the greatest total spend with them (sum of amounts, refunds negative, not a count of
 * sales); a tie goes to the associate of the most recent sale, then to the lowest POS id.
 * A winner whose POS id maps to no active staff member leaves the client Unassigned and is
 * reported; so are clients whose sales net to zero or less.
 *
 * Set-based, in slices of client ids: SQLite streams the sales straight off the covering
 * index `interactions_sales` into an aggregate function that sums each POS id and picks the
 * client's winner (`beats`), so no row is materialised in JavaScript. The winners land
 * in a temporary table; one UPDATE and one INSERT per slice then write the assignments and
 * their history rows. Between slices the job reports progress and may be cancelled. The
 * caller holds the transaction.
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

interface Candidate {
  pos: string;
  total: number;
  last_at: string;
}

/** Whether `a` beats `b` for a client: more spend, then the later last sale, then the lower POS id. */
export function beats(a: Candidate, b: Candidate): boolean {
  if (a.total !== b.total) return a.total > b.total;
  if (a.last_at !== b.last_at) return a.last_at > b.last_at;
  return a.pos < b.pos;
}

/** Client ids per slice: large enough that per-statement costs vanish, small enough for prompt progress and cancel. */
const SLICE = 100_000;

/**
 * The aggregate `onboarding_winner(pos, amount_cents, occurred_at)` over one client's sales:
 * sums per POS id, then the winner as the history row's detail, JSON `{ posAssociateId,
 * totalCents, tie }`, where `tie` says another POS id had the same total. Grouping by client
 * alone lets SQLite stream the covering index in order, with no sort.
 */
function defineWinnerAggregate(sqlite: BetterSqlite3.Database): void {
  type State = Map<string, Candidate>;
  const step = (state: State, pos: string, amount: number, at: string): State => {
    const seen = state.get(pos);
    if (!seen) state.set(pos, { pos, total: amount, last_at: at });
    else {
      seen.total += amount;
      if (at > seen.last_at) seen.last_at = at;
    }
    return state;
  };
  const result = (state: State): string | null => {
    let best: Candidate | null = null;
    let atBest = 0;
    for (const c of state.values()) {
      if (!best || c.total > best.total) atBest = 1;
      else if (c.total === best.total) atBest++;
      if (!best || beats(c, best)) best = c;
    }
    return best ? JSON.stringify({ posAssociateId: best.pos, totalCents: best.total, tie: atBest > 1 }) : null;
  };
  sqlite.aggregate('onboarding_winner', {
    start: (): State => new Map(),
    // better-sqlite3 counts the SQL arguments from step's own parameters; its types allow only one.
    step: step as unknown as (state: State, next: unknown) => State,
    result,
  });
}

export async function runOnboarding(sqlite: BetterSqlite3.Database, actorId: number | null, at: string, hooks: OnboardingHooks = {}): Promise<OnboardingResult> {
  defineWinnerAggregate(sqlite);
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS onboarding_winners (
    client_id INTEGER PRIMARY KEY, pos TEXT NOT NULL, total INTEGER NOT NULL, tie INTEGER NOT NULL, detail TEXT NOT NULL)`);
  sqlite.exec('DELETE FROM temp.onboarding_winners');

  const decide = sqlite.prepare(
    `INSERT INTO temp.onboarding_winners (client_id, pos, total, tie, detail)
     SELECT w.client_id, w.detail ->> 'posAssociateId', w.detail ->> 'totalCents', w.detail ->> 'tie', w.detail
     FROM (
       SELECT client_id, onboarding_winner(pos_associate_id, amount_cents, occurred_at) AS detail
       FROM interactions INDEXED BY interactions_sales
       WHERE kind = 'sale' AND pos_associate_id IS NOT NULL AND client_id BETWEEN :lo AND :hi
       GROUP BY client_id
     ) AS w
     JOIN clients AS c ON c.id = w.client_id
     WHERE c.assigned_staff_id IS NULL AND c.deleted_at IS NULL`,
  );
  // Only active staff count as mapped; an inactive associate's POS id leaves the client Unassigned.
  const assign = sqlite.prepare(
    `UPDATE clients SET assigned_staff_id = s.id, updated_at = :at, version = version + 1
     FROM temp.onboarding_winners AS w JOIN staff AS s ON s.pos_associate_id = w.pos AND s.active = 1
     WHERE clients.id = w.client_id AND w.client_id BETWEEN :lo AND :hi AND w.total > 0`,
  );
  const history = sqlite.prepare(
    `INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
     SELECT w.client_id, NULL, s.id, 'onboarding', w.detail, :actor, :at
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
