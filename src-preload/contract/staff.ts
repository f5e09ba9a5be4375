/** Staff accounts: who works here, their role, locations and POS associate ids. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { empty, id, optionalText, required, returns } from '../fields';
import { channel, password, ROLES, uniqueList, username, type Role } from './shared';

export interface StaffSummary {
  id: number;
  name: string;
  username: string;
  /** The built-in role; with a custom role, the one it derives from. */
  role: Role;
  customRoleId: number | null;
  roleName: string;
  /** Locations this person works at (for "clients at my locations" visibility). */
  locationIds: number[];
  /** The POS ids that map to this person (an old one, one per till or store...), in order. */
  posAssociateIds: string[];
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

/** A POS associate id as typed: trimmed, not empty, at most 40 characters. */
export const posAssociateId = required(LIMITS.posAssociateId, 'POS associate id');
const posAssociateIds = uniqueList(posAssociateId, 'POS ids');

export const staffChannels = {
  'staff-list': channel({ input: empty, output: returns<StaffSummary[]>(), sample: {} }),
  'staff-create': channel({
    input: z
      .object({
        name: required(LIMITS.personName, 'Name'),
        username,
        role: z.enum(ROLES),
        customRoleId: id.nullish(),
        /** One POS id (the common case), and/or several. */
        posAssociateId: optionalText(LIMITS.posAssociateId, 'POS associate id'),
        posAssociateIds: posAssociateIds.optional(),
        locationIds: uniqueList(id, 'Locations').optional(),
        password,
      })
      .strict(),
    output: returns<StaffSummary>(),
    sample: { name: 'Sam Sample', username: 'sam.sample', role: 'associate', password: 'a long enough password' },
  }),
  'staff-update': channel({
    input: z
      .object({
        id,
        name: required(LIMITS.personName, 'Name').optional(),
        role: z.enum(ROLES).optional(),
        customRoleId: id.nullish(),
        /** The person's POS ids become exactly these (the staff form shows all of them). */
        posAssociateIds: posAssociateIds.optional(),
        locationIds: uniqueList(id, 'Locations').optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: returns<StaffSummary>(),
    sample: { id: 1, name: 'Sam Renamed' },
  }),
  'staff-reset-password': channel({
    input: z.object({ id, password }).strict(),
    output: returns<StaffSummary>(),
    sample: { id: 1, password: 'a reset long password' },
  }),
  'staff-delete': channel({ input: z.object({ id }).strict(), output: returns<null>(), sample: { id: 1 } }),
} as const;
