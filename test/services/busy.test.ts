/**
 * Two writers on one book: a save waits the stated busy time for the other writer, goes
 * through when it lets go, and otherwise says the book is busy, never blaming an import
 * that is not running.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { setUpShop, startApp } from '../helpers/app';

/** Another connection, on its own thread, that takes the book's write lock and keeps it for holdMs. */
function holdWriteLock(databaseFile: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.module);
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("UPDATE shop_settings SET shop_name = shop_name WHERE id = 1").run();
     parentPort.postMessage('held');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { module: require.resolve('better-sqlite3'), file: databaseFile, holdMs } },
  );
  const released = new Promise<void>((resolve, reject) => worker.once('exit', () => resolve()).once('error', reject));
  return new Promise((resolve, reject) => worker.once('message', () => resolve({ released })).once('error', reject));
}

describe('a save while another connection writes', () => {
  it('waits for the other writer and goes through when it lets go', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    await admin.ok('client-create', { firstName: 'First', email: 'first@example.com' });
    const other = await holdWriteLock(app.databaseFile, 300);
    // client-create reads (is the email taken?) before it writes, in one transaction.
    const saved = await admin.call('client-create', { firstName: 'Second', email: 'second@example.com' });
    await other.released;
    expect(saved).toMatchObject({ ok: true });
    expect((await admin.ok('client-list', {})).items.map((c) => c.firstName).sort()).toEqual(['First', 'Second']);
  });

  it('after the stated wait, says the book is busy and names no import when none runs', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const other = await holdWriteLock(app.databaseFile, 7000);
    const saved = await admin.call('client-create', { firstName: 'Late', email: 'late@example.com' });
    await other.released;
    expect(saved).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'The book is busy: another change held it for more than 5 seconds. Nothing was changed; try again.',
        details: { retryable: true },
      },
    });
    expect(await admin.ok('client-create', { firstName: 'Late', email: 'late@example.com' })).toMatchObject({ firstName: 'Late' });
  });
});
