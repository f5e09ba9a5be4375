/**
 * Which clients a staff member may see, as data the queries turn into SQL. Visibility is a
 * scope applied inside every list, search, count and export query — never a filter after
 * the fetch — and a client outside it does not exist for that person (NOT_FOUND).
 */
import type { Role } from '../../src-preload/contract';
import type { VISIBILITIES } from '../../src-preload/policy';

export type Visibility = (typeof VISIBILITIES)[number];

export type ClientScope =
  | { kind: 'all' }
  /** Clients whose home or an interaction is at one of my locations, plus my own. */
  | { kind: 'locations'; staffId: number; locationIds: number[] }
  /**
   * Clients assigned to me or that I have worked with (an interaction with me), and the
   * Unassigned clients whose home or an interaction is at one of `unassignedAt` (the
   * Unassigned pool of my locations, a shop setting), so that I can claim them.
   */
  | { kind: 'own'; staffId: number; unassignedAt?: number[] };

export const DEFAULT_VISIBILITY: Record<Role, Visibility> = {
  admin: 'all',
  manager: 'locations',
  associate: 'own',
};

export interface ScopeInput {
  staffId: number;
  visibility: Visibility;
  locationIds: number[];
  /** The shop setting that opens every client to every role. */
  allClientsVisible: boolean;
  /** The shop setting that shows an own scope the Unassigned clients at its locations. */
  unassignedPool: boolean;
}

export function clientScope(input: ScopeInput): ClientScope {
  if (input.allClientsVisible || input.visibility === 'all') return { kind: 'all' };
  if (input.visibility === 'locations') {
    return { kind: 'locations', staffId: input.staffId, locationIds: input.locationIds };
  }
  if (input.unassignedPool && input.locationIds.length) return { kind: 'own', staffId: input.staffId, unassignedAt: input.locationIds };
  return { kind: 'own', staffId: input.staffId };
}
