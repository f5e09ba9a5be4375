/** The audit log: every change, who made it, and the refused attempts. */
import { z } from 'zod';
import { id, pageSize, returns } from '../fields';
import { channel, cursor, type Page } from './shared';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

const auditFilter = {
  actorId: id.optional(),
  action: z.string().max(60).optional(),
  entity: z.string().max(40).optional(),
  entityId: id.optional(),
  /** Instants (the renderer sends the local day's start and end). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditChannels = {
  'audit-list': channel({
    input: z.object({ ...auditFilter, cursor, limit: pageSize }).strict(),
    output: returns<Page<AuditEntry>>(),
    sample: { entity: 'client', from: '2026-03-01T00:00:00+01:00', to: '2026-03-01T23:59:59+01:00', limit: 100 },
  }),
  'audit-export': channel({
    input: z.object(auditFilter).strict(),
    output: returns<{ filename: string; csv: string; rows: number }>(),
    sample: { entity: 'client' },
  }),
} as const;
