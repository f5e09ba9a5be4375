/**
 * The client export: one read transaction (a consistent snapshot), the visibility-scoped
 * query iterated row by row, written in batches that wait for the file. Memory stays flat
 * however many clients there are.
 *
 * Rows come packed: SQLite joins each client's cell texts into one string and csv/packed.ts
 * quotes and neutralises its bytes. Should a book hold a value that way cannot carry (see
 * PackedRowsUnsupported), the export starts over, in the same snapshot, cell by cell.
 */
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { exportPackedQuery, exportQuery, type ExportFilter } from '../db/queries/export.queries';
import { openCsvWriter, type CsvWriter } from '../csv/write';
import { packedLineEncoder, PackedRowsUnsupported, PACKED_SEPARATOR_SQL } from '../csv/packed';
import { exportableColumnsById, type ExportColumn, type SqlValue } from '../services/export-columns';
import { openJobDb, type JobDb } from './job-db';
import { tagCellsByClient } from './export-tags';
import { JobCancelled, type ExportParams, type ExportJobResult, type JobContext } from './types';

const BATCH = 5000;

/** How rows become lines: packed blobs (the normal way), or values formatted cell by cell. */
export type ExportEncoding = 'packed' | 'cells';

interface Pass {
  db: JobDb;
  filter: ExportFilter;
  columns: ExportColumn[];
  writer: CsvWriter;
  ctx: JobContext;
}

export async function runExport(p: ExportParams, ctx: JobContext, encoding: ExportEncoding = 'packed'): Promise<ExportJobResult> {
  const db = openJobDb(p);
  const columns = exportableColumnsById(p.actor, p.columns);
  const filter = { ...p.filter, scope: p.actor.scope };
  let writer = await openCsvWriter(p.file, p.header, p.mode);
  try {
    db.sqlite.exec('BEGIN');
    let rows: number;
    try {
      rows = encoding === 'packed' ? await writePacked({ db, filter, columns, writer, ctx }) : await writeCells({ db, filter, columns, writer, ctx });
    } catch (err) {
      if (!(err instanceof PackedRowsUnsupported)) throw err;
      // A fresh file (once the first one's writes have landed), the same snapshot.
      await writer.close();
      writer = await openCsvWriter(p.file, p.header, p.mode);
      rows = await writeCells({ db, filter, columns, writer, ctx });
    }
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

/** After each batch: the cancel check and the progress event. */
function batchDone(ctx: JobContext, rows: number): void {
  if (ctx.cancelled()) throw new JobCancelled();
  ctx.progress({ phase: 'export', done: rows, total: null, rows });
}

async function writePacked({ db, filter, columns, writer, ctx }: Pass): Promise<number> {
  // Tags (text as stored) are joined in by client id, not by a subquery a row (export-tags.ts).
  const tagsAt = columns.flatMap((c, i) => (c.field === 'tag_names' ? [i] : []));
  const spliced = tagsAt.length ? { at: tagsAt, text: tagCellsByClient(db) } : undefined;
  const cells = columns.map((c, i) => ({ field: c.field, sql: tagsAt.includes(i) ? () => sql`''` : c.format.sql }));
  const q = exportPackedQuery(db.kysely, filter, cells, PACKED_SEPARATOR_SQL, spliced !== undefined);
  const stmt = db.sqlite.prepare(q.sql).pluck(true);
  const lines = packedLineEncoder(writer.mode, columns.length, spliced);
  let rows = 0;
  // Iterating holds the statement open; writing awaits the file, which is fine: the
  // connection is this job's alone.
  for (const row of stmt.iterate(...(q.parameters as unknown[])) as Iterable<string>) {
    if (lines.push(row)) await writer.writeBytes(lines.take());
    if (++rows % BATCH === 0) batchDone(ctx, rows);
  }
  await writer.writeBytes(lines.take());
  return rows;
}

async function writeCells({ db, filter, columns, writer, ctx }: Pass): Promise<number> {
  const fields = [...new Set(columns.map((c) => c.field))];
  const q = exportQuery(db.kysely, filter, fields);
  // Rows as arrays: half the cost of building an object per client at a million rows.
  const stmt = db.sqlite.prepare(q.sql).raw(true);
  const ats = columns.map((c) => fields.indexOf(c.field));
  const formats = columns.map((c) => c.format.js);
  const { cell, eol } = writer;
  const last = columns.length - 1;
  let rows = 0;
  // Each batch is built as one string, cell by cell: no array per row, no join.
  let text = '';
  let inBatch = 0;
  for (const row of stmt.iterate(...(q.parameters as unknown[])) as Iterable<SqlValue[]>) {
    for (let i = 0; i < last; i++) text += cell(formats[i]!(row[ats[i]!])) + ',';
    text += cell(formats[last]!(row[ats[last]!])) + eol;
    if (++inBatch < BATCH) continue;
    rows += inBatch;
    await writer.writeLines(text);
    text = '';
    inBatch = 0;
    batchDone(ctx, rows);
  }
  rows += inBatch;
  await writer.writeLines(text);
  return rows;
}
