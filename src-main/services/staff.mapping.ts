import type { SessionInfo, StaffSummary } from '../../src-preload/contract';
import type { StaffWithRole } from '../db/queries/staff.queries';
import type { Staff } from '../db/schema';
import type { Actor } from '../domain/permissions';
import type { Workplace } from './workplace.service';

const BUILT_IN_NAMES = { admin: 'Admin', manager: 'Manager', associate: 'Associate' } as const;

export const toSummary = (s: StaffWithRole): StaffSummary => ({
  id: s.id,
  name: s.name,
  username: s.username,
  role: s.role,
  customRoleId: s.role_built_in === 0 ? s.role_id : null,
  roleName: s.role_name ?? BUILT_IN_NAMES[s.role],
  posAssociateIds: s.pos_ids ? s.pos_ids.split('\u001f') : [],
  locationIds: s.location_ids ? s.location_ids.split(',').map(Number).sort((a, b) => a - b) : [],
  active: s.active === 1,
  lockedUntil: s.locked_until,
  createdAt: s.created_at,
});

/** What the audit log keeps of a staff member: never the password hash. */
export const auditView = (s: Staff, posAssociateIds: string[]) => ({
  name: s.name,
  username: s.username,
  role: s.role,
  roleId: s.role_id,
  posAssociateIds,
  active: s.active === 1,
});

export const sessionInfo = (s: Staff, actor: Actor, idleLockMinutes: number, workplace: Workplace): SessionInfo => ({
  staff: { id: s.id, name: s.name, username: s.username, role: actor.role, roleName: actor.roleName },
  idleLockMinutes,
  permissions: [...actor.permissions],
  hiddenFields: [...actor.hiddenFields],
  workingLocation: workplace.current,
  workingLocations: workplace.choices,
});
