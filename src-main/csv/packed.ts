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
/** Every byte that matters is below this one (just above ','): most bytes, letters and beyond ASCII, skip the table. */
let ABOVE_TRIGGERS = 0;
for (let b = 0; b < 256; b++) if (CLASS[b] !== 0) ABOVE_TRIGGERS = b + 1;
const STARTS = new Uint8Array(256);
for (const c of FORMULA_STARTS) STARTS[c] = 1;

/**
 * Cells filled in here rather than by SQLite, from the row's client id (packed as the row's
 * last cell, dropped from the line): what a correlated subquery per row would cost more to
 * compute. Their cells in the packed row are empty; rows come by ascending id.
 */
export interface SplicedCells {
  /** Which cells (by index among the line's cells). */
  at: readonly number[];
  /** The cell's UTF-8 text for this client (empty when none). */
  text(id: number): Buffer;
}

export interface PackedLineEncoder {
  /** Adds one packed row as a CSV line; true once a chunk is ready to `take`. */
  push(row: string): boolean;
  /** The lines added since the last take (empty when there are none). */
  take(): Buffer;
}

export function packedLineEncoder(mode: CsvMode, columns: number, spliced?: SplicedCells): PackedLineEncoder {
  const excel = mode === 'excel';
  let out = Buffer.allocUnsafe(CHUNK_BYTES * 2);
  let o = 0;
  const splicedAt = new Uint8Array(columns);
  for (const at of spliced?.at ?? []) splicedAt[at] = 1;

  /**
   * Makes room for a row of `bytes` at its worst (a UTF-16 unit is at most three): every
   * byte a doubled quote, every cell quoted and neutralised, the line ending.
   */
  const reserve = (bytes: number) => {
    const worst = 2 * bytes + 4 * columns + 2;
    if (o + worst <= out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, o + worst));
    out.copy(bigger, 0, 0, o);
    out = bigger;
  };

  /**
   * Quotes (doubling its quotes when `needs` says it holds one) and neutralises the cell at
   * [start, end), moving the rest of the row [end, rowEnd) right to make room; returns how
   * many bytes it added. Most cells need nothing, so this is the rare path.
   */
  const widen = (start: number, end: number, rowEnd: number, needs: number, neutralise: boolean) => {
    let quotes = 0;
    if (needs === 3) for (let j = start; j < end; j++) if (out[j] === QUOTE) quotes++;
    const extra = (needs !== 0 ? 2 : 0) + (neutralise ? 1 : 0) + quotes;
    out.copyWithin(end + extra, end, rowEnd);
    // Rewritten from the back, so no byte is overwritten before it is read.
    let w = end + extra;
    if (needs !== 0) out[--w] = QUOTE;
    for (let j = end - 1; j >= start; j--) {
      const b = out[j]!;
      out[--w] = b;
      if (b === QUOTE && needs === 3) out[--w] = QUOTE;
    }
    // What is left before the cell's bytes: its opening quote, then the apostrophe.
    if (neutralise) out[needs !== 0 ? start + 1 : start] = APOSTROPHE;
    if (needs !== 0) out[start] = QUOTE;
    return extra;
  };

  return {
    push(text) {
      let splice: Buffer | null = null;
      let idCell = 0;
      if (spliced) {
        // The id's digits, read back from the end of the row up to the separator.
        let id = 0;
        let at = text.length - 1;
        for (let scale = 1; at >= 0; at--, scale *= 10) {
          const c = text.charCodeAt(at);
          if (c === SEPARATOR) break;
          if (c < 48 || c > 57) throw new PackedRowsUnsupported('a row without its client id');
          id += (c - 48) * scale;
        }
        if (at < 0) throw new PackedRowsUnsupported('a row without its client id');
        idCell = text.length - at;
        splice = spliced.text(id);
      }
      reserve(3 * text.length + (splice ? splice.length * spliced!.at.length : 0));
      const buf = out;
      // The row's UTF-8 bytes go straight to their place in the chunk and are fixed up there
      // (the id cell, ASCII, is dropped).
      let end = o + buf.write(text, o) - idCell;
      let i = o;
      let cells = 0;
      for (;;) {
        const start = i;
        let needs = 0;
        if (splicedAt[cells] === 1 && splice !== null && splice.length > 0) {
          buf.copyWithin(i + splice.length, i, end);
          splice.copy(buf, i);
          end += splice.length;
        }
        for (; i < end; i++) {
          const b = buf[i]!;
          if (b >= ABOVE_TRIGGERS) continue;
          const c = CLASS[b]!;
          if (c === 1) break;
          needs |= c;
        }
        const neutralise = excel && i > start && STARTS[buf[start]!] === 1;
        if (needs !== 0 || neutralise) {
          const extra = widen(start, i, end, needs, neutralise);
          i += extra;
          end += extra;
        }
        cells++;
        if (i >= end) break;
        buf[i++] = COMMA;
      }
      if (cells !== columns) throw new PackedRowsUnsupported(`a row of ${cells} cells where ${columns} were expected`);
      o = end;
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
