/** The shop's settings: name, country, idle lock, who sees which clients, assignment rules. */
import { z } from 'zod';
import { IDLE_LOCK_MINUTES, LIMITS } from '../limits';
import { empty, id, required, returns } from '../fields';
import { channel, countryCode } from './shared';

export interface ShopSettings {
  shopName: string;
  defaultCountry: string;
  idleLockMinutes: number;
  /** Every role sees every client, whatever its own visibility. */
  allClientsVisible: boolean;
  /** A client's primary staff may hand the client to a colleague. */
  primaryCanHandOver: boolean;
  /** Associates see the Unassigned clients whose home or an interaction is at their locations, so they can claim them. */
  unassignedPool: boolean;
  /** Clients arriving without a staff member (imports, bookings) go to this person; null leaves them Unassigned. */
  defaultAssigneeId: number | null;
  /** Tasks and messages for a returning client go to the primary staff or to the last staff member they worked with. */
  returningClientRouting: 'primary' | 'last';
  onboardingCompletedAt: string | null;
}

export const settingsChannels = {
  'settings-get': channel({ input: empty, output: returns<ShopSettings>(), sample: {} }),
  'settings-update': channel({
    input: z
      .object({
        shopName: required(LIMITS.shopName, 'Shop name'),
        defaultCountry: countryCode,
        idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
        allClientsVisible: z.boolean(),
        primaryCanHandOver: z.boolean(),
        unassignedPool: z.boolean(),
        defaultAssigneeId: id.nullable(),
        returningClientRouting: z.enum(['primary', 'last']),
      })
      .partial()
      .strict(),
    output: returns<ShopSettings>(),
    sample: { shopName: 'Maison Sample', idleLockMinutes: 30 },
  }),
} as const;
