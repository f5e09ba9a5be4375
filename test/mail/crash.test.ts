/**
 * At most once across a crash: the sender is killed (SIGKILL) after the server has taken a
 * message and before the sender recorded it. After a restart the message is failed as
 * interrupted, not sent again; a person can still retry it by hand.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { INTERRUPTED } from '../../src-main/db/queries/messages.queries';
import { bundle } from '../helpers/build';
import { connect, ADMIN, TEST_PASSWORD_COST } from '../helpers/app';
import { DAY, mailShop } from './helpers';

let child: { file: string; remove: () => void };
beforeAll(async () => {
  child = await bundle('test/mail/crash-child.ts', 'crash-child');
}, 120_000);
afterAll(() => child?.remove());

describe('a crash between sending and recording', () => {
  it('leaves no duplicate after a restart', async () => {
    const s = await mailShop();
    await s.admin.ok('automation-create', { name: 'Birthday', event: 'birthday', daysBefore: 0, recipient: 'client', channel: 'email', template: 'Happy birthday {{recipient.first_name}}!' });
    const id = await s.client('Kim', 'Killed');
    await s.app.services.scheduler.runDay(DAY);
    await s.app.close();

    const caFile = join(s.dataDir, 'test-ca.pem');
    writeFileSync(caFile, s.smtp.ca);
    const proc = spawn(process.execPath, [child.file, s.dataDir, caFile, DAY], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    // The server has the whole message; the sender is killed before it hears the 250 and records it.
    s.smtp.onAccept(() => proc.kill('SIGKILL'));
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) => proc.on('exit', (code, signal) => resolve(signal ?? code)));
    expect(exit).toBe('SIGKILL');
    expect(output).toContain('sending');
    expect(output).not.toContain('recorded');
    expect(s.smtp.received).toHaveLength(1);
    s.smtp.onAccept(null);

    const app = await createApp({ dataDir: s.dataDir, now: s.clock.now, timeZone: 'UTC', lifeEvents: false, dailyBackups: false, sendMail: false, passwordCost: TEST_PASSWORD_COST, mailCa: s.smtp.ca });
    try {
      expect(await app.services.mailer.drain()).toBe(0);
      s.clock.advanceMinutes(600);
      expect(await app.services.mailer.drain()).toBe(0);
      expect(s.smtp.received).toHaveLength(1);
      const admin = connect(app);
      await admin.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
      const [m] = await admin.ok('message-list', { clientId: id });
      expect(m).toMatchObject({ status: 'failed', reason: INTERRUPTED, attempts: 1 });
      const audit = await admin.ok('audit-list', { action: 'message', entityId: id });
      expect(audit.items.map((r) => r.action)).toEqual(['message.interrupted']);
    } finally {
      await app.close();
      await s.smtp.close();
    }
  }, 60_000);
});
