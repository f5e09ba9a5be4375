/** A shop with its mail server on loopback, for the sending tests. */
import { createApp, type App } from '../../src-main/app';
import { setUpShop, tempDir, testClock, TEST_PASSWORD_COST, type TestClient } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

export const SMTP_USER = { user: 'shop', pass: 'relay-pässword' };

export interface MailShop {
  app: App;
  admin: TestClient;
  smtp: TestSmtp;
  clock: ReturnType<typeof testClock>;
  dataDir: string;
  /** A client who agreed to email, with a birthday on the test day. */
  client(firstName: string, lastName: string, more?: Record<string, unknown>): Promise<number>;
  /** Sends what is due now, as the background sender would. */
  drain(): Promise<number>;
}

export const DAY = '2027-03-07';

export async function mailShop(options: { hourlyLimit?: number; password?: string; dataDir?: string } = {}): Promise<MailShop> {
  const smtp = await startSmtp({ tls: 'starttls', auth: SMTP_USER });
  const clock = testClock(`${DAY}T08:00:00.000Z`);
  const dataDir = options.dataDir ?? tempDir();
  const app = await createApp({ dataDir, now: clock.now, timeZone: 'UTC', lifeEvents: false, dailyBackups: false, sendMail: false, passwordCost: TEST_PASSWORD_COST, mailCa: smtp.ca });
  const admin = await setUpShop(app);
  // The tests move the clock by hours; the idle lock would log the Admin out.
  await admin.ok('settings-update', { idleLockMinutes: 0 });
  await admin.ok('mail-settings-update', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    username: SMTP_USER.user,
    password: options.password ?? SMTP_USER.pass,
    fromName: 'Maison Zoë',
    fromAddress: 'shop@maison.test',
    replyTo: 'hello@maison.test',
    hourlyLimit: options.hourlyLimit ?? 500,
  });
  return {
    app,
    admin,
    smtp,
    clock,
    dataDir,
    async client(firstName, lastName, more = {}) {
      const email = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + '@example.test';
      const c = await admin.ok('client-create', { firstName, lastName, email, birthday: '1990-03-07', consentEmail: { granted: true, source: 'in store' }, ...more });
      return c.id;
    },
    drain: () => app.services.mailer.drain(),
  };
}

export async function closeShop(s: MailShop): Promise<void> {
  await s.app.close();
  await s.smtp.close().catch(() => undefined);
}
