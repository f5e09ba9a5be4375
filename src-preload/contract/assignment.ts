/**
 * The contract's channels for assignment: a client's primary and additional staff and
 * their history, bulk reassignment, POS associate ids, and sales history imports.
 * Composed into `contract` in index.ts.
 */
import { z } from 'zod';
import { empty, fileId, id, returns } from '../fields';
import { LIMITS } from '../limits';
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
  /** Buyers the book did not have, added from the lines that name them (Unassigned, at the sale's store). */
  clientsCreated: number;
  problemSample: { line: number; transactionId: string | null; matchKey: string | null; reason: string }[];
  /** Onboarding: clients assigned per associate. */
  assigned: { staffId: number; name: string; clients: number }[];
  /** Onboarding: winners whose POS id maps to no active staff member; those clients stay Unassigned. */
  unmapped: { posAssociateId: string; clients: number }[];
  ties: number;
  noSpend: number;
  /** Onboarding: who moves, per (from, to); from null is an Unassigned client. */
  moves: { from: StaffRef | null; to: StaffRef; clients: number }[];
  /** Onboarding: the first clients that move (by id) and their winner's total (null for a role that hides purchases). */
  moveSample: { client: StaffRef; from: StaffRef | null; to: StaffRef; totalCents: number | null }[];
  /** After onboarding: Unassigned clients assigned to the seller of their first new sale. */
  assignedBySale: number;
}

export interface PosIdSummary {
  posAssociateId: string;
  staff: StaffRef | null;
  sales: number;
  /** The sales' total; null for a role that hides purchase history. */
  totalCents: number | null;
}

/** One line of a bulk POS id mapping, as the main process read it. */
export interface PosMapRow {
  /** The CSV line; null for a mapping chosen on the screen. */
  line: number | null;
  posAssociateId: string;
  username: string | null;
  staff: StaffRef | null;
  /** mapped: new (or would be, when not applied); already: that person holds it already; error: see `error`. */
  status: 'mapped' | 'already' | 'error';
  error: string | null;
}

export interface PosMapResult {
  /** False when any line has an error (then nothing is mapped) or for a dry run. */
  applied: boolean;
  mapped: number;
  rows: PosMapRow[];
}

const posMapInput = z
  .object({
    /** POS ids chosen on the screen, each with the staff member to map it to… */
    mappings: z
      .array(z.object({ posAssociateId: z.string().trim().max(LIMITS.posAssociateId, 'A POS id is at most 40 characters'), staffId: id }).strict())
      .min(1, 'Choose at least one POS id')
      .max(2000, 'Map at most 2,000 POS ids at once')
      .optional(),
    /** …or a pasted or uploaded CSV of `pos_id,username` lines (a header row optional). */
    csv: z.string().max(200_000, 'The list can be at most 200,000 characters').optional(),
    /** Check every line and say what would happen, mapping nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((v) => (v.mappings === undefined) !== (v.csv === undefined), { message: 'Give a list of mappings or a CSV, not both', path: ['mappings'] });

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
  'pos-id-map': channel({ input: posMapInput, output: returns<PosMapResult>(), sample: { csv: 'pos_id,username\nA104,sam\nB7,sam', dryRun: true } }),
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
  /** Onboarding again by the same rule; a dry run is the preview of who moves, written nowhere. */
  'sales-onboarding-rerun': channel({ input: z.object({ dryRun: z.boolean().default(false) }).strict(), output: returns<SalesImportReport>(), sample: { dryRun: true } }),
} as const;
