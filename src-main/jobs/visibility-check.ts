/**
 * Whether the client with this id is in a person's scope, for jobs that match file rows to
 * clients one at a time (client imports, sales imports). The scope is the same WHERE
 * condition every client query applies (db/queries/scope.ts), compiled once and run as a
 * prepared statement per row; the sentinel id marks the one parameter that changes.
 */
import type { ClientScope } from '../domain/visibility';
import { clientsFor } from '../db/queries/scope';
import type { JobDb } from './job-db';

export function createVisibilityCheck(db: JobDb, scope: ClientScope): (id: number) => boolean {
  if (scope.kind === 'all') return () => true;
  const SENTINEL = -424242;
  const q = clientsFor(db.kysely, scope).select('clients.id').where('clients.id', '=', SENTINEL).compile();
  const params = [...(q.parameters as unknown[])];
  const at = params.indexOf(SENTINEL);
  if (at < 0) throw new Error('visibility check: the id parameter was not found');
  const stmt = db.sqlite.prepare(q.sql);
  return (id: number) => {
    params[at] = id;
    return stmt.get(...params) !== undefined;
  };
}

/** What a person is told about a file row whose client they may not see: that it exists, nothing more. */
export const OUT_OF_SCOPE = 'Matches a client you cannot see (ask a Manager)';
