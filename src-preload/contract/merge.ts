/** Likely duplicates, and merging two clients into one field by field. */
import { z } from 'zod';
import { id, pageSize, returns } from '../fields';
import { clientInput, type ClientDetail, type ClientSummary } from './clients';
import { channel, cursor, type Page } from './shared';

/**
 * Why two clients look like one person: the same E.164 phone; or the same name with the same
 * phone digits, birthday, or email local part.
 */
export const DUPLICATE_REASONS = ['phone', 'name-phone', 'name-birthday', 'name-email'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Two live clients that are likely the same person, and why. */
export interface DuplicatePair {
  a: ClientSummary;
  b: ClientSummary;
  reason: DuplicateReason;
}

/** A client the person may see who looks like the one being added, and why ('email': the same address). */
export interface ClientLookalike {
  client: ClientSummary;
  reason: DuplicateReason | 'email';
}

/** The fields a merge picks field by field; each takes the survivor's value unless set to 'merged'. */
export const MERGE_FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'birthday', 'anniversary', 'address', 'notes', 'consentEmail', 'consentSms', 'assigned',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const mergeChannels = {
  'client-duplicates': channel({
    input: z.object({ reason: z.enum(DUPLICATE_REASONS).default('phone'), cursor, limit: pageSize }).strict(),
    output: returns<Page<DuplicatePair>>(),
    sample: { reason: 'name-birthday' },
  }),
  /** While adding a client: clients the person may see who look like them (nobody else is mentioned). */
  'client-lookalikes': channel({
    input: clientInput.pick({ firstName: true, lastName: true, email: true, phone: true, phoneCountry: true, birthday: true }).partial().strict(),
    output: returns<ClientLookalike[]>(),
    sample: { firstName: 'Emma', lastName: 'Thompson', phone: '07911 300400' },
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
