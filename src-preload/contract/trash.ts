/** Moving clients to the Trash, restoring them, and erasing them for good. */
import { z } from 'zod';
import { id, pageSize, returns } from '../fields';
import type { ClientDetail, ClientSummary } from './clients';
import { channel, cursor, type Page } from './shared';

/** A client in the Trash: deleted, restorable by Managers and Admins, erasable by Admins. */
export interface TrashedClient extends ClientSummary {
  deletedAt: string;
}

export const trashChannels = {
  'client-delete': channel({
    input: z.object({ id, version: z.number().int().positive() }).strict(),
    output: returns<null>(),
    sample: { id: 1, version: 1 },
  }),
  'client-trash': channel({
    input: z.object({ cursor, limit: pageSize }).strict(),
    output: returns<Page<TrashedClient>>(),
    sample: { limit: 100 },
  }),
  'client-restore': channel({ input: z.object({ id }).strict(), output: returns<ClientDetail>(), sample: { id: 1 } }),
  'client-purge': channel({
    input: z.object({ id, confirm: z.literal('ERASE', { error: 'Type ERASE to confirm' }) }).strict(),
    output: returns<null>(),
    sample: { id: 1, confirm: 'ERASE' },
  }),
} as const;
