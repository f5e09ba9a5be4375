/**
 * A campaign to N recipients (10,000 unless BENCH_ROWS or --rows says otherwise) through the
 * app, as a person starts it: `campaign-start` through the router, the messages queued by a
 * job, sent by the mail worker through nodemailer to a real SMTP server on loopback, every
 * message claimed and recorded in the book. The anchor: nodemailer alone, with the same
 * transport options, sending the same messages to the same server. From the same runs: a
 * router ping's p99 on the main thread while the campaign goes out.
 *
 *   npm run bench -- email [--rows 10000]
 *
 * Nothing leaves this machine: the server listens on 127.0.0.1 and counts what it receives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../src-main/app';
import { composeMessage, createPool, type SmtpConfig } from '../src-main/mail/smtp';
import { buildWorker, caller, PASSWORD, setUpBenchShop } from './csv-fixture';
import { percentile, report } from './report';

const { values } = parseArgs({ options: { rows: { type: 'string', default: process.env.BENCH_ROWS ?? '10000' }, runs: { type: 'string', default: '3' } } });
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
/** A new subject each run: a campaign skips clients who already have the same email. */
const subjectOf = (run: number) => `Spring at {{shop.name}}, {{recipient.first_name}} (${run + 1})`;
const BODY = 'Dear {{recipient.first_name}} {{recipient.last_name}},\n\nOur spring collection is in. Come and see it.\n\nThe team at {{shop.name}}';

async function startServer() {
  let received = 0;
  let waiter: { n: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        if (waiter && received >= waiter.n) waiter.resolve();
        callback(null, `2.0.0 Ok: queued as B${received}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => received,
    /** Resolves once `n` messages have arrived (no polling while the campaign goes out). */
    waitFor: (n: number) => new Promise<void>((resolve) => (received >= n ? resolve() : (waiter = { n, resolve }))),
    reset: () => void (received = 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every phase stops by itself: a phase that has not finished in this time fails the bench. */
const PHASE_LIMIT_MS = 10 * 60_000;
function bounded<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${PHASE_LIMIT_MS / 60_000} minutes`)), PHASE_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-email-'));
  const workerFile = buildWorker();
  const config: SmtpConfig = { host: '127.0.0.1', port: server.port, security: 'none', username: null, password: null, fromName: 'Maison Bench', fromAddress: 'shop@bench.test', replyTo: null, hourlyLimit: 1_000_000 };

  // The book: N clients who agreed to email (every tenth with a name beyond ASCII).
  let app = await createApp({ dataDir: dir, dailyBackups: false, lifeEvents: false, sendMail: false });
  const setup = caller(app.router.connect(() => undefined));
  await setUpBenchShop(setup);
  await app.close();
  const db = new BetterSqlite3(join(dir, 'clientele.db'));
  const at = new Date().toISOString();
  db.exec('BEGIN');
  const insert = db.prepare("INSERT INTO clients (first_name, last_name, email, consent_email, consent_email_at, consent_email_source, home_location_id, created_at, updated_at) VALUES (?, ?, ?, 1, ?, 'bench', 1, ?, ?)");
  for (let i = 1; i <= ROWS; i++) insert.run(i % 10 === 0 ? 'Zoë' : 'Lea', `Client${i}`, `client${i}@bench.test`, at, at, at);
  db.exec('COMMIT');

  // The same messages, composed as the app composes them, for nodemailer alone.
  const clients = db.prepare('SELECT id, first_name, last_name, email FROM clients ORDER BY id').all() as { id: number; first_name: string; last_name: string; email: string }[];
  const fill = (t: string, c: (typeof clients)[number]) => t.replaceAll('{{shop.name}}', 'Bench').replaceAll('{{recipient.first_name}}', c.first_name).replaceAll('{{recipient.last_name}}', c.last_name);
  const direct = async (run: number) => {
    const pool = createPool(config);
    const start = performance.now();
    await Promise.all(
      clients.map((c) =>
        pool.sendMail(composeMessage(config, { idempotencyKey: `direct:${run}:${c.id}`, toName: `${c.first_name} ${c.last_name}`, toAddress: c.email, subject: fill(subjectOf(run), c), body: fill(BODY, c), marketing: true })),
      ),
    );
    const ms = performance.now() - start;
    pool.close();
    return ms;
  };

  app = await createApp({ dataDir: dir, workerFile, dailyBackups: false, lifeEvents: false });
  const times: number[] = [];
  const anchors: number[] = [];
  const pings: number[] = [];
  try {
    const must = caller(app.router.connect(() => undefined));
    await must('session-login', { username: 'ada', password: PASSWORD });
    await must('mail-settings-update', { host: '127.0.0.1', port: server.port, security: 'none', username: null, fromName: 'Maison Bench', fromAddress: 'shop@bench.test', hourlyLimit: 1_000_000 });
    const pinger = app.router.connect(() => undefined);
    await pinger.call('session-login', { username: 'ada', password: PASSWORD });
    const sentOf = db.prepare("SELECT count(*) FROM messages WHERE campaign_id = ? AND status IN ('sent', 'failed')").pluck();

    for (let run = 0; run < RUNS; run++) {
      server.reset();
      anchors.push(await bounded('nodemailer alone', direct(run)));
      console.error(`run ${run}: nodemailer alone ${Math.round(anchors[anchors.length - 1]!)} ms, the server has ${server.received()}`);

      server.reset();
      let running = true;
      // A person using the app meanwhile: a router call every 20 ms, timed.
      const pinging = (async () => {
        while (running) {
          const start = performance.now();
          await pinger.call('session-get', {});
          pings.push(performance.now() - start);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const start = performance.now();
      const campaign = await must<{ id: number; recipients: number }>('campaign-start', { name: `Bench ${run}`, audience: {}, subject: subjectOf(run), body: BODY });
      if (campaign.recipients !== ROWS) throw new Error(`the campaign reaches ${campaign.recipients} clients, not ${ROWS}`);
      await bounded('the campaign', server.waitFor(ROWS));
      // The server has them all; the last round's answers are being recorded.
      const recorded = (async () => {
        while ((sentOf.get(campaign.id) as number) < campaign.recipients) await new Promise((resolve) => setTimeout(resolve, 5));
      })();
      await bounded('recording the campaign', recorded);
      times.push(performance.now() - start);
      console.error(`run ${run}: the campaign ${Math.round(times[times.length - 1]!)} ms, the server has ${server.received()}`);
      running = false;
      await pinging;
      if (server.received() !== ROWS) throw new Error(`the server received ${server.received()} messages, not ${ROWS}`);
    }
  } finally {
    db.close();
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  report({
    bench: 'email',
    figure: `campaign to ${ROWS} recipients through the app: queued, sent by the mail worker to a loopback SMTP server, each recorded (median of ${RUNS})`,
    value: median(times),
    unit: 'ms',
    anchor: 'nodemailer alone sending the same messages with the same pool',
    anchor_value: median(anchors),
  });
  report({ bench: 'email', figure: `router ping p99 on the main thread while the campaign goes out (${pings.length} pings)`, value: percentile(pings, 99), unit: 'ms', anchor: 'target', anchor_value: 50 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
