/**
 * The client export: one read transaction (a consistent snapshot), the visibility-scoped
 * query iterated row by row, written through the CSV writer in batches that wait for the
 * file. Memory stays flat however many clients there are.
 */
import { statSync } from 'node:fs';
import { exportQuery } from '../db/queries/export.queries';
import { openCsvWriter } from '../csv/write';
import { exportableColumnsById } from '../services/export-columns';
import { openJobDb } from './job-db';
import { JobCancelled, type ExportParams, type ExportJobResult, type JobContext } from './types';

const BATCH = 5000;

export async function runExport(p: ExportParams, ctx: JobContext): Promise<ExportJobResult> {
  const db = openJobDb(p);
  const columns = exportableColumnsById(p.actor, p.columns);
  const writer = await openCsvWriter(p.file, p.header, p.mode);
  let rows = 0;
  try {
    const fields = [...new Set(columns.map((c) => c.field))];
    const q = exportQuery(db.kysely, { ...p.filter, scope: p.actor.scope }, fields);
    db.sqlite.exec('BEGIN');
    // Rows as arrays: half the cost of building an object per client at a million rows.
    const stmt = db.sqlite.prepare(q.sql).raw(true);
    const ats = columns.map((c) => fields.indexOf(c.field));
    const formats = columns.map((c) => c.format);
    const { cell, eol } = writer;
    const last = columns.length - 1;
    // Each batch is built as one string, cell by cell: no array per row, no join.
    let text = '';
    let inBatch = 0;
    for (const row of stmt.iterate(...(q.parameters as unknown[])) as Iterable<unknown[]>) {
      for (let i = 0; i < last; i++) text += cell(formats[i]!(row[ats[i]!])) + ',';
      text += cell(formats[last]!(row[ats[last]!])) + eol;
      if (++inBatch < BATCH) continue;
      rows += inBatch;
      // Iterating holds the statement open; writing awaits the file, which is fine: the
      // connection is this job's alone.
      await writer.writeLines(text);
      text = '';
      inBatch = 0;
      if (ctx.cancelled()) throw new JobCancelled();
      ctx.progress({ phase: 'export', done: rows, total: null, rows });
    }
    rows += inBatch;
    await writer.writeLines(text);
    db.sqlite.exec('COMMIT');
    await writer.close();
    ctx.progress({ phase: 'export', done: rows, total: rows, rows });
    return { rows, bytes: statSync(p.file).size };
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK');
    db.close();
  }
}
