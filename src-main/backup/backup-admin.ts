/**
 * Who may restore when nobody can log in (recovery mode, or the command line on a book that
 * will not open): an active Admin of the backup being restored, by that backup's password.
 */
import BetterSqlite3 from 'better-sqlite3';
import { LOGIN_FAILED_MESSAGE } from '../services/auth.service';
import { unauthenticated } from '../services/errors';
import type { Passwords } from '../services/password';

export async function checkBackupAdmin(
  file: string,
  credentials: { username: string; password: string },
  passwords: Passwords,
  nativeBinding?: string,
): Promise<{ id: number; username: string; name: string }> {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  let row: { id: number; username: string; name: string; password_hash: string } | undefined;
  try {
    row = sqlite
      .prepare("SELECT id, username, name, password_hash FROM staff WHERE username = ? AND role = 'admin' AND active = 1")
      .get(credentials.username) as typeof row;
  } finally {
    sqlite.close();
  }
  if (!row) {
    await passwords.verifyDecoy(credentials.password);
    throw unauthenticated(`${LOGIN_FAILED_MESSAGE} Only an Admin of that backup can restore it.`);
  }
  if (!(await passwords.verify(credentials.password, row.password_hash))) {
    throw unauthenticated(`${LOGIN_FAILED_MESSAGE} Only an Admin of that backup can restore it.`);
  }
  return { id: row.id, username: row.username, name: row.name };
}
