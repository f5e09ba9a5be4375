/**
 * An export's Tags cells, joined here instead of by a correlated subquery a row: at a
 * million clients that subquery was a fifth of the export. Reads in the export's own
 * transaction (the same snapshot): every tag's name, then the clients' tag ids a range of
 * client ids at a time (so a book with many tags a client never holds them all in memory),
 * as text in client then tag id order. The export's rows come by ascending client id, so a
 * cursor walks that text alongside them. Names are joined with ", " in tag id order, as
 * the subquery (export.queries.ts, tag_names) joins them; the export test holds the two
 * to the same bytes.
 */
import type { JobDb } from './job-db';
import { tagLinksQuery, tagNamesQuery } from '../db/queries/export.queries';

const EMPTY = Buffer.alloc(0);
/** Client ids a read of tag links covers. */
const RANGE = 65_536;

export function tagCellsByClient(db: JobDb): (clientId: number) => Buffer {
  const names = new Map<number, string>();
  const namesQuery = tagNamesQuery(db.kysely);
  for (const row of db.sqlite.prepare(namesQuery.sql).all(...(namesQuery.parameters as unknown[])) as { id: number; name: string }[]) {
    names.set(row.id, row.name);
  }
  // Prepared once with placeholder bounds; each range binds its own.
  const rangeSql = tagLinksQuery(db.kysely, 0, 0).sql;
  const linksInRange = db.sqlite.prepare(rangeSql).pluck(true);
  // One cell per distinct set of tags: a book has few.
  const cells = new Map<string, Buffer>();

  let links = '';
  let rangeEnd = -Infinity;
  let pos = 0;
  let client = -1;
  let tag = 0;
  const readNumber = () => {
    let n = 0;
    for (; pos < links.length; pos++) {
      const c = links.charCodeAt(pos);
      if (c === 44 /* , */) break;
      n = n * 10 + (c - 48);
    }
    pos++;
    return n;
  };
  /** The next link, or none (client Infinity) left before the range's end. */
  const next = () => {
    if (pos >= links.length) {
      client = Infinity;
      return;
    }
    client = readNumber();
    tag = readNumber();
  };

  let last = -Infinity;
  return (id) => {
    if (id <= last) throw new Error('Tag cells are read by ascending client id.');
    last = id;
    if (id >= rangeEnd) {
      rangeEnd = id + RANGE;
      links = (linksInRange.get(id, rangeEnd) as string | null) ?? '';
      pos = 0;
      next();
    }
    while (client < id) next();
    if (client !== id) return EMPTY;
    let key = '';
    while (client === id) {
      key += `${tag},`;
      next();
    }
    let cell = cells.get(key);
    if (!cell) {
      const ids = key.slice(0, -1).split(',').map(Number);
      // As the subquery's inner join: a tag without a name row writes nothing.
      cell = Buffer.from(ids.flatMap((t) => (names.has(t) ? [names.get(t)!] : [])).join(', '), 'utf8');
      cells.set(key, cell);
    }
    return cell;
  };
}
