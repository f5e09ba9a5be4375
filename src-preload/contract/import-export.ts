/**
 * Files in and out: staged uploads read back by chunks, the CSV client import (inspect,
 * preview, run, history, undo), the client export, and cancelling a running job.
 */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { empty, fileId, id, required, returns, trimmed, uploadChunk } from '../fields';
import {
  CSV_DELIMITERS,
  MAX_IMPORT_COLUMNS,
  DATE_ORDERS,
  DUPLICATE_POLICIES,
  EXPORT_COLUMN_IDS,
  EXPORT_PRESETS,
  IMPORT_FIELDS,
  type ExportColumnId,
  type ImportField,
} from '../csv';
import { clientFilters } from './clients';
import { channel } from './shared';

export interface StagedFileInfo {
  fileId: string;
  name: string;
  bytes: number;
  complete: boolean;
}

export interface FileChunk {
  /** Base64 of up to FILE_CHUNK_BYTES bytes. */
  data: string;
  nextOffset: number | null;
  name: string;
  bytes: number;
}

export interface ImportInspection {
  uploadId: string;
  fileName: string;
  bytes: number;
  hash: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: (ImportField | null)[];
  /** A mapping confirmed before for this header set, or recognised from the headers. */
  mappingSource: 'saved' | 'recognised';
  duplicateHeaders: string[];
  /** The first records as parsed (header excluded). */
  preview: string[][];
  /** Earlier imports of a file with the same content. */
  previousImports: { id: number; at: string; by: string | null; undone: boolean }[];
  /** The date order guessed from the file's own dates, else the shop's country, and why in words. */
  dateOrder: (typeof DATE_ORDERS)[number];
  dateOrderBecause: string;
  /** The first date cells, each as it reads in every order (YYYY-MM-DD, or null when it cannot). */
  dateSamples: { line: number; column: string; value: string; reads: Record<(typeof DATE_ORDERS)[number], string | null> }[];
}

export type ImportPreviewRow =
  | { line: number; ok: true; values: Partial<Record<ImportField | 'phoneE164', string | null>>; warnings: { column: string; reason: string }[] }
  | { line: number; ok: false; column: string | null; reason: string };

export type RowOutcome = 'created' | 'updated' | 'skipped' | 'rejected';

export interface RowProblem {
  line: number;
  outcome: RowOutcome | 'warning';
  column: string | null;
  reason: string;
  /**
   * A row skipped as a duplicate: the client it matched, when the importer may see them, or the
   * earlier line of the same file; absent for a client the importer may not see.
   */
  duplicateOf?: { clientId: number; name: string } | { line: number };
}

export interface ImportResult {
  importId: number | null;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  warnings: number;
  /** Rejections, skips, warnings and the fields an update empties, in file order, up to the first thousand. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** The first rows' outcomes, for the dry-run table. */
  sample: { line: number; outcome: RowOutcome; name: string }[];
}

export interface ImportRunResult extends ImportResult {
  jobId: string;
  /** The rejected rows as they were plus a reason column, to download with file-read; null when none. */
  errorReportId: string | null;
}

export interface ImportSummary {
  id: number;
  at: string;
  by: string | null;
  fileName: string;
  fileHash: string;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  undoneAt: string | null;
}

export interface UndoResult {
  removed: number;
  restored: number;
  /** Clients changed since the import, left as they are now. */
  kept: { clientId: number; name: string; reason: string }[];
}

export interface ExportResult {
  fileId: string;
  fileName: string;
  rows: number;
  bytes: number;
}

const tag = required(LIMITS.tag, 'Tag');

const csvFormat = {
  uploadId: fileId,
  encoding: z.string().trim().min(1).max(40),
  delimiter: z.enum(CSV_DELIMITERS),
};
const importMapping = {
  mapping: z
    .array(z.enum(IMPORT_FIELDS).nullable())
    .min(1)
    .max(MAX_IMPORT_COLUMNS, `A file can have at most ${MAX_IMPORT_COLUMNS.toLocaleString('en')} columns`)
    .refine((m) => {
      const used = m.filter((f) => f !== null);
      return new Set(used).size === used.length;
    }, 'Each field can be mapped from one column only')
    .refine((m) => m.includes('firstName'), 'Map a column to First name'),
  dateOrder: z.enum(DATE_ORDERS).default('ymd'),
};
export const importRunInput = z
  .object({
    ...csvFormat,
    ...importMapping,
    onDuplicate: z.enum(DUPLICATE_POLICIES).default('skip'),
    assign: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('default') }).strict(),
        z.object({ kind: z.literal('unassigned') }).strict(),
        z.object({ kind: z.literal('me') }).strict(),
        z.object({ kind: z.literal('staff'), staffId: id }).strict(),
        z.object({ kind: z.literal('column') }).strict(),
      ])
      .default({ kind: 'default' }),
    tags: z.array(tag).max(20).default([]),
    /** The home of the clients created, unless the file's Location column names one: where the importer works today when absent. */
    locationId: id.optional(),
    dryRun: z.boolean(),
  })
  .strict();

