import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Services read clients for a person only through the scoped base query (clientsFor in
 * db/queries/scope.ts) or the query modules built on it: a service that selects from
 * `clients` itself could forget the scope.
 */
describe('scoped reads', () => {
  it('no service selects from clients directly', () => {
    const dir = join(__dirname, '../../src-main/services');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /selectFrom\(\s*['"]clients['"]/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
