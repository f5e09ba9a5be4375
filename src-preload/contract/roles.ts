/** Roles: the built-in three and custom ones, each a set of permissions, a visibility and hidden fields. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { empty, id, required, returns } from '../fields';
import { VISIBILITIES, type Action, type FieldGroup } from '../policy';
import { action, channel, fieldGroup, ROLES, uniqueList, type Role } from './shared';

export interface RoleSummary {
  id: number;
  name: string;
  baseRole: Role;
  builtIn: boolean;
  permissions: Action[];
  visibility: (typeof VISIBILITIES)[number];
  hiddenFields: FieldGroup[];
  staffCount: number;
}

export const roleChannels = {
  'role-list': channel({ input: empty, output: returns<RoleSummary[]>(), sample: {} }),
  'role-create': channel({
    input: z
      .object({
        name: required(LIMITS.roleName, 'Role name'),
        baseRole: z.enum(ROLES),
        permissions: uniqueList(action, 'Permissions').optional(),
        visibility: z.enum(VISIBILITIES).optional(),
        hiddenFields: uniqueList(fieldGroup, 'Hidden fields').optional(),
      })
      .strict(),
    output: returns<RoleSummary>(),
    sample: { name: 'Front desk', baseRole: 'associate', permissions: ['session.use', 'client.view'], visibility: 'own', hiddenFields: ['purchases'] },
  }),
  'role-update': channel({
    input: z
      .object({
        id,
        name: required(LIMITS.roleName, 'Role name').optional(),
        permissions: uniqueList(action, 'Permissions').optional(),
        visibility: z.enum(VISIBILITIES).optional(),
        hiddenFields: uniqueList(fieldGroup, 'Hidden fields').optional(),
      })
      .strict(),
    output: returns<RoleSummary>(),
    sample: { id: 1, name: 'Front desk (renamed)' },
  }),
  'role-delete': channel({ input: z.object({ id }).strict(), output: returns<null>(), sample: { id: 1 } }),
} as const;
