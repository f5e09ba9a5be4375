import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../connection';
import type { ClientScope } from '../../domain/visibility';
import { emailKey } from '../../domain/email';
import type { ClientFilters } from '../../../src-preload/contract';
import { filterConditions } from './client-filters';
import { clientsFor, visibleTo } from './scope';

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
  /** A segment's filters, applied as the client list applies them (as of `now`, "Mine" meaning `staffId`). */
  segment?: { filters: ClientFilters; staffId: number; now: string };
}

export type ExportRow = import('../schema').Client & {
  assigned_username: string | null;
  assigned_name: string | null;
  tag_names: string | null;
};
export type ExportField = keyof ExportRow;

/** The joined and derived fields; every other field is a column of `clients`. */
const DERIVED: Partial<Record<ExportField, RawBuilder<unknown>>> = {
  assigned_username: sql`(SELECT s.username FROM staff s WHERE s.id = clients.assigned_staff_id)`,
  assigned_name: sql`(SELECT s.name FROM staff s WHERE s.id = clients.assigned_staff_id)`,
  tag_names: sql`(SELECT group_concat(t.name, ', ') FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = clients.id)`,
};

/** A field's SQL: its column of `clients`, or the join that derives it. */
function fieldSql(field: ExportField): RawBuilder<unknown> {
  return DERIVED[field] ?? sql.ref(`clients.${field}`);
}

/**
 * The export query, compiled but not run: the export job iterates it with a prepared
 * statement so a million rows stream instead of landing in memory at once. It reads only
 * the fields the chosen columns need, in that order: `clients.*` would also compute the
 * generated phone_rev column (forty CASEs a row), which cost more than the whole export.
 */
export function exportQuery(db: Executor, f: ExportFilter, fields: readonly ExportField[]) {
  return exportedClients(db, f)
    .select(fields.map((field) => fieldSql(field).as(field)))
    .compile();
}

/**
 * The same clients in the same order, each as one string: every cell's text (`cells` turns a
 * field's SQL into it) joined by `separator`, then (with `withId`) the client's id as a last
 * cell, for csv/packed.ts to turn into a CSV line.
 */
export function exportPackedQuery(
  db: Executor,
  f: ExportFilter,
  cells: readonly { field: ExportField; sql: (value: RawBuilder<unknown>) => RawBuilder<unknown> }[],
  separator: string,
  withId: boolean,
) {
  const parts = cells.map((c) => c.sql(fieldSql(c.field)));
  if (withId) parts.push(sql.ref('clients.id'));
  const row = sql`concat(${sql.join(parts, sql.raw(`, ${separator}, `))})`;
  return exportedClients(db, f).select(row.as('row')).compile();
}

/**
 * The tags of clients with ids in [from, to), in the order the tag_names subquery walks them
 * (client, then tag id), as one text "client,tag,client,tag,…": one range scan of
 * client_tags instead of one lookup a client, for exports that join the names themselves
 * (jobs/export-tags.ts).
 */
export function tagLinksQuery(db: Executor, from: number, to: number) {
  return sql<{ links: string | null }>`SELECT group_concat(link, ',') AS links FROM (
    SELECT client_tags.client_id || ',' || client_tags.tag_id AS link FROM client_tags
    WHERE client_tags.client_id >= ${from} AND client_tags.client_id < ${to}
    ORDER BY client_tags.client_id, client_tags.tag_id
  )`.compile(db);
}

export function tagNamesQuery(db: Executor) {
  return db.selectFrom('tags').select(['tags.id', 'tags.name']).compile();
}

/** Which clients, in which order: the actor's scope and the filter, by id (exports and campaign lists). */
export function exportedClients(db: Executor, f: ExportFilter) {
  let q = clientsFor(db, f.scope).where('clients.deleted_at', 'is', null).orderBy('clients.id');
  if (f.query) {
    const prefix = `${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('clients.first_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb('clients.last_name', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        ...(f.searchContact ? [eb('clients.email_key', 'like', sql<string>`${emailKey(prefix)} ESCAPE '\\'`)] : []),
      ]),
    );
  }
  if (f.segment) {
    const { filters, staffId, now } = f.segment;
    const conditions = (eb: Parameters<typeof visibleTo>[0]) => eb.and(filterConditions(eb, filters, { staffId, now: new Date(now) }));
    q = q.where(conditions);
  }
  if (f.ids) q = q.where('clients.id', 'in', f.ids.length ? f.ids : [0]);
  if (f.consentedTo === 'email') q = q.where('clients.consent_email', '=', 1).where('clients.email', 'is not', null);
  if (f.consentedTo === 'sms') q = q.where('clients.consent_sms', '=', 1).where('clients.phone', 'is not', null);
  return q;
}

