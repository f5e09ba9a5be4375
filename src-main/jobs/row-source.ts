/**
 * The reading half of an import: parse the CSV, check each record's shape, normalise it to
 * client values and its phone to E.164. With a worker bundle this runs on its own thread
 * and hands the writer ready batches (a few ahead, no more), so parsing and libphonenumber
 * (~90k phones/s a core) run in parallel with the database writer; without one (unit
 * tests) the same generator runs inline.
 */
import { Worker } from 'node:worker_threads';
import { FileProblem, readRecordBatches } from '../csv/read';
import { normaliseRow, type CellWarning, type DateOrder, type ImportedRow, type RowContext } from '../domain/import-row';
import type { ImportField } from '../domain/import-fields';
import { normalisePhone } from '../domain/phone';
import { serialiseError, WORKER_LIMITS, type SerialisedError } from './protocol';

export const BATCH = 2000;
/** Batches the reader may run ahead of the writer. */
const AHEAD = 2;

export interface RowSourceParams {
  file: string;
  encoding: string;
  delimiter: string;
  mapping: (ImportField | null)[];
  dateOrder: DateOrder;
  at: string;
  defaultCountry: string;
}

export type PreparedRow =
  | { line: number; ok: true; row: ImportedRow; e164: string | null; warnings: CellWarning[] }
  /** A rejected row keeps its fields as they were, for the error report. */
  | { line: number; ok: false; column: string | null; reason: string; fields: string[] };

export type SourceMessage =
  | { type: 'header'; headers: string[] }
  | { type: 'rows'; rows: PreparedRow[]; bytes: number };

export async function* prepareRows(p: RowSourceParams): AsyncGenerator<SourceMessage> {
  let bytes = 0;
  let headers: string[] | null = null;
  let ctx: RowContext | null = null;
  const encodingName = p.encoding;
  let batch: PreparedRow[] = [];
  for await (const records of readRecordBatches(p.file, { encoding: p.encoding, delimiter: p.delimiter, onBytes: (b) => (bytes = b) })) {
    let from = 0;
    if (!headers) {
      headers = records[0]!.fields;
      from = 1;
      yield { type: 'header', headers };
      if (headers.length !== p.mapping.length) return;
      ctx = { headers, mapping: p.mapping, dateOrder: p.dateOrder, at: p.at };
    }
    for (let i = from; i < records.length; i++) {
      const { line, fields } = records[i]!;
      if (fields.length !== headers.length) {
        batch.push({ line, ok: false, column: null, reason: `The row has ${fields.length} fields but the header has ${headers.length}`, fields });
      } else if (fields.some((f) => f.includes('\uFFFD'))) {
        batch.push({ line, ok: false, column: null, reason: `The row has characters that are not valid ${encodingName}; choose the file's encoding`, fields });
      } else {
        const r = normaliseRow(fields, ctx!);
        if (r.ok) batch.push({ line, ok: true, row: r.row, e164: r.row.phone ? normalisePhone(r.row.phone, p.defaultCountry).e164 : null, warnings: r.warnings });
        else batch.push({ line, ok: false, column: r.column, reason: r.reason, fields });
      }
      if (batch.length >= BATCH) {
        yield { type: 'rows', rows: batch, bytes };
        batch = [];
      }
    }
  }
  if (!headers) throw new FileProblem('The file is empty.');
  if (batch.length) yield { type: 'rows', rows: batch, bytes };
}

export const READER_ROLE = 'rows';

/** Messages from the reader thread. */
type FromReader = SourceMessage | { type: 'end' } | { type: 'error'; error: SerialisedError };

/** The reader thread's side: produce, a few batches ahead of the writer's acknowledgements. */
export async function serveRows(p: RowSourceParams, post: (m: FromReader) => void, onAck: (cb: () => void) => void): Promise<void> {
  let credit = AHEAD;
  let waiting: (() => void) | null = null;
  onAck(() => {
    credit++;
    waiting?.();
    waiting = null;
  });
  try {
    for await (const message of prepareRows(p)) {
      if (credit <= 0) await new Promise<void>((resolve) => (waiting = resolve));
      if (message.type === 'rows') credit--;
      post(message);
    }
    post({ type: 'end' });
  } catch (err) {
    post({ type: 'error', error: serialiseError(err) });
  }
}

export interface RowSource extends AsyncIterable<SourceMessage> {
  close(): Promise<void>;
}

export function createRowSource(workerFile: string | null, p: RowSourceParams): RowSource {
  if (!workerFile) {
    const gen = prepareRows(p);
    return { [Symbol.asyncIterator]: () => gen, close: async () => void (await gen.return(undefined)) };
  }
  const worker = new Worker(workerFile, { workerData: { role: READER_ROLE, params: p }, resourceLimits: WORKER_LIMITS });
  const queue: FromReader[] = [];
  let wake: (() => void) | null = null;
  const push = (m: FromReader) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (err) => push({ type: 'error', error: serialiseError(err) }));
  worker.on('exit', (code) => push({ type: 'error', error: { name: 'Error', message: `The file reader stopped (exit code ${code}).` } }));
  async function* iterate(): AsyncGenerator<SourceMessage> {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      if (m.type === 'end') return;
      if (m.type === 'error') throw revive(m.error);
      if (m.type === 'rows') worker.postMessage('ack');
      yield m;
    }
  }
  return {
    [Symbol.asyncIterator]: iterate,
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/** A reader's FileProblem is still a FileProblem on the writer's side (reported with its line). */
function revive(e: SerialisedError): Error {
  if (e.name === 'FileProblem') {
    const problem = new FileProblem('', e.line ?? null);
    problem.message = e.message;
    return problem;
  }
  return Object.assign(new Error(e.message), { name: e.name, code: e.code });
}
