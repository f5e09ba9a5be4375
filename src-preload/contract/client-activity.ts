/** A client's activity: sales, bookings, notes and messages, and recording a new one. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { id, optionalText, pageSize, returns } from '../fields';
import { channel, cursor, type Page } from './shared';

export const INTERACTION_KINDS = ['sale', 'booking', 'note'] as const;

/** One line of a client's activity: a sale, booking, note or message, newest first. */
export interface Interaction {
  id: number;
  kind: 'sale' | 'booking' | 'note' | 'message';
  occurredAt: string;
  /** The staff member it was with. */
  staff: { id: number; name: string } | null;
  /** "Added By": who recorded it (a person, or null for an import or the system). */
  addedBy: { id: number; name: string } | null;
  /** "Booked Through": where it came from (In store, Phone, Import, ...). */
  channel: string | null;
  amountCents: number | null;
  body: string | null;
  locationName: string | null;
  /** Whether this person may correct or remove it (the main process decides again). */
  canChange: boolean;
}

const reason = z.string().trim().min(1, 'Say why').max(200, 'A reason can be at most 200 characters');

export const clientActivityChannels = {
  'client-interaction-add': channel({
    input: z
      .object({
        clientId: id,
        kind: z.enum(INTERACTION_KINDS),
        /** When it happened; now when absent. */
        occurredAt: z.iso.datetime({ offset: true, error: 'Date and time must be a full ISO timestamp' }).optional(),
        amountCents: z.number().int().min(-100_000_000).max(100_000_000).optional(),
        channel: optionalText(40, 'Booked through'),
        body: optionalText(LIMITS.notes, 'Note'),
        /** Where it happened; where the recorder works today when absent. */
        locationId: id.optional(),
        /** The staff member it was with (the seller); the recorder when absent. */
        staffId: id.optional(),
      })
      .strict()
      .refine((v) => v.kind !== 'sale' || v.amountCents !== undefined, { path: ['amountCents'], message: 'A sale needs an amount' })
      .refine((v) => v.kind !== 'note' || !!v.body, { path: ['body'], message: 'A note needs some text' }),
    output: returns<Interaction>(),
    sample: { clientId: 1, kind: 'sale', occurredAt: '2026-02-14T15:30:00+01:00', amountCents: 12_500, channel: 'In store' },
  }),
  /** Corrects a recorded sale, booking or note: what changed and why; the client's visits, spend and status follow. */
  'client-interaction-update': channel({
    input: z
      .object({
        id,
        occurredAt: z.iso.datetime({ offset: true, error: 'Date and time must be a full ISO timestamp' }).optional(),
        amountCents: z.number().int().min(-100_000_000).max(100_000_000).optional(),
        channel: optionalText(40, 'Booked through').optional(),
        body: optionalText(LIMITS.notes, 'Note').optional(),
        staffId: id.optional(),
        reason,
      })
      .strict(),
    output: returns<Interaction>(),
    sample: { id: 1, channel: 'Phone', reason: 'It was booked by phone' },
  }),
  /** Removes a recorded sale, booking or note, saying why. */
  'client-interaction-delete': channel({
    input: z.object({ id, reason }).strict(),
    output: returns<null>(),
    sample: { id: 1, reason: 'Recorded on the wrong client' },
  }),
  'client-activity': channel({
    input: z.object({ clientId: id, cursor, limit: pageSize }).strict(),
    output: returns<Page<Interaction>>(),
    sample: { clientId: 1, limit: 20 },
  }),
} as const;
