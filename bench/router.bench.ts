/**
 * What the router itself costs a call: `client-get` through the full path (parse, session,
 * re-read of the actor, policy, service, result) against the anchor of the same row read
 * with a prepared better-sqlite3 statement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src-main/app';
import { percentile, report, timeMs } from './report';

const CALLS = 2000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-bench-'));
  const app = await createApp({ dataDir: dir });
  try {
    const conn = app.router.connect(() => undefined);
    const must = async (channel: string, payload: unknown) => {
      const r = await conn.call(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as { id: number };
    };
    await must('setup-create', { shopName: 'Bench', name: 'Ada', username: 'ada', password: 'correct horse battery' });
    const client = await must('client-create', { firstName: 'Lea', lastName: 'Marchand', email: 'lea@example.com' });

    const raw = (await import('better-sqlite3')).default(app.databaseFile, { readonly: true });
    const stmt = raw.prepare('SELECT * FROM clients WHERE id = ?');

    const viaRouter: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      viaRouter.push(await timeMs(() => must('client-get', { id: client.id })));
      direct.push(await timeMs(() => stmt.get(client.id)));
    }
    raw.close();
    for (const p of [50, 99]) {
      report({
        bench: 'router',
        figure: `client-get p${p}`,
        value: percentile(viaRouter, p),
        unit: 'ms',
        anchor: `better-sqlite3 prepared SELECT by id p${p}`,
        anchor_value: percentile(direct, p),
      });
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
