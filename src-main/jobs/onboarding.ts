/**
 * Onboarding assignment: every Unassigned client with sales goes to the POS associate with
 * the greatest total spend with them (sum of amounts, refunds negative, not a count of
 * sales); a tie goes to the associate of the most recent sale, then to the lowest POS id.
 *
 * One pass over the sales in (client, POS id) order, read straight off the covering index
 * `interactions_sales`, picks each client's winner as it goes (better-sqlite3 runs nothing
 * else on a connection while a read is open, so winners are kept in arrays); the winners
 * are then written with two prepared statements. The caller holds the transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface OnboardingResult {
  assigned: { staffId: number; name: string; clients: number }[];
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  /** Clients whose sales net to zero or less: there is no spend to decide by. */
  noSpend: number;
}

interface Total {
  client_id: number;
  pos: string;
  total: number;
  last_at: string;
}

/** Whether `a` beats `b` for a client: more spend, then the later last sale, then the lower POS id. */
export function beats(a: Omit<Total, 'client_id'>, b: Omit<Total, 'client_id'>): boolean {
  if (a.total !== b.total) return a.total > b.total;
  if (a.last_at !== b.last_at) return a.last_at > b.last_at;
  return a.pos < b.pos;
}

export interface OnboardingHooks {
  progress?(done: number, total: number): void;
  /** Awaited between slices of the work: yields to the thread's messages and throws if cancelled. */
  checkpoint?(): Promise<void>;
}

export async function runOnboarding(sqlite: BetterSqlite3.Database, actorId: number | null, at: string, hooks: OnboardingHooks = {}): Promise<OnboardingResult> {
  const staff = new Map(
    (sqlite.prepare('SELECT id, name, pos_associate_id FROM staff WHERE active = 1 AND pos_associate_id IS NOT NULL').all() as { id: number; name: string; pos_associate_id: string }[]).map(
      (s) => [s.pos_associate_id, s],
    ),
  );
  const maxId = (sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  const open = new Uint8Array(maxId + 1);
  for (const { id } of sqlite.prepare('SELECT id FROM clients WHERE assigned_staff_id IS NULL AND deleted_at IS NULL').iterate() as Iterable<{ id: number }>) open[id] = 1;

  const assign = sqlite.prepare('UPDATE clients SET assigned_staff_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND assigned_staff_id IS NULL');
  const history = sqlite.prepare(
    "INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at) VALUES (?, NULL, ?, 'onboarding', ?, ?, ?)",
  );
  const assigned = new Map<number, number>();
  const unmapped = new Map<string, number>();
  let ties = 0;
  let noSpend = 0;
  let decided = 0;

  const winners: { clientId: number; staffId: number; pos: string; total: number; tie: boolean }[] = [];
  const decide = (clientId: number, best: Total, tie: boolean) => {
    if (best.total <= 0) {
      noSpend++;
      return;
    }
    if (tie) ties++;
    const winner = staff.get(best.pos);
    if (!winner) unmapped.set(best.pos, (unmapped.get(best.pos) ?? 0) + 1);
    else winners.push({ clientId, staffId: winner.id, pos: best.pos, total: best.total, tie });
  };

  const totals = sqlite.prepare(
    `SELECT client_id, pos_associate_id AS pos, SUM(amount_cents) AS total, MAX(occurred_at) AS last_at
     FROM interactions INDEXED BY interactions_sales
     WHERE kind = 'sale' AND pos_associate_id IS NOT NULL
     GROUP BY client_id, pos_associate_id ORDER BY client_id, pos_associate_id`,
  );
  let current: number | null = null;
  let best: Total | null = null;
  let bestCount = 0;
  for (const row of totals.iterate() as Iterable<Total>) {
    if (row.client_id !== current) {
      if (current !== null && best) decide(current, best, bestCount > 1);
      current = row.client_id;
      best = null;
      bestCount = 0;
    }
    if (!open[row.client_id]) continue;
    if (!best || row.total > best.total) bestCount = 1;
    else if (row.total === best.total) bestCount++;
    if (!best || beats(row, best)) best = row;
  }
  if (current !== null && best) decide(current, best, bestCount > 1);

  for (const w of winners) {
    if (assign.run(w.staffId, at, w.clientId).changes === 0) continue;
    history.run(w.clientId, w.staffId, JSON.stringify({ posAssociateId: w.pos, totalCents: w.total, tie: w.tie }), actorId, at);
    assigned.set(w.staffId, (assigned.get(w.staffId) ?? 0) + 1);
    decided++;
    if (decided % 50_000 === 0) {
      hooks.progress?.(decided, winners.length);
      await hooks.checkpoint?.();
    }
  }

  const names = new Map([...staff.values()].map((s) => [s.id, s.name]));
  return {
    assigned: [...assigned].map(([staffId, clients]) => ({ staffId, name: names.get(staffId)!, clients })).sort((a, b) => b.clients - a.clients || a.name.localeCompare(b.name)),
    unmapped: [...unmapped].map(([posAssociateId, clients]) => ({ posAssociateId, clients })).sort((a, b) => b.clients - a.clients || a.posAssociateId.localeCompare(b.posAssociateId)),
    ties,
    noSpend,
  };
}
