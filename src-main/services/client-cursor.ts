/**
 * The list's opaque keyset cursor: which sort it belongs to and the last row's key, or the
 * last id of a search. A cursor from another sort or a tampered one is refused, never guessed.
 */
import type { ClientSort } from '../../src-preload/contract';
import { sortKeyValid, type SortKey } from '../db/queries/client-list.queries';
import { AppFailure } from './errors';

type Decoded = { kind: 'sort'; sort: ClientSort; key: SortKey } | { kind: 'search'; afterId: number };

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export const sortCursor = (sort: ClientSort, key: SortKey) => encode({ by: sort.by, dir: sort.dir, key });
export const searchCursor = (afterId: number) => encode({ search: afterId });

const invalid = () =>
  new AppFailure('VALIDATION', 'cursor: This list position is not valid; reload the list.', {
    issues: [{ field: 'cursor', message: 'Not a valid list position' }],
  });

export function decodeCursor(cursor: string, expect: { search: boolean; sort: ClientSort }): Decoded {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  if (typeof v !== 'object' || v === null) throw invalid();
  if (expect.search) {
    if (!Number.isSafeInteger(v.search)) throw invalid();
    return { kind: 'search', afterId: v.search as number };
  }
  const key = v.key;
  if (v.by !== expect.sort.by || v.dir !== expect.sort.dir || !Array.isArray(key) || !sortKeyValid(key, expect.sort.by)) throw invalid();
  return { kind: 'sort', sort: expect.sort, key };
}
