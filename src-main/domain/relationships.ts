/**
 * How a stored link reads. A row (from, to, type) says "from is <name> of to", so "to is
 * <reverse name> of from". Symmetric types (Spouse/Spouse) are stored lowest id first so
 * the same pair cannot be linked twice in opposite directions.
 */
export interface TypeWords {
  name: string;
  reverse_name: string;
}

export const isSymmetric = (t: TypeWords) => t.name.toLocaleLowerCase() === t.reverse_name.toLocaleLowerCase();

/** The word for what `other` is to the client, given the stored row. */
export function wordForOther(t: TypeWords, row: { from_client_id: number }, otherId: number): string {
  return row.from_client_id === otherId ? t.name : t.reverse_name;
}

/**
 * The row for "other is <word> of client", where `side` says whether the word is the
 * type's name or its reverse name.
 */
export function storedDirection(t: TypeWords, clientId: number, otherId: number, side: 'name' | 'reverse'): { from: number; to: number } {
  if (isSymmetric(t)) return { from: Math.min(clientId, otherId), to: Math.max(clientId, otherId) };
  return side === 'name' ? { from: otherId, to: clientId } : { from: clientId, to: otherId };
}
