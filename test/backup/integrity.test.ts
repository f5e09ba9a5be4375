/**
 * The check at start (quick_check) keeps start-up fast but does not compare indexes with
 * their tables; the full integrity check runs in the background once the book is open and
 * stops the app on damage it finds, before a damaged unique index lets a duplicate in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADMIN, connect, setUpShop, startApp, tempDir } from '../helpers/app';

const EMAIL = (i: number) => `client${String(i).padStart(4, '0')}@example.com`;

/** A shop of 300 clients with emails, closed. */
async function shop() {
  const dataDir = tempDir();
  const app = await startApp({ dataDir });
  await setUpShop(app);
  const at = new Date().toISOString();
  await app.services.db
    .insertInto('clients')
    .values(Array.from({ length: 300 }, (_, i) => ({ first_name: `Client ${i}`, email: EMAIL(i), created_at: at, updated_at: at })))
    .execute();
  await app.close();
  return { dataDir, file: join(dataDir, 'clientele.db') };
}

/**
 * Changes one byte of one entry of the unique email index (its last letter, so the index
 * stays in order): the b-tree is sound, quick_check passes, but the entry no longer matches
 * its row, and a lookup by that email finds nothing.
 */
function damageEmailIndex(file: string, email: string): void {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pages = sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'clients_email_active'").pluck().all() as number[];
  sqlite.close();
  const bytes = readFileSync(file);
  const needle = Buffer.from(email);
  for (const page of pages) {
    const at = bytes.subarray((page - 1) * pageSize, page * pageSize).indexOf(needle);
    if (at < 0) continue;
    bytes[(page - 1) * pageSize + at + needle.length - 1] = 'n'.charCodeAt(0);
    writeFileSync(file, bytes);
    return;
  }
  throw new Error(`${email} is not in the index's pages`);
}

describe('the full integrity check after start', () => {
  it('finds a damaged unique email index that the check at start lets through, and stops writing to the book', async () => {
    const { dataDir, file } = await shop();
    damageEmailIndex(file, EMAIL(150));
    const quick = new BetterSqlite3(file, { readonly: true });
    expect(quick.pragma('quick_check', { simple: true })).toBe('ok');
    quick.close();

    const app = await startApp({ dataDir });
    const admin = connect(app);
    await app.integrityChecked();
    expect(app.mode).toBe('recovery');
    expect(app.recovery?.problem).toMatch(/^The file is damaged \(full integrity check: .*missing from index clients_email_active/);
    expect(app.recovery?.damagedCopy && existsSync(app.recovery.damagedCopy)).toBe(true);
    // Nothing is written to it any more: not a login, not a client with the email the index lost.
    expect(await admin.call('session-login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await app.close();
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM clients WHERE email = ?').pluck().get(EMAIL(150))).toBe(1);
    after.close();
  });

  it('leaves a sound book open', async () => {
    const { dataDir } = await shop();
    const app = await startApp({ dataDir });
    await app.integrityChecked();
    expect(app.mode).toBe('open');
  });
});
