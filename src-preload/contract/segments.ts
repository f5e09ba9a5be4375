/** Segments: named sets of client-list filters, built in, private, or shared with the shop. */
import { z } from 'zod';
import { empty, id, required, returns } from '../fields';
import { clientFilters, type ClientFilters } from './clients';
import { channel } from './shared';

/** A named set of filters: built in, private to its owner, or shared with the shop. */
export interface Segment {
  /** 'builtin:new' for the ones that ship, 'saved:12' for saved ones. */
  id: string;
  name: string;
  builtIn: boolean;
  shared: boolean;
  /** Whether the person asking may change or delete it. */
  editable: boolean;
  filters: ClientFilters;
}

export const segmentChannels = {
  'segment-list': channel({ input: empty, output: returns<Segment[]>(), sample: {} }),
  'segment-save': channel({
    input: z
      .object({
        id: id.optional(),
        name: required(60, 'Segment name'),
        shared: z.boolean().default(false),
        filters: clientFilters,
      })
      .strict(),
    output: returns<Segment>(),
    sample: { name: 'Lapsed regulars', shared: true, filters: { lapsedDays: 180, consentEmail: true } },
  }),
  'segment-delete': channel({ input: z.object({ id }).strict(), output: returns<null>(), sample: { id: 1 } }),
} as const;
