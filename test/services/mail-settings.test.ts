/**
 * Mail settings against a real SMTP server on loopback: the password kept outside the book,
 * in an owner-only file, never shown, logged or audited; a test email reports the server's own
 * answer, accepted or refused.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { OWNER_ONLY_FILE } from '../../src-main/mail/secret-store';
import { setUpShop, tempDir, TEST_PASSWORD_COST } from '../helpers/app';
import { decodeHeader, startSmtp, type TestSmtp } from '../helpers/smtp';

const PASSWORD = 'sm7p-pässword-4417';
const servers: TestSmtp[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function book(ca?: string) {
  const dataDir = tempDir();
  const app = await createApp({ dataDir, lifeEvents: false, dailyBackups: false, passwordCost: TEST_PASSWORD_COST, mailCa: ca });
  const admin = await setUpShop(app);
  return { app, admin, dataDir };
}

const settings = (port: number, more: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port,
  security: 'starttls' as const,
  username: 'shop',
  password: PASSWORD,
  fromName: 'Maison Test',
  fromAddress: 'shop@maison.test',
  replyTo: 'hello@maison.test',
  hourlyLimit: 200,
  ...more,
});

describe('mail settings', () => {
  it('keep the password outside the book, readable by its owner only, and never show, log or audit it', async () => {
    const { app, admin, dataDir } = await book();
    const saved = await admin.ok('mail-settings-update', settings(2525));
    expect(saved).toMatchObject({ configured: true, host: '127.0.0.1', passwordStored: true, passwordStorage: 'owner-only-file' });
    expect(saved.passwordStorageText).toContain(OWNER_ONLY_FILE);
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);

    const file = join(dataDir, OWNER_ONLY_FILE);
    expect(readFileSync(file, 'utf8')).toBe(PASSWORD);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const audit = await admin.ok('audit-list', { action: 'mail' });
    expect(audit.items.map((r) => r.action)).toContain('mail.settings');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).toContain('replaced');

    // Saving again without a password keeps it; the backup and the book never hold it.
    await admin.ok('mail-settings-update', { ...settings(2526), password: undefined });
    expect(readFileSync(file, 'utf8')).toBe(PASSWORD);
    await admin.ok('backup-take', {});
    await app.close();
    const needle = Buffer.from(PASSWORD, 'utf8');
    const holders = [...readdirSync(dataDir).map((f) => join(dataDir, f)), ...readdirSync(join(dataDir, 'backups')).map((f) => join(dataDir, 'backups', f))]
      .filter((f) => statSync(f).isFile() && f !== file && readFileSync(f).includes(needle));
    expect(holders).toEqual([]);
  });

  it('forget the password when asked', async () => {
    const { admin, dataDir } = await book();
    await admin.ok('mail-settings-update', settings(2525));
    const cleared = await admin.ok('mail-settings-update', { ...settings(2525), password: undefined, username: null, clearPassword: true });
    expect(cleared.passwordStored).toBe(false);
    expect(readdirSync(dataDir)).not.toContain(OWNER_ONLY_FILE);
  });

  it('send a test email over STARTTLS with a login, and report the server’s answer', async () => {
    const smtp = await startSmtp({ tls: 'starttls', auth: { user: 'shop', pass: PASSWORD } });
    servers.push(smtp);
    const { admin } = await book(smtp.ca);
    await admin.ok('mail-settings-update', settings(smtp.port, { fromName: 'Maison Zoë' }));
    const result = await admin.ok('mail-test', { to: 'owner@maison.test' });
    expect(result).toEqual({ sent: true, answer: expect.stringMatching(/^250 2\.0\.0 Ok: queued as TEST1/) });
    expect(smtp.received).toHaveLength(1);
    const [m] = smtp.received;
    expect(m!.to).toEqual(['owner@maison.test']);
    expect(m!.from).toBe('shop@maison.test');
    expect(decodeHeader(m!.headers.get('from')!)).toBe('Maison Zoë <shop@maison.test>');
    expect(m!.headers.get('reply-to')).toBe('hello@maison.test');
  });

  it('over implicit TLS too', async () => {
    const smtp = await startSmtp({ tls: 'implicit', auth: { user: 'shop', pass: PASSWORD } });
    servers.push(smtp);
    const { admin } = await book(smtp.ca);
    await admin.ok('mail-settings-update', settings(smtp.port, { security: 'tls' }));
    expect((await admin.ok('mail-test', { to: 'owner@maison.test' })).sent).toBe(true);
    expect(smtp.received).toHaveLength(1);
  });

  it('report a wrong password in the server’s words', async () => {
    const smtp = await startSmtp({ tls: 'starttls', auth: { user: 'shop', pass: PASSWORD } });
    servers.push(smtp);
    const { admin } = await book(smtp.ca);
    await admin.ok('mail-settings-update', settings(smtp.port, { password: 'not the password' }));
    const result = await admin.ok('mail-test', { to: 'owner@maison.test' });
    expect(result.sent).toBe(false);
    expect(result.answer).toContain('535 5.7.8 Error: authentication failed: bad username or password');
    expect(smtp.received).toHaveLength(0);
  });

  it('report a server that is not there', async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close();
    const { admin } = await book();
    await admin.ok('mail-settings-update', settings(port));
    const result = await admin.ok('mail-test', { to: 'owner@maison.test' });
    expect(result.sent).toBe(false);
    expect(result.answer).toMatch(/could not be reached.*ECONNREFUSED/);
  });

  it('refuse a test before the server is set up', async () => {
    const { admin } = await book();
    const result = await admin.call('mail-test', { to: 'owner@maison.test' });
    expect(result.ok ? null : result.error.code).toBe('CONFLICT');
  });
});
