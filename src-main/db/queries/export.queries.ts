import { sql } from 'kysely';
import type { Executor } from '../connection';
import type { ClientScope } from '../../domain/visibility';
import { visibleTo } from './scope';

/** Which clients an export covers, always inside the actor's visibility scope. */
export interface ExportFilter {
  scope: ClientScope;
  /** Word prefix over first name, last name or (with searchContact) email, as the client list searches. */
  query?: string;
  searchContact: boolean;
  /** A selection from a list. */
  ids?: number[];
  /** Campaign lists: only clients who consented to this channel and can be reached on it. */
  consentedTo?: 'email' | 'sms';
}

/**
 * The export query, compiled but not run: the export job iterates it with a prepared
 * statement so a million rows stream instead of landing in memory at once.
 */
export function exportQuery(db: Executor, f: ExportFilter) {
  let q = db
    .selectFrom('clients')
    .leftJoin('staff as assigned', 'assigned.id', 'clients.assigned_staff_id')
    .selectAll('clients')
    .select(['assigned.username as assigned_username', 'assigned.name as assigned_name'])
    .select(
      sql<string | null>`(SELECT group_concat(t.name, ', ') FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = clients.id)`.as(
        'tag_names',
      ),
    )
    .where('clients.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb, f.scope))
    .orderBy('clients.id');
  if (f.query) {
    const prefix = `${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('clients.first_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('clients.last_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        ...(f.searchContact ? [eb('clients.email_key', 'like', sql<string>`${prefix.toLowerCase()} ESCAPE '\\'`)] : []),
      ]),
    );
  }
  if (f.ids) q = q.where('clients.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.consentedTo === 'email') q = q.where('clients.consent_email', '=', 1).where('clients.email', 'is not', null);
  if (f.consentedTo === 'sms') q = q.where('clients.consent_sms', '=', 1).where('clients.phone', 'is not', null);
  return q.compile();
}

export type ExportRow = import('../schema').Client & {
  assigned_username: string | null;
  assigned_name: string | null;
  tag_names: string | null;
};
