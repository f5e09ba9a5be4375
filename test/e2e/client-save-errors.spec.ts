/**
 * A save that meets a book another writer holds: the edit form says the book is busy and to
 * try again, offers no reload (nothing of the person's changed), and the same save goes
 * through once the other writer lets go. A save over a client changed meanwhile offers to
 * reload it instead.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { addClient, openClient, setUpShop } from './actions';
import { expect, test } from './fixtures';

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

test('a save while another writer holds the book says it is busy, and goes through when tried again', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Bea', last: 'Stone' });
  await openClient(page, 'Bea Stone');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Bea Stone' });
  await edit.getByLabel('Last name').fill('Rock');

  // Held past the book's 5-second busy wait.
  const other = await holdWriteLock(join(host.dataDir, 'clientele.db'), 8000);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('alert')).toContainText('The book is busy: try again', { timeout: 15_000 });
  await expect(edit.getByRole('alert')).toContainText('Nothing was changed; try again.');
  await expect(edit.getByRole('button', { name: 'Reload the client' })).toHaveCount(0);

  await other.released;
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Bea Rock', exact: true })).toBeVisible();
});

test('a save over a client changed meanwhile offers to reload it', async ({ page, host }) => {
  await page.goto(host.url);
  await setUpShop(page);
  await addClient(page, { first: 'Cal', last: 'Moss' });
  await openClient(page, 'Cal Moss');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Cal Moss' });
  await edit.getByLabel('Last name').fill('Stone');

  // Someone else's save, straight to the book: the version the form holds is no longer current.
  const book = new BetterSqlite3(join(host.dataDir, 'clientele.db'));
  book.prepare("UPDATE clients SET notes = 'changed elsewhere', version = version + 1 WHERE first_name = 'Cal'").run();
  book.close();

  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('alert')).toContainText('Could not save the client');
  await expect(edit.getByRole('alert')).toContainText('was changed by someone else since you opened it');
  await expect(edit.getByRole('button', { name: 'Reload the client' })).toBeVisible();
});
