/**
 * Writing CSV for people and for round trips. Excel mode (the default): UTF-8 BOM so Excel
 * reads the accents, CRLF rows, and every cell that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) prefixed with an apostrophe, as OWASP recommends.
 * Plain mode writes the values untouched, so an export re-imports losslessly.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { neutraliseFormula } from '../domain/spreadsheet';

export type CsvMode = 'excel' | 'plain';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180 quoting, written out: at a million rows csv-stringify's per-record machinery
 * (options, casting, events) cost more than reading the rows from SQLite, and quoting
 * fields that hold the delimiter, a quote or a line break is all a CSV writer must do.
 */
function quote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A small Excel-mode CSV held in memory (audit log, outbox, problem rows): header first. */
export function excelCsv(header: string[], rows: string[][]): string {
  let out = '\uFEFF';
  for (const row of [header, ...rows]) out += row.map((v) => quote(neutraliseFormula(v))).join(',') + '\r\n';
  return out;
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
  const eol = excel ? '\r\n' : '\n';
  const cell = excel ? (v: string) => quote(neutraliseFormula(v)) : quote;
  const encode = (rows: string[][]) => {
    let out = '';
    for (const row of rows) out += row.map(cell).join(',') + eol;
    return out;
  };
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
