/**
 * The main process's side of hidden-filters.ts: a list, count, bulk action or segment that
 * filters or sorts on a field group hidden from the actor's role is refused, FORBIDDEN,
 * naming the field, and the attempt is audited like any other denial (the renderer never
 * offers these controls, so only a tampered request reaches here).
 */
import type { ClientFilters, ClientSortBy } from '../../src-preload/contract';
import { hiddenFieldUse } from '../../src-preload/hidden-filters';
import type { Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import type { Actor } from '../domain/permissions';
import { AppFailure } from './errors';

export async function refuseHiddenFilters(
  db: Executor,
  actor: Actor,
  at: Date,
  channel: string,
  filters: ClientFilters,
  sortBy?: ClientSortBy,
  /** Where the filters sit in the payload: "filters", "target.all.filters". */
  path = 'filters',
): Promise<void> {
  const use = hiddenFieldUse(actor.hiddenFields, filters, sortBy);
  if (!use) return;
  const field = use.field.startsWith('filters.') ? `${path}${use.field.slice('filters'.length)}` : use.field;
  await insertAudit(db, {
    actorId: actor.id,
    action: 'access.denied',
    entity: 'channel',
    entityId: null,
    after: { channel, action: 'client.view', role: actor.roleName, field, hidden: use.group },
    at: at.toISOString(),
  });
  throw new AppFailure('FORBIDDEN', use.message, { issues: [{ field, message: use.message }], reason: 'FIELD_HIDDEN' });
}
