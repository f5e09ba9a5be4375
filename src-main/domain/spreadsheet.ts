/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return
 * before one) as a formula. A leading apostrophe makes them show it as text instead.
 */
export function startsLikeFormula(cell: string): boolean {
  // Character codes, not a regular expression: an export asks this of twenty million cells.
  const c = cell.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* tab */ || c === 13; /* CR */
}

export function neutraliseFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}
