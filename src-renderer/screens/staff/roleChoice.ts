/**
 * The Role select on the staff forms offers built-in and custom roles as one list. A custom
 * role is sent as its base role plus its id, which is how the contract takes it.
 */
import type { Role, RoleSummary, StaffSummary } from '../../../src-preload/contract';
import { ROLE_LABELS } from '../../format';
import { useRoleList } from '../../queries';
import { useCan } from '../../permissions';

const BUILT_IN: Role[] = ['admin', 'manager', 'associate'];

export type RoleChoice = string;

export const choiceOf = (s: Pick<StaffSummary, 'role' | 'customRoleId'>): RoleChoice =>
  s.customRoleId === null ? `built-in:${s.role}` : `custom:${s.customRoleId}`;

export function fromChoice(choice: RoleChoice, roles: readonly RoleSummary[]): { role: Role; customRoleId: number | null } {
  const [kind, value] = choice.split(':') as [string, string];
  if (kind === 'built-in') return { role: value as Role, customRoleId: null };
  const custom = roles.find((r) => r.id === Number(value));
  if (!custom) throw new Error(`Unknown custom role ${value}`);
  return { role: custom.baseRole, customRoleId: custom.id };
}

/** Built-in roles first, then custom ones; custom roles only when this person may list them. */
export function useRoleChoices() {
  const can = useCan();
  const roles = useRoleList(can('roles.manage'));
  const custom = (roles.data ?? []).filter((r) => !r.builtIn);
  const options = [
    { group: 'Built-in roles', items: BUILT_IN.map((r) => ({ value: `built-in:${r}`, label: ROLE_LABELS[r] })) },
    ...(custom.length
      ? [{ group: 'Custom roles', items: custom.map((r) => ({ value: `custom:${r.id}`, label: `${r.name} (based on ${ROLE_LABELS[r.baseRole]})` })) }]
      : []),
  ];
  return { options, roles: custom };
}
