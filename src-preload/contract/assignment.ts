/**
 * The contract's channels for assignment: a client's primary and additional staff and
 * their history, bulk reassignment, POS associate ids, and sales history imports.
 * Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { empty, fileId, id, returns } from '../fields';
import { channel } from './shared';

export const ASSIGNMENT_REASONS = ['manual', 'creator', 'default-assignee', 'onboarding', 'sale', 'bulk', 'import', 'booking'] as const;

export interface StaffRef {
  id: number;
  name: string;
}

export interface ClientAssignment {
  clientId: number;
  primary: StaffRef | null;
  /** Everyone else who has worked with the client, and what first brought them. */
  additional: (StaffRef & { firstAt: string; firstKind: string; firstReference: string | null; interactions: number })[];
  history: {
    id: number;
    at: string;
    from: StaffRef | null;
    to: StaffRef | null;
    reason: (typeof ASSIGNMENT_REASONS)[number];
    detail: Record<string, unknown> | null;
    actor: StaffRef | null;
  }[];
  /** Who this user may make the primary staff (the main process decides again on save). */
  choices: StaffRef[];
  canUnassign: boolean;
  /**
   * False after a change that took the client out of this person's scope (they handed the
   * client over or unassigned themselves): the change is saved, and nothing more about the
   * client is shown.
   */
  inYourScope: boolean;
}

/** A staff member as bulk reassignment offers them: someone leaving may already be inactive. */
export interface AssignableStaff extends StaffRef {
  active: boolean;
  /** Clients assigned to them that the asking person can see. */
  clients: number;
}

export interface BulkPlan {
  clients: number;
  perStaff: (StaffRef & { clients: number })[];
}

export interface SalesImportReport {
  importId: number | null;
  /** The job that ran it (its job-progress events carry this id); absent when read back from history. */
  jobId?: string;
  mode: 'onboarding' | 'ongoing';
  dryRun: boolean;
  rows: number;
  imported: number;
  duplicates: number;
  problems: number;
  problemSample: { line: number; transactionId: string | null; matchKey: string | null; reason: string }[];
  /** Onboarding: clients assigned per associate. */
  assigned: { staffId: number; name: string; clients: number }[];
  /** Onboarding: winners whose POS id maps to no active staff member; those clients stay Unassigned. */
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  noSpend: number;
  /** After onboarding: Unassigned clients assigned to the seller of their first new sale. */
  assignedBySale: number;
}

export interface PosIdSummary {
  posAssociateId: string;
  staff: StaffRef | null;
  sales: number;
  totalCents: number;
}

const bulkInput = z
  .object({
    /** Chosen clients, or… */
    clientIds: z.array(id).max(100_000).optional(),
    /** …every client of this associate (someone leaving). */
    fromStaffId: id.optional(),
    toStaffIds: z.array(id).min(1, 'Choose at least one associate').max(200),
  })
  .strict()
  .refine((b) => (b.clientIds === undefined) !== (b.fromStaffId === undefined), {
    message: 'Choose clients, or an associate whose clients to move',
    path: ['clientIds'],
  });

export const assignmentChannels = {
  'client-assignment': channel({ input: z.object({ clientId: id }).strict(), output: returns<ClientAssignment>(), sample: { clientId: 1 } }),
  'client-assign': channel({
    input: z.object({ clientId: id, staffId: id.nullable() }).strict(),
    output: returns<ClientAssignment>(),
    sample: { clientId: 1, staffId: 1 },
  }),
  'assign-staff-list': channel({ input: empty, output: returns<AssignableStaff[]>(), sample: {} }),
  'assign-bulk-preview': channel({ input: bulkInput, output: returns<BulkPlan>(), sample: { fromStaffId: 1, toStaffIds: [2] } }),
  'assign-bulk-apply': channel({ input: bulkInput, output: returns<BulkPlan>(), sample: { clientIds: [1], toStaffIds: [2] } }),
  'pos-id-list': channel({ input: empty, output: returns<PosIdSummary[]>(), sample: {} }),
  /** A sales file uploaded by chunks (file-upload), imported by a job in a worker thread with job-progress events. */
  'sales-import': channel({
    input: z
      .object({
        uploadId: fileId,
        mode: z.enum(['onboarding', 'ongoing']),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: returns<SalesImportReport>(),
    sample: { uploadId: '0123456789abcdef0123456789abcdef', mode: 'ongoing', dryRun: true },
  }),
  'sales-import-problems': channel({
    input: z.object({ importId: id }).strict(),
    output: returns<{ filename: string; csv: string; rows: number }>(),
    sample: { importId: 1 },
  }),
  'sales-onboarding-rerun': channel({ input: empty, output: returns<SalesImportReport>(), sample: {} }),
} as const;
