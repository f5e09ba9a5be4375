/**
 * The staff a screen here may offer. The Staff list is for those who manage staff; bulk
 * reassignment has its own list for Managers. Whoever has neither gets nothing to choose.
 */
import { useAssignableStaff, useStaffList } from '../../queries';
import { useCan } from '../../permissions';

export interface StaffChoice {
  id: number;
  name: string;
  active: boolean;
  posAssociateIds: string[];
}

export function useStaffChoices(): { data: StaffChoice[]; isPending: boolean } {
  const can = useCan();
  const full = useStaffList(can('staff.manage'));
  const assignable = useAssignableStaff(!can('staff.manage') && can('client.assign-others'));
  if (can('staff.manage')) {
    return { data: (full.data ?? []).map((s) => ({ id: s.id, name: s.name, active: s.active, posAssociateIds: s.posAssociateIds })), isPending: full.isPending };
  }
  if (can('client.assign-others')) {
    return { data: (assignable.data ?? []).map((s) => ({ ...s, posAssociateIds: [] })), isPending: assignable.isPending };
  }
  return { data: [], isPending: false };
}
