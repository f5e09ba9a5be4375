/**
 * What the logged-in person may do, read from the session, so screens can hide or disable
 * what would be refused. A convenience only: the main process decides every call.
 */
import type { Action } from '../src-preload/policy';
import { ACTION_LABELS } from '../src-preload/policy';
import { useSession } from './queries';

export interface Can {
  (action: Action): boolean;
  /** Why a control is disabled, for its tooltip. */
  reason(action: Action): string;
}

export function canFor(permissions: readonly Action[], roleName: string): Can {
  const granted = new Set(permissions);
  const can = ((action: Action) => granted.has(action)) as Can;
  can.reason = (action) => `Your role (${roleName}) cannot ${ACTION_LABELS[action]}.`;
  return can;
}

/** The session is already loaded whenever the shell is on screen; this only reads it. */
export function useCan(): Can {
  const session = useSession(true).data;
  return canFor(session?.permissions ?? [], session?.staff.roleName ?? 'none');
}
