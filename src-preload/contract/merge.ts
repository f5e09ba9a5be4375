/** Likely duplicates, and merging two clients into one field by field. */
import { z } from 'zod';
import { id, pageSize, returns } from '../fields';
import type { ClientDetail, ClientSummary } from './clients';
import { channel, cursor, type Page } from './shared';

/** Two live clients that are likely the same person, and why. */
export interface DuplicatePair {
  a: ClientSummary;
  b: ClientSummary;
  reason: 'phone' | 'name-birthday';
}

/** The fields a merge picks field by field; each takes the survivor's value unless set to 'merged'. */
export const MERGE_FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'birthday', 'anniversary', 'address', 'notes', 'consentEmail', 'consentSms', 'assigned',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const mergeChannels = {
  'client-duplicates': channel({
    input: z.object({ reason: z.enum(['phone', 'name-birthday']).default('phone'), cursor, limit: pageSize }).strict(),
    output: returns<Page<DuplicatePair>>(),
    sample: { reason: 'name-birthday' },
  }),
  'client-merge': channel({
    input: z
      .object({
        survivorId: id,
        survivorVersion: z.number().int().positive(),
        mergedId: id,
        mergedVersion: z.number().int().positive(),
        /** Fields whose value comes from the merged client; every other field keeps the survivor's. */
        take: z.array(z.enum(MERGE_FIELDS)).max(MERGE_FIELDS.length).default([]),
      })
      .strict()
      .refine((v) => v.survivorId !== v.mergedId, { path: ['mergedId'], message: 'Pick two different clients' }),
    output: returns<ClientDetail>(),
    sample: { survivorId: 1, survivorVersion: 1, mergedId: 2, mergedVersion: 1, take: ['phone', 'notes'] },
  }),
} as const;
