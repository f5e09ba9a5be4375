import { sql } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { clientsFor } from './scope';
import type { AutomationRulesTable } from '../schema';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type RuleRow = Selectable<AutomationRulesTable> & { type_name: string | null; type_reverse_name: string | null };

export const listRules = (db: Executor): Promise<RuleRow[]> =>
  db
    .selectFrom('automation_rules')
    .leftJoin('relationship_types as t', 't.id', 'automation_rules.relationship_type_id')
    .selectAll('automation_rules')
    .select(['t.name as type_name', 't.reverse_name as type_reverse_name'])
    .orderBy('automation_rules.name')
    .execute();

export const findRule = async (db: Executor, id: number): Promise<RuleRow | undefined> => (await listRules(db)).find((r) => r.id === id);

export const insertRule = (db: Executor, row: Insertable<AutomationRulesTable>) =>
  db.insertInto('automation_rules').values(row).returning('id').executeTakeFirstOrThrow();

export const updateRule = (db: Executor, id: number, patch: Updateable<AutomationRulesTable>) =>
  db.updateTable('automation_rules').set(patch).where('id', '=', id).execute();

/** Rules that reach recipients through this type: they stop, with the reason shown, when it goes. */
export const disableRulesOfType = (db: Executor, typeId: number, reason: string, at: string) =>
  db
    .updateTable('automation_rules')
    .set({ active: 0, disabled_reason: reason, updated_at: at })
    .where('relationship_type_id', '=', typeId)
    .execute();

export interface DueRow {
  client_id: number;
  client_first_name: string;
  client_last_name: string;
  event_value: string;
  recipient_id: number;
  recipient_first_name: string;
  recipient_last_name: string;
  recipient_email: string | null;
  recipient_phone: string | null;
  recipient_consent_email: number;
  recipient_consent_sms: number;
  recipient_assigned_staff_id: number | null;
  /** The staff member of the recipient's latest interaction, for "last worked with" routing. */
  recipient_last_staff_id: number | null;
}

/**
 * The clients whose birthday or anniversary falls on one of `monthDays`, with each
 * recipient the rule reaches: the client themself, or every active client related to them
 * by the rule's type in the rule's direction (both directions for a symmetric type).
 */
export async function dueRecipients(
  db: Executor,
  rule: { event: 'birthday' | 'anniversary'; recipient: 'client' | 'related'; relationship_type_id: number | null; relationship_side: 'name' | 'reverse' | null },
  monthDays: string[],
  symmetric: boolean,
): Promise<DueRow[]> {
  const event = sql.ref(`c.${rule.event}`);
  const celebrants = sql`${event} IS NOT NULL AND c.deleted_at IS NULL AND substr(${event}, -5) IN (${sql.join(monthDays)})`;
  const recipientColumns = sql`r.id AS recipient_id, r.first_name AS recipient_first_name, r.last_name AS recipient_last_name,
    r.email AS recipient_email, r.phone AS recipient_phone, r.consent_email AS recipient_consent_email,
    r.consent_sms AS recipient_consent_sms, r.assigned_staff_id AS recipient_assigned_staff_id,
    (SELECT i.staff_id FROM interactions AS i WHERE i.client_id = r.id AND i.staff_id IS NOT NULL
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1) AS recipient_last_staff_id`;
  const clientColumns = sql`c.id AS client_id, c.first_name AS client_first_name, c.last_name AS client_last_name, ${event} AS event_value`;
  if (rule.recipient === 'client') {
    const { rows } = await sql<DueRow>`SELECT ${clientColumns}, ${recipientColumns} FROM clients AS c JOIN clients AS r ON r.id = c.id WHERE ${celebrants}`.execute(db);
    return rows;
  }
  // "The recipient is <name> of the client" is the row (from = recipient, to = client);
  // "<reverse name> of the client" is (from = client, to = recipient). Each side starts from
  // the day's few celebrants and follows the link indexes, never scanning every link.
  const sides = symmetric ? ['name', 'reverse'] : [rule.relationship_side];
  const selects = sides.map((side) => {
    const [clientEnd, recipientEnd] = side === 'name' ? [sql.ref('l.to_client_id'), sql.ref('l.from_client_id')] : [sql.ref('l.from_client_id'), sql.ref('l.to_client_id')];
    return sql`SELECT ${clientColumns}, ${recipientColumns}
      FROM clients AS c
      JOIN relationships AS l ON ${clientEnd} = c.id AND l.type_id = ${rule.relationship_type_id}
      JOIN clients AS r ON r.id = ${recipientEnd} AND r.deleted_at IS NULL
      WHERE ${celebrants}`;
  });
  const { rows } = await sql<DueRow>`${sql.join(selects, sql` UNION `)}`.execute(db);
  return rows;
}

/**
 * A pair for a rule's preview, both ends in the scope: the client, and the recipient (the
 * client again, or a client linked to them by the rule's type on the rule's side, either
 * side for a symmetric type). The given client, or the first fitting one.
 */
export async function previewPair(
  db: Executor,
  scope: ClientScope,
  rule: { recipient: 'client' | 'related'; relationship_type_id: number | null; relationship_side: 'name' | 'reverse' | null },
  symmetric: boolean,
  clientId: number | undefined,
): Promise<{ client_id: number; client_first_name: string; client_last_name: string; recipient_id: number; recipient_first_name: string; recipient_last_name: string } | undefined> {
  if (rule.recipient === 'client') {
    let q = clientsFor(db, scope).where('clients.deleted_at', 'is', null);
    if (clientId !== undefined) q = q.where('clients.id', '=', clientId);
    const c = await q.select(['clients.id', 'clients.first_name', 'clients.last_name']).orderBy('clients.id').limit(1).executeTakeFirst();
    return c && { client_id: c.id, client_first_name: c.first_name, client_last_name: c.last_name, recipient_id: c.id, recipient_first_name: c.first_name, recipient_last_name: c.last_name };
  }
  const sides = symmetric ? (['name', 'reverse'] as const) : [rule.relationship_side ?? 'name'];
  for (const side of sides) {
    const [clientEnd, recipientEnd] = side === 'name' ? (['to_client_id', 'from_client_id'] as const) : (['from_client_id', 'to_client_id'] as const);
    let q = db
      .selectFrom('relationships as l')
      .innerJoin('clients as c', 'c.id', `l.${clientEnd}`)
      .innerJoin('clients as r', 'r.id', `l.${recipientEnd}`)
      .where('l.type_id', '=', rule.relationship_type_id ?? 0)
      .where('c.deleted_at', 'is', null)
      .where('r.deleted_at', 'is', null)
      // Each end checked by its id (a primary-key lookup per link), never the scope's whole list.
      .where((eb) => eb.exists(clientsFor(db, scope).select('clients.id').where('clients.id', '=', eb.ref('c.id'))))
      .where((eb) => eb.exists(clientsFor(db, scope).select('clients.id').where('clients.id', '=', eb.ref('r.id'))));
    if (clientId !== undefined) q = q.where('c.id', '=', clientId);
    const row = await q
      .select(['c.id as client_id', 'c.first_name as client_first_name', 'c.last_name as client_last_name', 'r.id as recipient_id', 'r.first_name as recipient_first_name', 'r.last_name as recipient_last_name'])
      .orderBy('l.id')
      .limit(1)
      .executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}
