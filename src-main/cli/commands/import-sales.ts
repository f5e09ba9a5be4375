/**
 * `import sales FILE`: a POS sales history through the same upload, job and report as the
 * Assignment rules screen. Ongoing by default; --onboarding assigns Unassigned clients by
 * total spend.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SalesImportReport } from '../../../src-preload/contract';
import type { CliContext, CliSession } from '../context';
import { uploadFile } from '../files';

export interface SalesOptions {
  onboarding: boolean;
  dryRun: boolean;
  json: boolean;
  errors: string | undefined;
}

export async function importSales(session: CliSession, file: string, o: SalesOptions, ctx: CliContext): Promise<number> {
  const uploadId = await uploadFile(session, resolve(file));
  const report = await session.call('sales-import', { uploadId, mode: o.onboarding ? 'onboarding' : 'ongoing', dryRun: o.dryRun });
  let problemsFile: string | null = null;
  if (o.errors && report.importId !== null && report.problems > 0) {
    const { csv } = await session.call('sales-import-problems', { importId: report.importId });
    await writeFile(resolve(o.errors), csv);
    problemsFile = o.errors;
  }
  if (o.json) {
    const { jobId: _job, problemSample, ...rest } = report;
    ctx.out(JSON.stringify({ ok: true, ...rest, problemRows: problemSample, problemsFile }));
    return 0;
  }
  for (const line of describe(report, problemsFile)) ctx.out(line);
  return 0;
}

function describe(r: SalesImportReport, problemsFile: string | null): string[] {
  const lines = [
    `${r.dryRun ? 'Dry run (nothing written)' : `Sales import #${r.importId}`} (${r.mode}): ${r.rows} rows — ${r.imported} imported, ` +
      `${r.duplicates} already in the book, ${r.problems} problems.`,
  ];
  if (r.clientsCreated > 0) lines.push(`${r.clientsCreated} clients the book did not have were added from the lines that name them.`);
  if (r.mode === 'onboarding') {
    const assigned = r.assigned.reduce((n, a) => n + a.clients, 0);
    lines.push(`Onboarding: ${assigned} clients assigned by greatest total spend (${r.ties} ties, ${r.noSpend} with no spend).`);
    for (const a of r.assigned) lines.push(`  ${a.name.padEnd(32)} ${a.clients}`);
    for (const u of r.unmapped) lines.push(`  POS id ${u.posAssociateId} is not mapped: ${u.clients} clients left Unassigned`);
  } else {
    lines.push(`${r.assignedBySale} Unassigned clients assigned to the seller of their first new sale.`);
  }
  for (const p of r.problemSample.slice(0, 20)) lines.push(`  line ${p.line}: ${p.reason}`);
  if (r.problems > 20) lines.push(`  … and ${r.problems - 20} more${problemsFile ? ` in ${problemsFile}` : r.dryRun ? '' : ' (write them all with --errors FILE)'}.`);
  return lines;
}
