/** Everything the book holds about one client, table by table, for an access-request export. */
import type { ClientScope } from '../../domain/visibility';
import type { Executor } from '../connection';
import { interactionsWithNames } from './interactions.queries';
import { clientsFor } from './scope';

/** Earlier records merged into this client (directly; merge moves a merged record's own merges on). */
export const listMergedRecords = (db: Executor, clientId: number) =>
  db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name', 'deleted_at'])
    .where('merged_into_id', '=', clientId)
    .orderBy('id')
    .execute();

/** Every interaction of the client, oldest first. */
export const listAllInteractions = (db: Executor, clientId: number) =>
  interactionsWithNames(db).where('interactions.client_id', '=', clientId).orderBy('interactions.occurred_at').orderBy('interactions.id').execute();

/** Every link of the client, whoever the other client is (their name is read separately, in scope). */
export const listAllLinks = (db: Executor, clientId: number) =>
  db
    .selectFrom('relationships')
    .innerJoin('relationship_types as t', 't.id', 'relationships.type_id')
    .select(['relationships.id', 'relationships.from_client_id', 'relationships.to_client_id', 'relationships.created_at', 't.name', 't.reverse_name'])
    .where((eb) => eb.or([eb('relationships.from_client_id', '=', clientId), eb('relationships.to_client_id', '=', clientId)]))
    .orderBy('relationships.id')
    .execute();

/** The names of those of these clients the scope may see. */
export const visibleNames = (db: Executor, scope: ClientScope, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : clientsFor(db, scope)
        .select(['clients.id', 'clients.first_name', 'clients.last_name'])
        .where('clients.id', 'in', ids)
        .where('clients.purged_at', 'is', null)
        .execute();

/** Outbox rows about the client or addressed to them, oldest first. */
export const listOutboxFor = (db: Executor, clientId: number) =>
  db
    .selectFrom('outbox')
    .innerJoin('automation_rules as r', 'r.id', 'outbox.rule_id')
    .select([
      'outbox.id',
      'outbox.client_id',
      'outbox.recipient_id',
      'r.name as rule_name',
      'outbox.event_date',
      'outbox.due_date',
      'outbox.channel',
      'outbox.rendered',
      'outbox.status',
      'outbox.skip_reason',
      'outbox.created_at',
    ])
    .where((eb) => eb.or([eb('outbox.client_id', '=', clientId), eb('outbox.recipient_id', '=', clientId)]))
    .orderBy('outbox.id')
    .execute();

/** Emails to the client, oldest first. */
export const listMessagesFor = (db: Executor, clientId: number) =>
  db
    .selectFrom('messages')
    .select(['id', 'kind', 'to_address', 'subject', 'body', 'status', 'reason', 'created_at', 'sent_at'])
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute();

/** Audit rows about these clients, oldest first. */
export const listClientAudit = (db: Executor, clientIds: number[]) =>
  db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('staff.name as actor_name')
    .where((eb) =>
      eb.or([
        eb.and([eb('audit_log.entity', '=', 'client'), eb('audit_log.entity_id', 'in', clientIds)]),
        // Their appointments' rows (0022): booked, moved, cancelled, each status change.
        eb.and([
          eb('audit_log.entity', '=', 'appointment'),
          eb('audit_log.entity_id', 'in', eb.selectFrom('appointments').select('appointments.id').where('appointments.client_id', 'in', clientIds)),
        ]),
      ]),
    )
    .orderBy('audit_log.id')
    .execute();
