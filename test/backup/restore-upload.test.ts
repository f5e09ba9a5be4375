import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output, Result } from '../../src-preload/contract';
import { connect, setUpShop, startApp, tempDir, ADMIN, type TestClient } from '../helpers/app';

const CHUNK = 1024 * 1024;

/** Sends a file up as the first-run screen does: 1 MB chunks, base64. */
async function uploadBackup(screen: TestClient, name: string, bytes: Buffer) {
  let uploadId: string | null = null;
  for (let offset = 0; ; offset += CHUNK) {
    const last = offset + CHUNK >= bytes.length;
    const answer: Result<Output<'recovery-upload'>> = await screen.call('recovery-upload', { uploadId, name, offset, data: bytes.subarray(offset, offset + CHUNK).toString('base64'), last });
    if (!answer.ok || last) return answer;
    uploadId = answer.value.uploadId;
  }
}

describe('restoring on a new PC from the first-run screen', () => {
  it('takes the backup file chosen on the screen, puts it in the backup folder and restores it for an Admin of it; nothing else is kept', async () => {
    // The old PC: a shop with clients and a backup.
    const oldDir = tempDir();
    const old = await startApp({ dataDir: oldDir });
    const admin = await setUpShop(old);
    for (let i = 0; i < 30; i++) await admin.ok('client-create', { firstName: `Client ${i}`, notes: 'n'.repeat(2000) });
    const backup = await admin.ok('backup-take', {});
    await old.close();
    const bytes = readFileSync(join(oldDir, 'backups', backup.file));

    // The new PC, at first run.
    const dataDir = tempDir();
    const app = await startApp({ dataDir });
    const screen = connect(app);
    expect((await screen.ok('app-info', {})).setupNeeded).toBe(true);

    // Not a book: refused in words, and not left in the folder.
    const junk = await uploadBackup(screen, 'notes.db', Buffer.from('not a database at all'.repeat(100)));
    expect(junk).toMatchObject({ ok: false, error: { message: /not a Clientele backup/ } });
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.db'))).toEqual([]);

    const sent = await uploadBackup(screen, backup.file, bytes);
    expect(sent).toMatchObject({ ok: true, value: { complete: true, backup: { file: backup.file, clients: 30, problem: null } } });
    expect((await screen.ok('recovery-list', {})).backups.map((b) => b.file)).toEqual([backup.file]);
    expect(await screen.call('recovery-restore', { file: backup.file, username: ADMIN.username, password: 'not the password' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await screen.ok('recovery-restore', { file: backup.file, username: ADMIN.username, password: ADMIN.password })).toBeNull();

    expect((await screen.ok('app-info', {})).setupNeeded).toBe(false);
    await screen.ok('session-login', { username: ADMIN.username, password: ADMIN.password });
    expect(await screen.ok('client-count', {})).toEqual({ count: 30, capped: false });
    // Now that the shop has staff, the door is shut.
    expect(await connect(app).call('recovery-upload', { uploadId: null, name: 'x.db', offset: 0, data: 'eA==', last: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
