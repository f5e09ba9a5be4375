/**
 * The contract's channels around one client's data as a whole: the access-request export
 * (everything the book holds about one person, as JSON) and the choices the client list's
 * filters offer (tags, staff). Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { empty, id, returns } from '../fields';
import type { FieldGroup } from '../policy';
import type { ASSIGNMENT_REASONS, StaffRef } from './assignment';
import type { AuditEntry } from './audit';
import type { Appointment } from './appointments';
import type { Interaction } from './client-activity';
import type { ClientDetail } from './clients';
import { channel } from './shared';

/** What one person's data export holds; `withheld` names what the exporting role may not see. */
export interface ClientDataExport {
  format: 'clientele-client-data';
  version: 1;
  exportedAt: string;
  exportedBy: StaffRef;
  /**
   * Field groups the exporting role may not see: their values are blank in every section
   * and the audit rows come without their before/after. An Admin's export withholds nothing.
   */
  withheld: FieldGroup[];
  complete: boolean;
  client: ClientDetail & { deletedAt: string | null; externalId: string | null };
  /** Earlier records of the same person merged into this one; their history stays with them. */
  mergedRecords: { id: number; firstName: string; lastName: string; mergedAt: string | null }[];
  interactions: Interaction[];
  /** Every appointment, cancelled ones too, oldest first. */
  appointments: Appointment[];
  relationships: {
    id: number;
    /** What the other client is to this one. */
    word: string;
    /** Null when the other client is outside the exporting person's visibility. */
    other: { id: number; firstName: string; lastName: string } | null;
    createdAt: string;
  }[];
  assignmentHistory: {
    id: number;
    at: string;
    from: StaffRef | null;
    to: StaffRef | null;
    reason: (typeof ASSIGNMENT_REASONS)[number];
    actor: StaffRef | null;
  }[];
  /** Life-event messages and tasks about this person (`about`) or addressed to them (`to`). */
  automationMessages: {
    id: number;
    role: 'about' | 'to';
    rule: string;
    /** Null when birthdays and anniversaries are hidden from the exporting role. */
    eventDate: string | null;
    dueDate: string;
    channel: string;
    text: string;
    status: string;
    skipReason: string | null;
    createdAt: string;
  }[];
  /** Emails sent or queued to this person (life-event rules and campaigns), oldest first. */
  emails: {
    id: number;
    kind: 'life-event' | 'campaign' | 'reminder';
    /** Null when contact details are hidden from the exporting role. */
    to: string | null;
    subject: string;
    body: string;
    status: string;
    reason: string | null;
    createdAt: string;
    sentAt: string | null;
  }[];
  /** Audit rows about this person, their merged records and their appointments, oldest first. */
  audit: AuditEntry[];
}

export interface ClientFilterOptions {
  /** Empty when tags are hidden from this role. */
  tags: { id: number; name: string }[];
  /** Staff a client can be assigned to, for the "Assigned" filter. */
  staff: (StaffRef & { active: boolean })[];
}

export const clientDataChannels = {
  'client-data-export': channel({
    input: z.object({ id }).strict(),
    output: returns<{ filename: string; data: ClientDataExport }>(),
    sample: { id: 1 },
  }),
  'client-filter-options': channel({ input: empty, output: returns<ClientFilterOptions>(), sample: {} }),
} as const;
