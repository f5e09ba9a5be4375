/**
 * What a job is asked to do and what it answers, as plain data: the same objects travel to
 * a worker thread by structured clone or stay in-process in tests.
 */
import type { ImportResult, UndoResult } from '../../src-preload/contract';
import type { SalesImportReport } from '../../src-preload/contract';
import type { SalesColumns } from '../domain/sales-columns';

export type { ImportResult, RowOutcome, RowProblem, UndoResult } from '../../src-preload/contract';
import type { FieldGroup } from '../../src-preload/policy';
import type { ImportField } from '../domain/import-fields';
import type { DateOrder } from '../domain/import-row';
import type { ClientScope } from '../domain/visibility';
import type { ExportFilter } from '../db/queries/export.queries';
import type { CsvMode } from '../csv/write';
import type { ExportColumnId } from '../../src-preload/csv';

/** Where the job finds the book: its own connection to the same file. */
export interface JobDatabase {
  databaseFile: string;
  nativeBinding?: string;
  /** The built worker bundle, for helpers the job starts (phone normalisers); null in-process. */
  workerFile: string | null;
}

export interface JobActor {
  id: number;
  scope: ClientScope;
  /** The locations a person with a limited scope may record at or give clients a home at; null: any. */
  locationIds: number[] | null;
  /** Field groups this person's role hides: never exported, never searched. */
  hiddenFields: FieldGroup[];
}

/** The person a job works for, as far as the job needs them: their scope and hidden field groups. */
export const jobActor = (actor: { id: number; scope: ClientScope; hiddenFields: ReadonlySet<FieldGroup>; locationIds: readonly number[] }): JobActor => ({
  id: actor.id,
  scope: actor.scope,
  locationIds: actor.scope.kind === 'all' ? null : [...actor.locationIds],
  hiddenFields: [...actor.hiddenFields],
});

export type Assignment =
  | { kind: 'default' }
  | { kind: 'unassigned' }
  | { kind: 'me' }
  | { kind: 'staff'; staffId: number }
  | { kind: 'column' };

export interface ImportSettings {
  encoding: string;
  delimiter: string;
  mapping: (ImportField | null)[];
  dateOrder: DateOrder;
  onDuplicate: 'skip' | 'fill' | 'overwrite';
  assign: Assignment;
  tags: string[];
  /** The home of each created client whose row names no known location. */
  homeLocationId: number | null;
}

export interface ImportParams extends JobDatabase, ImportSettings {
  actor: JobActor;
  file: string;
  fileName: string;
  fileHash: string;
  fileBytes: number;
  defaultCountry: string;
  dryRun: boolean;
  /** Where to write the rejected rows as they were, plus a reason column. */
  errorReportFile: string;
  at: string;
}

export const PROBLEM_LIMIT = 1000;
export const SAMPLE_LIMIT = 200;

export interface ExportParams extends JobDatabase {
  actor: JobActor;
  filter: Omit<ExportFilter, 'scope'>;
  header: string[];
  columns: ExportColumnId[];
  mode: CsvMode;
  file: string;
}

export interface ExportJobResult {
  rows: number;
  bytes: number;
}

export interface UndoParams extends JobDatabase {
  actor: JobActor;
  importId: number;
  at: string;
}

/** An uploaded sales file, its format and which column feeds which field (checked before the job starts). */
export interface SalesFile {
  path: string;
  bytes: number;
  encoding: string;
  delimiter: string;
  columns: SalesColumns;
}

export interface SalesParams extends JobDatabase {
  actor: JobActor;
  /** The sales to add, or null to re-run onboarding over the sales already in the book. */
  file: SalesFile | null;
  /** What the history says it came from: the file's name, or why onboarding re-ran. */
  source: string;
  mode: 'onboarding' | 'ongoing';
  dryRun: boolean;
  /** The importer may add clients: a buyer the book does not have, named by the line, is added. */
  createClients: boolean;
  defaultCountry: string;
  at: string;
}

/** The full integrity check of the book, read-only, in the background after it opens. */
export type IntegrityResult = { ok: true } | { ok: false; problem: string };

/** A campaign to queue: its list (inside the sender's scope), its templates, the shop's name for {{shop.name}}. */
export interface CampaignParams extends JobDatabase {
  actor: JobActor;
  filter: Omit<ExportFilter, 'scope' | 'consentedTo'>;
  name: string;
  subject: string;
  body: string;
  /** JSON of the list as the sender chose it, kept with the campaign. */
  audience: string;
  shopName: string;
  at: string;
}

export type JobRequest =
  | { kind: 'import'; params: ImportParams }
  | { kind: 'campaign'; params: CampaignParams }
  | { kind: 'export'; params: ExportParams }
  | { kind: 'undo'; params: UndoParams }
  | { kind: 'sales'; params: SalesParams }
  | { kind: 'integrity'; params: JobDatabase };

export type JobResultOf<R extends JobRequest> = R extends { kind: 'import' }
  ? ImportResult
  : R extends { kind: 'export' }
    ? ExportJobResult
    : R extends { kind: 'campaign' }
      ? { campaignId: number; recipients: number }
    : R extends { kind: 'sales' }
      ? SalesImportReport
      : R extends { kind: 'integrity' }
        ? IntegrityResult
        : UndoResult;

export interface JobProgress {
  phase: string;
  /** Bytes or rows done, against total (null when unknown). */
  done: number;
  total: number | null;
  rows: number;
}

export interface JobContext {
  progress(p: JobProgress): void;
  /** True once someone asked to cancel: the job rolls back at its next batch. */
  cancelled(): boolean;
}

export class JobCancelled extends Error {
  constructor() {
    super('The job was cancelled; nothing was changed.');
    this.name = 'JobCancelled';
  }
}
