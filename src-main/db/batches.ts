/**
 * Multi-row statements in slices that fit SQLite's bound-parameter ceiling
 * (SQLITE_MAX_VARIABLE_NUMBER, 32,766 in the SQLite better-sqlite3 ships). A slice's size
 * comes from how many parameters each row binds: 5,000 audit rows of 7 columns would bind
 * 35,000 and fail with "too many SQL variables".
 */
const MAX_PARAMETERS = 32_766;
/** Room left for the parameters a statement binds besides its rows (a tag id, a date). */
const HEADROOM = 766;

export function inBatches<T>(items: readonly T[], parametersPerItem: number): T[][] {
  const size = Math.max(1, Math.floor((MAX_PARAMETERS - HEADROOM) / parametersPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
