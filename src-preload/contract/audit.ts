/** The audit log: every change, who made it, and the refused attempts. */
import { z } from 'zod';
import { id, pageSize, returns } from '../fields';
import { channel, cursor, type Page } from './shared';

/** A value in an audit row's change, typed so the screen formats it the shop's way. */
export type AuditValue = { text: string } | { number: number } | { money: number } | { instant: string } | { day: string } | null;

/** One field's change, labelled for people ("Email consent": No → Yes); no `before` for a creation. */
export interface AuditChange {
  label: string;
  before?: AuditValue;
  after: AuditValue;
}

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
  /** What happened, in words ("Moved to the Trash"). */
  summary: string;
  /** Whom it is about, by name ("Emma Thompson"); null when the row is about no one thing. */
  subject: string | null;
  changes: AuditChange[];
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
