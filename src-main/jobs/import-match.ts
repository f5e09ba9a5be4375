/**
 * Finding the client a row duplicates: by email (case-insensitive, the active-clients unique
 * key), then by E.164 phone when the row or the client has no email. The import's own earlier rows are already in the (uncommitted)
 * book, so within-file duplicates are found the same way. Whether the actor may see the
 * match is decided by the same visibility scope every client query applies.
 */
import type { ClientScope } from '../domain/visibility';
import { emailKey } from '../domain/email';
import type { Client } from '../db/schema';
import type { JobDb } from './job-db';
import { createVisibilityCheck } from './visibility-check';

export type Existing = Omit<Client, 'email_key'>;

export interface Match {
  client: Existing;
  on: 'email' | 'phone';
  visible: boolean;
}

export function createMatcher(db: JobDb, scope: ClientScope) {
  const byEmail = db.sqlite.prepare('SELECT * FROM clients WHERE email_key = ? AND email IS NOT NULL AND deleted_at IS NULL');
  const byPhone = db.sqlite.prepare(
    'SELECT * FROM clients WHERE phone_e164 = ? AND deleted_at IS NULL ORDER BY id LIMIT 1',
  );
  // Two different emails are two people (a family shares a landline): a row with an email
  // matches by phone only a client who has none.
  const byPhoneWithoutEmail = db.sqlite.prepare(
    'SELECT * FROM clients WHERE phone_e164 = ? AND email IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1',
  );
  const visible = createVisibilityCheck(db, scope);
  return (email: string | null, e164: string | null): Match | null => {
    let client = email ? (byEmail.get(emailKey(email)) as (Existing & { email_key?: string }) | undefined) : undefined;
    let on: Match['on'] = 'email';
    if (!client && e164) {
      client = (email ? byPhoneWithoutEmail : byPhone).get(e164) as (Existing & { email_key?: string }) | undefined;
      on = 'phone';
    }
    if (!client) return null;
    delete client.email_key;
    return { client, on, visible: visible(client.id) };
  };
}
