/**
 * Finding the client a row duplicates: by email (case-insensitive, the active-clients unique
 * key), then by E.164 phone. The import's own earlier rows are already in the (uncommitted)
 * book, so within-file duplicates are found the same way. Whether the actor may see the
 * match is decided by the same visibility scope every client query applies.
 */
import type { ClientScope } from '../domain/visibility';
import { emailKey } from '../domain/email';
import { visibleTo } from '../db/queries/scope';
import type { Client } from '../db/schema';
import type { JobDb } from './job-db';

export type Existing = Omit<Client, 'email_key'>;

export interface Match {
  client: Existing;
  on: 'email' | 'phone';
  visible: boolean;
}

/** Compiles the scope once; the sentinel id marks the one parameter that changes per call. */
function visibilityCheck(db: JobDb, scope: ClientScope) {
  const SENTINEL = -424242;
  const q = db.kysely
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', SENTINEL)
    .where((eb) => visibleTo(eb, scope))
    .compile();
  const params = [...(q.parameters as unknown[])];
  const at = params.indexOf(SENTINEL);
  if (at < 0) throw new Error('visibility check: the id parameter was not found');
  const stmt = db.sqlite.prepare(q.sql);
  return (id: number) => {
    params[at] = id;
    return stmt.get(...params) !== undefined;
  };
}

export function createMatcher(db: JobDb, scope: ClientScope) {
  const byEmail = db.sqlite.prepare('SELECT * FROM clients WHERE email_key = ? AND email IS NOT NULL AND deleted_at IS NULL');
  const byPhone = db.sqlite.prepare(
    'SELECT * FROM clients WHERE phone_e164 = ? AND deleted_at IS NULL ORDER BY id LIMIT 1',
  );
  const visible = scope.kind === 'all' ? () => true : visibilityCheck(db, scope);
  return (email: string | null, e164: string | null): Match | null => {
    let client = email ? (byEmail.get(emailKey(email)) as (Existing & { email_key?: string }) | undefined) : undefined;
    let on: Match['on'] = 'email';
    if (!client && e164) {
      client = byPhone.get(e164) as (Existing & { email_key?: string }) | undefined;
      on = 'phone';
    }
    if (!client) return null;
    delete client.email_key;
    return { client, on, visible: visible(client.id) };
  };
}
