
import { sql } from 'kysely';
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { visibleTo } from './scope';

/** What Today calls an appointment's reminder, where a life event shows its rule's name. */
export const REMINDER_RULE_NAME = 'Appointment reminder';

export interface OutboxFilter {
  scope: ClientScope;
  /** Only items routed to this staff member; undefined for everyone's. */
  staffId?: number;
  /** Due items and snoozed items whose day has come; otherwise everything. */
  openOn?: string;
  id?: number;
}

/**
 * Outbox items whose recipient (joined as `clients`, so the scope applies to them) the caller
 * may see, and the reminders of the caller's own appointments (whose clients they see on the
 * appointment anyway). The client whose date it is may be outside that scope: a rule that messages a
 * client's spouse is the shop's decision to tell the spouse's associate the name and date.
 */
export function listOutbox(db: Executor, f: OutboxFilter) {
  let q = db
    .selectFrom('outbox')
    .innerJoin('clients', 'clients.id', 'outbox.recipient_id')
    .innerJoin('clients as celebrant', 'celebrant.id', 'outbox.client_id')
    // An appointment's reminder has no rule (0022b).
    .leftJoin('automation_rules as rule', 'rule.id', 'outbox.rule_id')
    .leftJoin('staff', 'staff.id', 'outbox.staff_id')
    .selectAll('outbox')
    .select([
      sql<string>`coalesce(rule.name, ${REMINDER_RULE_NAME})`.as('rule_name'),
      'clients.first_name as recipient_first_name',
      'clients.last_name as recipient_last_name',
      'clients.email as recipient_email',
      'clients.phone as recipient_phone',
      'celebrant.first_name as client_first_name',
      'celebrant.last_name as client_last_name',
      'staff.name as staff_name',
    ])
    .where('clients.deleted_at', 'is', null)
    .where('celebrant.deleted_at', 'is', null)
    .where((eb) => {
      const scope = f.scope;
      if (scope.kind === 'all') return visibleTo(eb, scope);
      // An appointment's reminder is also its staff member's, as the appointment is (its reach includes one's own appointments).
      return eb.or([visibleTo(eb, scope), eb.and([eb('outbox.appointment_id', 'is not', null), eb('outbox.staff_id', '=', scope.staffId)])]);
    })
        .orderBy('outbox.due_date', 'desc')
    .orderBy('outbox.id', 'desc')
    .limit(5000);
  if (f.staffId !== undefined) q = q.where('outbox.staff_id', '=', f.staffId);
  if (f.id !== undefined) q = q.where('outbox.id', '=', f.id);
  if (f.openOn !== undefined) {
    const day = f.openOn;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('outbox.status', '=', 'due'), eb('outbox.due_date', '<=', day)]),
        eb.and([eb('outbox.status', '=', 'snoozed'), eb('outbox.snoozed_until', '<=', day)]),
      ]),
    );
  }
  return q.execute();
}
export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>[number];

export const setOutboxStatus = (
  db: Executor,
  id: number,
  patch: { status: 'due' | 'sent' | 'done' | 'skipped' | 'snoozed'; snoozed_until: string | null; skip_reason: string | null; updated_at: string },
) => db.updateTable('outbox').set(patch).where('id', '=', id).execute();

