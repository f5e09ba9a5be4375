/**
 * The sending loop: claim due messages (marked `sending` and committed first), hand them to
 * the shop's server through one connection pool, record each answer. It runs in the mail
 * worker thread on its own connection (mail-worker.ts), or inline where no worker is built
 * (unit tests); the loop is the same.
 *
 * At most once: a message is claimed before it is sent and recorded after, each in a commit
 * of its own (a round records the previous round's answers and claims the next in one). If the process dies in between, the message stays `sending`, and the next start
 * fails it as interrupted (failInterrupted) instead of sending it again. A temporary refusal
 * (4xx, a server that cannot be reached, a refused login) is retried with growing delays; a
 * permanent one (5xx) fails with the server's reason.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { claimDue, nextDue, recordResults, type Claimed, type Recorded } from '../db/queries/messages.queries';
import { createLogger } from '../logger';
import { classify, composeMessage, createPool, type Outcome, type SmtpConfig } from './smtp';

const log = createLogger('mail-sender');

/** Minutes before each retry; after the last, the message fails with its last reason. */
export const RETRY_MINUTES = [1, 5, 15, 60, 180, 360];
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;
/**
 * Messages claimed at once. Each claim and each record is a durable commit, so fewer, larger
 * rounds cost less; but what is claimed is what a crash leaves in doubt.
 */
export const CLAIM = 50;
/**
 * Claim-send-record rounds running side by side in the background: while one records, the
 * other keeps the pool's connections busy. At most LANES * CLAIM messages are in flight, and
 * so in doubt after a crash.
 */
export const LANES = 2;
/** How long an idle sender sleeps before it looks again (a poke wakes it sooner). */
const IDLE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface SenderOptions {
  db: Kysely<Database>;
  now: () => Date;
}

export function decideResult(m: Claimed, outcome: Outcome, at: Date): Recorded {
  const base = { id: m.id, clientId: m.client_id, campaignId: m.campaign_id, attempt: m.attempts };
  if (outcome.kind === 'sent') return { ...base, status: 'sent', smtpId: outcome.smtpId, reason: null, nextAttemptAt: null };
  if (outcome.kind === 'temporary' && m.attempts < MAX_ATTEMPTS) {
    const next = new Date(at.getTime() + RETRY_MINUTES[m.attempts - 1]! * 60_000).toISOString();
    return { ...base, status: 'retrying', smtpId: null, reason: outcome.reason, nextAttemptAt: next };
  }
  const reason = outcome.kind === 'temporary' ? `Gave up after ${m.attempts} attempts: ${outcome.reason}` : outcome.reason;
  return { ...base, status: 'failed', smtpId: null, reason, nextAttemptAt: null };
}

export function createSender(options: SenderOptions) {
  const { db, now } = options;
  let config: SmtpConfig | null = null;
  let pool: ReturnType<typeof createPool> | null = null;
  let stopping = false;
  let running: Promise<void> | null = null;
  const sleepers = new Set<() => void>();
  const wake = () => {
    for (const w of sleepers) w();
  };

  const sleep = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    let done = () => undefined as void;
    return new Promise<void>((resolve) => {
      done = resolve;
      sleepers.add(resolve);
      timer = setTimeout(resolve, Math.max(0, Math.min(ms, IDLE_MS)));
    }).finally(() => {
      clearTimeout(timer);
      sleepers.delete(done);
    });
  };

  /**
   * One round: record the previous round's answers and claim the next messages (one commit),
   * send them. Returns how many went to the server, or how long to wait when none could, and
   * the answers for the next round (or recordResults) to record.
   */
  async function step(previous: Recorded[], answeredAt: string): Promise<{ sent: number; waitMs: number; results: Recorded[]; at: string }> {
    const t = now();
    const done = { results: previous, at: answeredAt };
    if (!config || !pool) {
      await recordResults(db, previous, answeredAt);
      return { sent: 0, waitMs: IDLE_MS, results: [], at: t.toISOString() };
    }
    const claim = await claimDue(db, t.toISOString(), CLAIM, { limit: config.hourlyLimit, since: new Date(t.getTime() - HOUR_MS).toISOString() }, done);
    const none = { sent: 0, results: [], at: t.toISOString() };
    if (claim.full) return { ...none, waitMs: claim.oldest ? new Date(claim.oldest).getTime() + HOUR_MS - t.getTime() + 1 : IDLE_MS };
    const { claimed } = claim;
    if (claimed.length === 0) {
      const next = await nextDue(db);
      return { ...none, waitMs: next ? new Date(next).getTime() - t.getTime() : IDLE_MS };
    }
    const c = config;
    const transport = pool;
    const outcomes = await Promise.all(
      claimed.map((m) =>
        transport
          .sendMail(composeMessage(c, { idempotencyKey: m.idempotency_key, toName: m.to_name, toAddress: m.to_address, subject: m.subject, body: m.body, marketing: m.marketing === 1 }))
          .then((info): Outcome => ({ kind: 'sent', smtpId: info.response }), (err: unknown): Outcome => classify(err)),
      ),
    );
    const at = now();
    return { sent: claimed.length, waitMs: 0, results: claimed.map((m, i) => decideResult(m, outcomes[i]!, at)), at: at.toISOString() };
  }

  /** Rounds until stopped; the last round's answers are recorded before the lane ends. */
  async function lane(): Promise<void> {
    let results: Recorded[] = [];
    let at = now().toISOString();
    while (!stopping) {
      let waitMs: number;
      try {
        const r = await step(results, at);
        ({ results, at, waitMs } = r);
      } catch (err) {
        log.error('a sending round failed; trying again in a minute', err);
        waitMs = IDLE_MS;
      }
      if (waitMs > 0 && !stopping) await sleep(waitMs);
    }
    await recordResults(db, results, at);
  }

  return {
    /** New settings (or none): the pool is rebuilt, and the loop looks at the queue again. */
    configure(next: SmtpConfig | null): void {
      pool?.close();
      config = next;
      pool = next ? createPool(next) : null;
      wake();
    },
    start(): void {
      stopping = false;
      running ??= Promise.all(Array.from({ length: LANES }, () => lane())).then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        running = null;
      });
    },
    /** Something was queued or changed: look at the queue now. */
    poke(): void {
      wake();
    },
    /** Sends until nothing is due now (tests, the command line); returns how many went to the server. */
    async drain(): Promise<number> {
      let total = 0;
      let results: Recorded[] = [];
      let at = now().toISOString();
      for (;;) {
        const r = await step(results, at);
        ({ results, at } = r);
        total += r.sent;
        if (r.sent === 0) return total;
      }
    },
    /** Stops after the batch in hand is recorded. */
    async stop(): Promise<void> {
      stopping = true;
      wake();
      await running;
      pool?.close();
      pool = null;
    },
  };
}
export type Sender = ReturnType<typeof createSender>;
