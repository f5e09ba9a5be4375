/** The audit screen's filter as the person sets it, turned into what the channels take. */
import dayjs from 'dayjs';
import type { AuditFilter } from '../../keys';

export interface AuditFilterValues {
  actorId: string | null;
  action: string;
  /** The client whose record changed, as picked (id and the name shown). */
  client: { id: string; label: string } | null;
  /** Calendar days ('YYYY-MM-DD') from the date range picker. */
  range: [string | null, string | null];
}

export const EMPTY_AUDIT_FILTER: AuditFilterValues = { actorId: null, action: '', client: null, range: [null, null] };

/** The action families the app writes; the field also takes any exact action name. */
export const ACTION_FAMILIES = ['client', 'staff', 'role', 'settings', 'session', 'location', 'access'];

/**
 * Days are the person's local days: from the start of the first day to the start of the
 * day after the last (the server's upper bound is exclusive), as instants.
 */
export function toAuditFilter(v: AuditFilterValues): AuditFilter {
  const [first, picked] = v.range;
  // One picked day (the range not finished yet) means that day.
  const last = picked ?? first;
  const action = v.action.trim();
  return {
    actorId: v.actorId ? Number(v.actorId) : undefined,
    action: action || undefined,
    ...(v.client ? { entity: 'client', entityId: Number(v.client.id) } : {}),
    from: first ? dayjs(first).startOf('day').toISOString() : undefined,
    to: last ? dayjs(last).startOf('day').add(1, 'day').toISOString() : undefined,
  };
}
