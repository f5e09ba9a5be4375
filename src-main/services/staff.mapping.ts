import type { SessionInfo, StaffSummary } from '../../src-preload/contract';
import type { Staff } from '../db/schema';

export const toSummary = (s: Staff): StaffSummary => ({
  id: s.id,
  name: s.name,
  username: s.username,
  role: s.role,
  posAssociateId: s.pos_associate_id,
  active: s.active === 1,
  lockedUntil: s.locked_until,
  createdAt: s.created_at,
});

/** What the audit log keeps of a staff member: never the password hash. */
export const auditView = (s: Staff) => ({
  name: s.name,
  username: s.username,
  role: s.role,
  posAssociateId: s.pos_associate_id,
  active: s.active === 1,
});

export const sessionInfo = (s: Staff, idleLockMinutes: number): SessionInfo => ({
  staff: { id: s.id, name: s.name, username: s.username, role: s.role },
  idleLockMinutes,
});
