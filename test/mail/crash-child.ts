/**
 * Run by the crash test as a child process: opens the book and sends what is due, so the
 * parent can kill -9 it while the server holds a message the child has not recorded yet.
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../../src-main/app';

const [dataDir, caFile, day] = process.argv.slice(2) as [string, string, string];
const now = () => new Date(`${day}T08:00:00.000Z`);
createApp({ dataDir, now, timeZone: 'UTC', lifeEvents: false, dailyBackups: false, sendMail: false, mailCa: readFileSync(caFile, 'utf8') })
  .then(async (app) => {
    console.log('sending');
    const sent = await app.services.mailer.drain();
    console.log(`recorded ${sent}`);
    await app.close();
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
