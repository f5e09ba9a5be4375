/**
 * Who a returning client's booking, task or message goes to (the shop's routing setting):
 * the last staff member who served them when the shop routes to the last one, else their
 * primary staff; a client with neither follows the default-assignee rule. One rule for the
 * booking screen's suggestion and the life-event scheduler.
 */
export type Routing = 'primary' | 'last';

export interface RoutingInput {
  routing: Routing;
  assignedStaffId: number | null;
  /** The staff member of the client's latest interaction (a completed appointment records one). */
  lastStaffId: number | null;
  defaultAssigneeId: number | null;
}

export type RoutedTo = { staffId: number; reason: 'primary' | 'last' | 'default-assignee' } | { staffId: null; reason: 'none' };

export function routeClient(i: RoutingInput): RoutedTo {
  if (i.routing === 'last' && i.lastStaffId !== null) return { staffId: i.lastStaffId, reason: 'last' };
  if (i.assignedStaffId !== null) return { staffId: i.assignedStaffId, reason: 'primary' };
  if (i.defaultAssigneeId !== null) return { staffId: i.defaultAssigneeId, reason: 'default-assignee' };
  return { staffId: null, reason: 'none' };
}
