/**
 * Client export: the person's visibility scope and exportable columns decide what is
 * written; the file streams from a worker thread into the staging folder, to be read out
 * by id (file-read). Every export is audited: who, which filter, which columns, how many rows.
 */
import type { ClientFilters, ExportResult, ParsedInput } from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { decide, type Actor } from '../domain/permissions';
import type { EventSink } from '../ipc/router';
import { jobActor, type JobDatabase } from '../jobs/types';
import { exportableColumns, planExport } from './export-columns';
import { forbidden, invalidField } from './errors';
import { refuseHiddenFilters } from './hidden-filters.guard';
import type { Jobs } from './jobs';
import type { SegmentsService } from './segments.service';
import type { Staging } from './staging';

export interface ExportDeps {
  db: Db;
  now: () => Date;
  staging: Staging;
  jobs: Jobs;
  jobDatabase: JobDatabase;
  segments: SegmentsService;
  /** The ids the client list's search finds for this person under these filters (client-bulk's "all matching"). */
  searchIds: (actor: Actor, query: string, filters: ClientFilters) => Promise<number[]>;
}

export function createExportsService(deps: ExportDeps) {
  return {
    columns(actor: Actor) {
      return exportableColumns(actor).map((c) => ({ id: c.id, label: c.label }));
    },

    async exportClients(actor: Actor, input: ParsedInput<'export-clients'>, send: EventSink): Promise<ExportResult> {
      if (input.mode === 'plain') {
        // A plain file opens in a spreadsheet with any formula a client's name or note holds.
        const d = decide(actor, 'export.unsafe');
        if (!d.allowed) throw forbidden(d.reason, d.code);
      }
      let plan;
      try {
        plan = planExport(actor, input.preset, input.columns);
      } catch (err) {
        throw invalidField('columns', (err as Error).message);
      }
      const at = deps.now();
      // Resolved here, from the session's person: a private segment of someone else is not found.
      const segment = input.segmentId ? await deps.segments.resolve(actor, input.segmentId) : undefined;
      // A segment filtering on a field hidden from this role is refused, as the list refuses it.
      if (segment) await refuseHiddenFilters(deps.db, actor, at, 'export-clients', segment.filters, undefined, 'segmentId');
      // The list as the person sees it: its filters as the list applies them, its search as the list searches.
      if (input.list) await refuseHiddenFilters(deps.db, actor, at, 'export-clients', input.list.filters, undefined, 'list.filters');
      const listIds = input.list?.query ? await deps.searchIds(actor, input.list.query, input.list.filters) : undefined;
      const fileName = `clients-${input.preset}-${at.toISOString().slice(0, 10)}.csv`;
      const file = deps.staging.reserve(actor.id, fileName);
      // A role that may not see contact details may not find clients by them either.
      const filter = {
        query: input.query || undefined,
        searchContact: !actor.hiddenFields.has('contact'),
        ids: input.ids ?? listIds,
        consentedTo: plan.consentedTo,
        segment: segment
          ? { filters: segment.filters, staffId: actor.id, now: at.toISOString() }
          : input.list && { filters: input.list.filters, staffId: actor.id, now: at.toISOString() },
      };
      const job = deps.jobs.start(
        actor,
        {
          kind: 'export',
          params: {
            ...deps.jobDatabase,
            actor: jobActor(actor),
            filter,
            header: plan.header,
            columns: plan.columns.map((c) => c.id),
            mode: input.mode,
            file: file.path,
          },
        },
        send,
      );
      try {
        const { rows, bytes } = await job.result;
        await deps.staging.finish(file);
        await insertAudit(deps.db, {
          actorId: actor.id,
          action: 'client.export',
          entity: 'client',
          entityId: null,
          after: { preset: input.preset, columns: plan.columns.map((c) => c.id), filter: { query: filter.query ?? input.list?.query ?? null, listFilters: input.list?.filters ?? null, ids: input.ids?.length ?? null, consentedTo: plan.consentedTo ?? null, segment: segment ? { id: segment.id, name: segment.name } : null }, mode: input.mode, rows },
          at: at.toISOString(),
        });
        return { fileId: file.id, fileName, rows, bytes };
      } catch (err) {
        await deps.staging.discard(file);
        throw err;
      }
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
