/**
 * Writing CSV for people and for round trips. Excel mode (the default): UTF-8 BOM so Excel
 * reads the accents, CRLF rows, and every cell that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) prefixed with an apostrophe, as OWASP recommends.
 * Plain mode writes the values untouched, so an export re-imports losslessly.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

export type CsvMode = 'excel' | 'plain';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvWriter {
  /** Writes rows, waiting when the file falls behind so memory stays flat. */
  write(rows: string[][]): Promise<void>;
  close(): Promise<void>;
  /** Closes and removes nothing: the caller decides what an aborted file means. */
  abort(): void;
}

export async function openCsvWriter(path: string, header: string[], mode: CsvMode): Promise<CsvWriter> {
  const out: WriteStream = createWriteStream(path);
  await once(out, 'open');
  const excel = mode === 'excel';
  const encode = (rows: string[][]) =>
    stringify(excel ? rows.map((r) => r.map(neutralise)) : rows, { record_delimiter: excel ? 'windows' : 'unix' });
  if (excel) out.write('\uFEFF');
  out.write(encode([header]));
  return {
    async write(rows) {
      if (rows.length === 0) return;
      if (!out.write(encode(rows))) await once(out, 'drain');
    },
    async close() {
      out.end();
      await once(out, 'finish');
    },
    abort() {
      out.destroy();
    },
  };
}