export const exportInput = z
  .object({
    preset: z.enum(EXPORT_PRESETS).default('clientele'),
    /** Chosen columns in order; empty or missing means the preset's. */
    columns: z.array(z.enum(EXPORT_COLUMN_IDS)).max(EXPORT_COLUMN_IDS.length).optional(),
    query: trimmed(LIMITS.searchQuery, 'Search').optional(),
    ids: z.array(id).max(100_000).optional(),
    /** A segment's clients ('builtin:new' or 'saved:12', as segment-list gives them). */
    segmentId: z
      .string()
      .regex(/^(builtin:[a-z0-9-]{1,40}|saved:[1-9][0-9]{0,15})$/, 'Not a segment id')
      .optional(),
    /** The client list as the person sees it: its search (as the list searches) and its filters. */
    list: z.object({ query: trimmed(LIMITS.searchQuery, 'Search').optional(), filters: clientFilters.default({}) }).strict().optional(),
    /** Excel-safe (BOM, CRLF, formulas neutralised) or plain for round trips. */
    mode: z.enum(['excel', 'plain']).default('excel'),
  })
  .strict()
  .refine((v) => [v.ids, v.segmentId, v.list].filter((t) => t !== undefined).length <= 1, {
    path: ['list'],
    message: 'Export the selected clients, a segment or the list, one at a time',
  });

/** A staged file's id in samples; tests replace it with a real upload's. */
const SAMPLE_FILE_ID = '0123456789abcdef0123456789abcdef';

export const importExportChannels = {
  'file-upload': channel({
    input: uploadChunk,
    output: returns<StagedFileInfo>(),
    // "first_name,last_name\nLea,Sample\n"
    sample: { uploadId: null, name: 'clients.csv', offset: 0, data: 'Zmlyc3RfbmFtZSxsYXN0X25hbWUKTGVhLFNhbXBsZQo=', last: true },
  }),
  'file-read': channel({
    input: z.object({ fileId, offset: z.number().int().min(0) }).strict(),
    output: returns<FileChunk>(),
    sample: { fileId: SAMPLE_FILE_ID, offset: 0 },
  }),
  'import-inspect': channel({
    input: z
      .object({ uploadId: fileId, encoding: csvFormat.encoding.optional(), delimiter: csvFormat.delimiter.optional() })
      .strict(),
    output: returns<ImportInspection>(),
    sample: { uploadId: SAMPLE_FILE_ID },
  }),
  'import-preview': channel({
    input: z.object({ ...csvFormat, ...importMapping }).strict(),
    output: returns<ImportPreviewRow[]>(),
    sample: { uploadId: SAMPLE_FILE_ID, encoding: 'utf-8', delimiter: ',', mapping: ['firstName', 'lastName'] },
  }),
  'import-run': channel({
    input: importRunInput,
    output: returns<ImportRunResult>(),
    sample: { uploadId: SAMPLE_FILE_ID, encoding: 'utf-8', delimiter: ',', mapping: ['firstName', 'lastName'], assign: { kind: 'me' }, dryRun: false },
  }),
  'import-history': channel({ input: empty, output: returns<ImportSummary[]>(), sample: {} }),
  'import-undo': channel({ input: z.object({ importId: id }).strict(), output: returns<UndoResult>(), sample: { importId: 1 } }),
  'job-cancel': channel({
    input: z.object({ jobId: z.string().uuid('Not a valid job id') }).strict(),
    output: returns<null>(),
    sample: { jobId: '3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b' },
  }),
  'export-columns': channel({ input: empty, output: returns<{ id: ExportColumnId; label: string }[]>(), sample: {} }),
  'export-clients': channel({ input: exportInput, output: returns<ExportResult>(), sample: { preset: 'clientele', query: 'sample' } }),
} as const;
