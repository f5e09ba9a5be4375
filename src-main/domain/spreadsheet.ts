/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return
 * before one) as a formula. A leading apostrophe makes them show it as text instead.
 */

/** The characters that make a cell start like a formula: = + - @ tab CR (all ASCII, so also their UTF-8 bytes). */
export const FORMULA_STARTS = [61, 43, 45, 64, 9, 13] as const;

// A table, not a regular expression: an export asks this of twenty million cells.
const STARTS = new Uint8Array(128);
for (const c of FORMULA_STARTS) STARTS[c] = 1;

export function startsLikeFormula(cell: string): boolean {
  // charCodeAt(0) of '' is NaN, which indexes nothing.
  return STARTS[cell.charCodeAt(0)] === 1;
}

export function neutraliseFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}
