/**
 * Sales history from the POS, as use cases: check the uploaded file's columns, then hand
 * the import (or an onboarding re-run) to a job in a worker thread with its own connection
 * (jobs/sales-job.ts), which streams progress, can be cancelled and commits all-or-nothing.
 * Also: the POS ids seen in sales, and the problem rows of an import as a CSV.
 */
import type { ParsedInput } from '../../src-preload/contract';
import type { PosIdSummary, SalesImportReport } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { listPosIds } from '../db/queries/assignment.queries';
import { decodeSample, detectDelimiter, detectEncoding, FileProblem, readRecords, readSample } from '../csv/read';
import { excelCsv } from '../csv/write';
import { decide, type Actor } from '../domain/permissions';
import { mapSalesHeaders, missingSalesColumns } from '../domain/sales-columns';
import type { EventSink } from '../ipc/router';
import { jobActor, type JobDatabase, type SalesFile, type SalesParams } from '../jobs/types';
import { AppFailure, forbidden, invalidField, notFound } from './errors';
import type { Jobs } from './jobs';
import type { SettingsService } from './settings.service';
import type { Staging, StagedFile } from './staging';

export interface SalesDeps {
  db: Db;
  now: () => Date;
  settings: SettingsService;
  staging: Staging;
  jobs: Jobs;
  jobDatabase: JobDatabase;
}

export function createSalesService(deps: SalesDeps) {
  const { db, settings } = deps;

  /** The file's format and columns, read from its first record; a file that cannot feed an import is refused before any job starts. */
  async function salesFile(file: StagedFile): Promise<SalesFile> {
    try {
      const sample = await readSample(file.path);
      const encoding = detectEncoding(sample);
      const delimiter = detectDelimiter(decodeSample(sample, encoding));
      const records = readRecords(file.path, { encoding, delimiter });
      const first = await records.next();
      await records.return(undefined);
      if (first.done) throw invalidField('file', 'The file is empty');
      const headers = first.value.fields.map((h) => h.trim());
      const { columns } = mapSalesHeaders(headers);
      const missing = missingSalesColumns(headers, columns);
      if (missing) throw invalidField('file', missing);
      return { path: file.path, bytes: file.bytes, encoding, delimiter, columns };
    } catch (err) {
      if (err instanceof FileProblem) throw new AppFailure('VALIDATION', err.message, { issues: [{ field: 'file', message: err.message }], line: err.line });
      throw err;
    }
  }

  async function run(actor: Actor, params: Omit<SalesParams, keyof JobDatabase | 'actor' | 'defaultCountry' | 'at' | 'createClients'>, send: EventSink): Promise<SalesImportReport> {
    const { defaultCountry } = await settings.get();
    const job = deps.jobs.start(
      actor,
      {
        kind: 'sales',
        params: {
          ...deps.jobDatabase,
          ...params,
          actor: jobActor(actor),
          // A buyer the book does not have is added only by someone who may add clients.
          createClients: decide(actor, 'client.create').allowed,
          defaultCountry,
          at: deps.now().toISOString(),
        },
      },
      send,
    );
    const report = await job.result;
    // The job wrote onboarding_completed_at behind the settings cache: read it again so settings-get tells the truth.
    if (params.mode === 'onboarding' && !params.dryRun) await settings.load();
    return { ...report, jobId: job.id };
  }

  return {
    async importFile(actor: Actor, input: ParsedInput<'sales-import'>, send: EventSink): Promise<SalesImportReport> {
      const staged = deps.staging.get(actor.id, input.uploadId, 'uploadId');
      // Onboarding assigns clients to their best sellers: assigning others' clients.
      if (input.mode === 'onboarding') {
        const d = decide(actor, 'client.assign-others');
        if (!d.allowed) throw forbidden(d.reason, d.code);
      }
      const file = await salesFile(staged);
      // Matching sales to clients by email or phone would tell a role that hides them whose they are.
      if (actor.hiddenFields.has('contact') && (file.columns.email !== undefined || file.columns.phone !== undefined)) {
        throw invalidField('file', 'Your role cannot import sales matched by email or phone: contact details are hidden from you. Use a file that names clients by their customer id');
      }
      const report = await run(actor, { file, source: staged.name, mode: input.mode, dryRun: input.dryRun }, send);
      // The upload has served once the sales are in the book.
      if (!input.dryRun) await deps.staging.discard(staged).catch(() => undefined);
      return report;
    },
    /**
     * Onboarding again (after mapping more POS ids), for the clients the person may see that
     * are Unassigned or still on onboarding's assignment; a dry run says who would move.
     */
    rerunOnboarding(actor: Actor, input: ParsedInput<'sales-onboarding-rerun'>, send: EventSink): Promise<SalesImportReport> {
      return run(actor, { file: null, source: 're-run of onboarding', mode: 'onboarding', dryRun: input.dryRun }, send);
    },
    async posIds(actor: Actor): Promise<PosIdSummary[]> {
      // Amounts are purchase history: a role that hides it sees how many sales, not their total.
      const seesAmounts = !actor.hiddenFields.has('purchases');
      return (await listPosIds(db, actor.scope)).map((r) => ({
        posAssociateId: r.pos_id!,
        staff: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
        sales: Number(r.sales),
        totalCents: seesAmounts ? Number(r.total_cents ?? 0) : null,
      }));
    },
    async problems(actor: Actor, importId: number): Promise<{ filename: string; csv: string; rows: number }> {
      // A report lists clients' emails and phones as the file named them: its importer's, or an Admin's who holds everything.
      const imp = await db.selectFrom('sales_imports').select('actor_id').where('id', '=', importId).executeTakeFirst();
      if (!imp || !decide(actor, 'import', { kind: 'owned', ownerId: imp.actor_id }).allowed) throw notFound('That sales import');
      const rows = await db.selectFrom('sales_import_problems').selectAll().where('import_id', '=', importId).orderBy('line').execute();
      const body = rows.map((r) => [String(r.line), r.transaction_id ?? '', r.match_key ?? '', r.reason]);
      const csv = excelCsv(['Line', 'Transaction id', 'Client key', 'Problem'], body);
      return { filename: `sales-import-${importId}-problems.csv`, csv, rows: rows.length };
    },
  };
}
export type SalesService = ReturnType<typeof createSalesService>;
