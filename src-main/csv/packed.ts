/**
 * CSV lines from packed rows, for exports of a million clients. SQLite concatenates each
 * row's cell texts into one string, separated by the unit separator (U+001F), and this
 * encoder turns it into the same bytes that `cell` and `eol` of write.ts give for the same
 * values: the same quoting (QUOTE_TRIGGERS) and the same formula neutralisation
 * (FORMULA_STARTS), applied to the row's UTF-8 bytes. Every trigger is ASCII and no byte of
 * a multi-byte UTF-8 character is ASCII, so a byte test gives the answer the string test gives.
 *
 * Why: a JavaScript string per cell (twenty million of them), then each cell's quoting,
 * then encoding the text to UTF-8, was most of an export's time; one string per row,
 * encoded once, and one pass over its bytes is a fraction of it.
 *
 * A row whose cell count is wrong (a value holding the separator) is refused with
 * PackedRowsUnsupported: the caller then writes the export cell by cell instead.
 */
import { FORMULA_STARTS } from '../domain/spreadsheet';
import { QUOTE_TRIGGERS, type CsvMode } from './write';

/** The separator, as SQL, to put between a row's cells. */
export const PACKED_SEPARATOR_SQL = 'char(31)';
const SEPARATOR = 0x1f;
const QUOTE = 0x22;
const COMMA = 0x2c;
const APOSTROPHE = 0x27;

/** A chunk is handed to the file once it holds this many bytes. */
const CHUNK_BYTES = 1 << 20;

export class PackedRowsUnsupported extends Error {
  constructor(reason: string) {
    super(`Packed export rows refused: ${reason}.`);
  }
}

// Per byte: 0 copy as is, 1 end of cell, 2 needs quotes, 3 needs quotes and is doubled (").
const CLASS = new Uint8Array(256);
for (const c of QUOTE_TRIGGERS) CLASS[c.charCodeAt(0)] = 2;
CLASS[QUOTE] = 3;
CLASS[SEPARATOR] = 1;
const STARTS = new Uint8Array(256);
for (const c of FORMULA_STARTS) STARTS[c] = 1;

export interface PackedLineEncoder {
  /** Adds one packed row as a CSV line; true once a chunk is ready to `take`. */
  push(row: string): boolean;
  /** The lines added since the last take (empty when there are none). */
  take(): Buffer;
}

export function packedLineEncoder(mode: CsvMode, columns: number): PackedLineEncoder {
  const excel = mode === 'excel';
  let out = Buffer.allocUnsafe(CHUNK_BYTES * 2);
  let o = 0;
  // The row's UTF-8 bytes (at most three per UTF-16 unit).
  let bytes = Buffer.allocUnsafe(1 << 16);

  /** Room for a row's worst case: every byte a doubled quote, every cell quoted and neutralised. */
  const reserve = (n: number) => {
    const worst = 2 * n + 4 * columns + 2;
    if (o + worst <= out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, o + worst));
    out.copy(bigger, 0, 0, o);
    out = bigger;
  };

  return {
    push(text) {
      if (text.length * 3 > bytes.length) bytes = Buffer.allocUnsafe(text.length * 3);
      const n = bytes.write(text, 0);
      const row = bytes;
      reserve(n);
      let i = 0;
      let cells = 0;
      for (;;) {
        const start = i;
        let needs = 0;
        for (; i < n; i++) {
          const c = CLASS[row[i]!]!;
          if (c === 1) break;
          needs |= c;
        }
        const neutralise = excel && i > start && STARTS[row[start]!] === 1;
        if (needs !== 0) out[o++] = QUOTE;
        if (neutralise) out[o++] = APOSTROPHE;
        if (needs === 3) {
          for (let j = start; j < i; j++) {
            const b = row[j]!;
            out[o++] = b;
            if (b === QUOTE) out[o++] = QUOTE;
          }
        } else {
          for (let j = start; j < i; j++) out[o++] = row[j]!;
        }
        if (needs !== 0) out[o++] = QUOTE;
        cells++;
        if (i >= n) break;
        out[o++] = COMMA;
        i++;
      }
      if (cells !== columns) throw new PackedRowsUnsupported(`a row of ${cells} cells where ${columns} were expected`);
      if (excel) out[o++] = 0x0d;
      out[o++] = 0x0a;
      return o >= CHUNK_BYTES;
    },
    take() {
      const chunk = out.subarray(0, o);
      // The file keeps the chunk until it is written: the next lines go to a new buffer.
      out = Buffer.allocUnsafe(CHUNK_BYTES * 2);
      o = 0;
      return chunk;
    },
  };
}
