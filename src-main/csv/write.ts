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

/** The characters that make a cell need quotes: the delimiter, the quote, line breaks (all ASCII). */
export const QUOTE_TRIGGERS = '",\r\n';
const NEEDS_QUOTES = new RegExp(`[${QUOTE_TRIGGERS}]`);

/**
 * RFC 4180 quoting, written out: at a million rows csv-stringify's per-record machinery
 * (options, casting, events) cost more than reading the rows from SQLite, and quoting
 * fields that hold the delimiter, a quote or a line break is all a CSV writer must do.
 */
function quote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const excelCell = (v: string) => (v === '' ? v : quote(neutraliseFormula(v)));
const plainCell = (v: string) => (v === '' ? v : quote(v));

/** A small Excel-mode CSV held in memory (audit log, outbox, problem rows): header first. */
export function excelCsv(header: string[], rows: string[][]): string {
  let out = '\uFEFF';
  for (const row of [header, ...rows]) out += row.map(excelCell).join(',') + '\r\n';
  return out;
}

export interface CsvWriter {
  readonly mode: CsvMode;
  /** One cell as this file writes it (neutralised in Excel mode, quoted when it must be). */
  readonly cell: (value: string) => string;
  /** This file's line ending. */
  readonly eol: string;
  /** Writes rows, waiting when the file falls behind so memory stays flat. */
  write(rows: string[][]): Promise<void>;
  /** Writes whole lines already built with `cell` and `eol` (the export's hot path). */
  writeLines(text: string): Promise<void>;
  /** Writes bytes already encoded as this file's lines; the writer keeps the buffer, so do not reuse it. */
  writeBytes(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
  /** Closes and removes nothing: the caller decides what an aborted file means. */
  abort(): void;
}

export async function openCsvWriter(path: string, header: string[], mode: CsvMode): Promise<CsvWriter> {
  const out: WriteStream = createWriteStream(path);
  // A failed write (a full disk) is kept and thrown from the next call; a stream error with
  // no listener would be thrown out of the event loop and end the process.
  let failed: Error | null = null;
  out.on('error', (err) => {
    failed ??= err;
  });
  const check = () => {
    if (failed) throw failed;
  };
  await once(out, 'open');
  const excel = mode === 'excel';
  const eol = excel ? '\r\n' : '\n';
  const cell = excel ? excelCell : plainCell;
  const encode = (rows: string[][]) => {
    let text = '';
    for (const row of rows) text += row.map(cell).join(',') + eol;
    return text;
  };
  const writeLines = async (text: string | Buffer) => {
    check();
    if (text.length === 0) return;
    if (!out.write(text)) await once(out, 'drain');
    check();
  };
  if (excel) out.write('\uFEFF');
  out.write(encode([header]));
  return {
    mode,
    cell,
    eol,
    write: (rows) => writeLines(encode(rows)),
    writeLines,
    writeBytes: writeLines,
    async close() {
      check();
      out.end();
      await once(out, 'finish');
      check();
    },
    abort() {
      out.destroy();
    },
  };
}
