/**
 * SQLite's full integrity check of the book, after it has opened. The check at start is
 * quick_check, which keeps start-up fast but does not compare indexes with their tables:
 * a damaged entry in the unique email index passes it, and a later import could then add
 * a second client with that email. integrity_check does compare them; it reads the whole
 * book (tens of seconds at a million clients), so it runs on its own read-only connection
 * in a worker thread, and the app stops at once on what it finds.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { IntegrityResult, JobDatabase } from './types';

/** At most this many of SQLite's findings go into the problem's text. */
const FINDINGS_SHOWN = 3;

export async function runIntegrityCheck(p: JobDatabase): Promise<IntegrityResult> {
  const sqlite = new BetterSqlite3(p.databaseFile, { readonly: true, fileMustExist: true, ...(p.nativeBinding ? { nativeBinding: p.nativeBinding } : {}) });
  try {
    const rows = sqlite.pragma(`integrity_check(${FINDINGS_SHOWN})`) as { integrity_check: string }[];
    const findings = rows.map((r) => r.integrity_check);
    if (findings.length === 1 && findings[0] === 'ok') return { ok: true };
    return { ok: false, problem: `The file is damaged (full integrity check: ${findings.join('; ').slice(0, 300)}).` };
  } finally {
    sqlite.close();
  }
}
