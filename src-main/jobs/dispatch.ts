import { runCampaign } from './campaign-job';
import { runExport } from './export-job';
import { runImport } from './import-job';
import { runSalesImport } from './sales-job';
import { runUndo } from './undo-job';
import { runIntegrityCheck } from './integrity-job';
import type { JobContext, JobRequest } from './types';

/** Runs one job, wherever it is: in the worker thread, or inline when no worker is built. */
export function runJobRequest(request: JobRequest, ctx: JobContext): Promise<unknown> {
  switch (request.kind) {
    case 'import':
      return runImport(request.params, ctx);
    case 'export':
      return runExport(request.params, ctx);
    case 'undo':
      return runUndo(request.params, ctx);
    case 'sales':
      return runSalesImport(request.params, ctx);
    case 'integrity':
      return runIntegrityCheck(request.params);
    case 'campaign':
      return runCampaign(request.params, ctx);
  }
}
