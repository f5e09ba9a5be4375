import { sql } from 'kysely';
import type { Executor } from '../connection';
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
