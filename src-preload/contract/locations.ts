/** The shop's locations (stores), for visibility by location and for recorded interactions. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { empty, required, returns } from '../fields';
import { channel } from './shared';

export interface LocationSummary {
  id: number;
  name: string;
  isDefault: boolean;
}

export const locationChannels = {
  'location-list': channel({ input: empty, output: returns<LocationSummary[]>(), sample: {} }),
  'location-create': channel({
    input: z.object({ name: required(LIMITS.locationName, 'Location name') }).strict(),
    output: returns<LocationSummary>(),
    sample: { name: 'Harbour Street' },
  }),
} as const;
