/**
 * The client import, dry run and commit alike: stream the file, normalise each row, match
 * it against the book (email, then E.164 phone, case-insensitively, the file's own earlier
 * rows included), then create, update or skip it by the duplicate policy.
 *
 * All of it runs in ONE write transaction on the job's own connection: a commit makes every
 * row visible at once, and a cancel, a crash or kill -9 leaves the book as it was. A dry run
 * does exactly the same work and rolls back, so its counts are the commit's counts.
 */
import { insertAuditSync } from './audit-sync';
import { sqliteLower } from '../domain/fold';
import type { ImportedRow } from '../domain/import-row';
import { FIELD_LABELS, type ImportField } from '../domain/import-fields';
import { FileProblem } from '../csv/read';
import { openCsvWriter, type CsvWriter } from '../csv/write';
import { deferIndexes, HOME_BIT_SQL } from './bulk-indexes';
import { openJobDb, type JobDb } from './job-db';
import { backUpBeforeImport } from './pre-import-backup';
import { createRowSource, type PreparedRow } from './row-source';
import { createMatcher, type Existing } from './import-match';
import { OUT_OF_SCOPE } from './visibility-check';
import {
  JobCancelled,
  PROBLEM_LIMIT,
  SAMPLE_LIMIT,
  type ImportParams,
  type ImportResult,
  type JobContext,
  type RowOutcome,
  type RowProblem,
} from './types';

/** The columns a duplicate policy may fill or overwrite; phone_e164 travels with phone. */
const UPDATABLE = [
  'first_name', 'last_name', 'email', 'phone', 'birthday', 'anniversary', 'address_line1', 'address_line2',
  'city', 'region', 'postal_code', 'country', 'notes', 'consent_email', 'consent_email_at', 'consent_email_source',
  'consent_sms', 'consent_sms_at', 'consent_sms_source', 'external_id',
] as const;
type Updatable = (typeof UPDATABLE)[number];

/**
 * The file fields that feed each column. A column the file does not have never changes its
 * field; an empty cell empties it only under "overwrite". Consent changes only on an
 * explicit yes or no: an empty consent cell says nothing.
 */
const SOURCES: Record<Updatable, readonly ImportField[]> = {
  first_name: ['firstName'], last_name: ['lastName'], email: ['email'], phone: ['phone', 'phoneAlt'],
  birthday: ['birthday'], anniversary: ['anniversary'], address_line1: ['address1'], address_line2: ['address2'],
  city: ['city'], region: ['region'], postal_code: ['postalCode'], country: ['country'], notes: ['notes'],
  consent_email: [], consent_email_at: [], consent_email_source: [], consent_sms: [], consent_sms_at: [], consent_sms_source: [],
  external_id: ['customerId'],
};

export async function runImport(p: ImportParams, ctx: JobContext): Promise<ImportResult> {
  const db = openJobDb(p);
  const source = createRowSource(p.workerFile, {
    file: p.file, encoding: p.encoding, delimiter: p.delimiter, mapping: p.mapping, dateOrder: p.dateOrder, at: p.at,
    defaultCountry: p.defaultCountry,
  });
  let report: CsvWriter | null = null;
  const result: ImportResult = {
    importId: null, dryRun: p.dryRun, rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0, warnings: 0,
    problems: [], problemsTruncated: false, sample: [],
  };
  try {
    if (!p.dryRun) await backUpBeforeImport(db, p, ctx);
    db.sqlite.exec('BEGIN IMMEDIATE');
    const indexes = deferIndexes(db, p.fileBytes);
    let writer: ReturnType<typeof createWriter> | null = null;
    // The reader parses and normalises the next batches while this thread writes.
    for await (const message of source) {
      if (message.type === 'header') {
        const headers = message.headers;
        if (headers.length !== p.mapping.length) {
          throw new FileProblem(`The file has ${headers.length} columns but the mapping has ${p.mapping.length}; inspect the file again.`, 1);
        }
        report = await openCsvWriter(p.errorReportFile, ['Line', ...headers, 'Reason'], 'plain');
        writer = createWriter(db, p, result, report, headers, indexes.homeBits);
        continue;
      }
      // Let the thread read its messages first: when the reader is batches ahead, `for await`
      // never yields to the event loop, and a cancel sent meanwhile would go unseen.
      await yieldToMessages();
      if (ctx.cancelled()) throw new JobCancelled();
      await writer!.batch(message.rows);
      ctx.progress({ phase: p.dryRun ? 'dry-run' : 'import', done: message.bytes, total: p.fileBytes, rows: result.rows });
    }
    if (!writer) throw new FileProblem('The file is empty.');
    writer.close();
    if (p.dryRun) {
      db.sqlite.exec('ROLLBACK');
    } else {
      ctx.progress({ phase: 'indexing', done: p.fileBytes, total: p.fileBytes, rows: result.rows });
      indexes.rebuild();
      await yieldToMessages();
      if (ctx.cancelled()) throw new JobCancelled();
      db.sqlite.exec('COMMIT');
    }
    result.importId = p.dryRun ? null : writer.importId;
    return result;
  } catch (err) {
    if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK');
    throw err;
  } finally {
    await report?.close();
    await source.close();
    db.close();
  }
}

function createWriter(db: JobDb, p: ImportParams, result: ImportResult, report: CsvWriter, headers: readonly string[], homeBits: boolean) {
  const { sqlite } = db;
  // The file's column (header and field) behind each updatable column, when it has one.
  const fileColumn = new Map<Updatable, { header: string; field: ImportField }>();
  for (const col of UPDATABLE) {
    const i = p.mapping.findIndex((f) => f !== null && SOURCES[col].includes(f));
    if (i >= 0) fileColumn.set(col, { header: headers[i] ?? `column ${i + 1}`, field: p.mapping[i]! });
  }
  const match = createMatcher(db, p.actor.scope);
  const maxIdBefore = (sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  const importId = Number(
    sqlite
      .prepare(
        `INSERT INTO imports (kind, actor_id, file_name, file_hash, file_bytes, options, at)
         VALUES ('clients', ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.actor.id, p.fileName.slice(0, 255), p.fileHash, p.fileBytes, JSON.stringify(settingsOf(p)), p.at).lastInsertRowid,
  );
  // Positional parameters: binding by name costs a third more per row at a million rows. While
  // the home pairs are deferred (bulk-indexes), the row carries its home's location bit itself.
  const insertClient = sqlite.prepare(
    `INSERT INTO clients (first_name, last_name, email, phone, phone_e164, birthday, anniversary, address_line1,
       address_line2, city, region, postal_code, country, notes, consent_email, consent_email_at, consent_email_source,
       consent_sms, consent_sms_at, consent_sms_source, created_by, assigned_staff_id, created_at, updated_at,
       home_location_id, external_id${homeBits ? ', location_mask' : ''})
     VALUES (${new Array(26).fill('?').join(', ')}${homeBits ? `, ${HOME_BIT_SQL}` : ''})`,
  );
  const recordUpdate = sqlite.prepare(
    `INSERT INTO import_rows (import_id, client_id, before, version_after) VALUES (?, ?, ?, ?)
     ON CONFLICT (import_id, client_id) DO UPDATE SET version_after = excluded.version_after`,
  );
  const linkTag = sqlite.prepare('INSERT OR IGNORE INTO client_tags (client_id, tag_id) VALUES (?, ?)');
  const tagIds = createTagCache(db, p.at);
  const assignee = createAssignee(db, p);
  const homeOf = createHome(db, p);
  const updates = new Map<string, ReturnType<typeof sqlite.prepare>>();
  const extraTags = p.tags.map((t) => t.trim()).filter(Boolean);
  let firstCreated: number | null = null;
  let lastCreated: number | null = null;
  // Created clients whose row named nobody (or nobody known) and who went to the default assignee instead.
  const toDefault: number[] = [];
  let assigned = 0;

  const note = (line: number, outcome: RowOutcome | 'warning', column: string | null, reason: string, duplicateOf?: RowProblem['duplicateOf']) => {
    if (result.problems.length < PROBLEM_LIMIT) result.problems.push({ line, outcome, column, reason, ...(duplicateOf ? { duplicateOf } : {}) });
    else result.problemsTruncated = true;
  };
  // The file line each client this import created came from, by creation order (its ids follow maxIdBefore).
  const createdLines: number[] = [];
  const sample = (line: number, outcome: RowOutcome, row: ImportedRow | null) => {
    if (result.sample.length < SAMPLE_LIMIT) {
      result.sample.push({ line, outcome, name: row ? `${row.first_name} ${row.last_name}`.trim() : '' });
    }
  };
  const reject = async (line: number, fields: string[] | null, column: string | null, reason: string) => {
    result.rejected++;
    note(line, 'rejected', column, reason);
    sample(line, 'rejected', null);
    if (fields) await report.write([[String(line), ...fields, column ? `${column}: ${reason}` : reason]]);
  };

  /**
   * A customer id is unique in the book (the POS names one client by it): one another client
   * holds, or an earlier row of this file gave, is left out with a warning that names nobody.
   */
  const customerIdHolder = sqlite.prepare('SELECT id FROM clients WHERE external_id = ?').pluck();
  const freeCustomerId = (value: string | null, self: number | null, warn: (reason: string) => void): string | null => {
    if (!value) return null;
    const holder = customerIdHolder.get(value) as number | undefined;
    if (holder === undefined || holder === self) return value;
    warn(`Customer id "${value.slice(0, 40)}" already belongs to another client; left empty`);
    return null;
  };

  const linkTags = (clientId: number, names: string[]): number[] => {
    const added: number[] = [];
    for (const name of names) {
      const tagId = tagIds(name);
      if (linkTag.run(clientId, tagId).changes) added.push(tagId);
    }
    return added;
  };

  const create = (row: ImportedRow, e164: string | null, line: number): void => {
    const warn = (reason: string) => {
      result.warnings++;
      note(line, 'warning', null, reason);
    };
    const { owner, fallback } = assignee(row.assignedTo, warn);
    const home = homeOf(row.location, warn);
    const values = [
      row.first_name, row.last_name, row.email, row.phone, e164, row.birthday, row.anniversary, row.address_line1,
      row.address_line2, row.city, row.region, row.postal_code, row.country, row.notes, row.consent_email ?? 0,
      row.consent_email_at, row.consent_email_source, row.consent_sms ?? 0, row.consent_sms_at, row.consent_sms_source,
      p.actor.id, owner, p.at, p.at, home, freeCustomerId(row.external_id, null, warn),
    ];
    if (homeBits) values.push(home, home);
    const id = Number(insertClient.run(values).lastInsertRowid);
    createdLines[id - maxIdBefore - 1] = line;
    if (owner !== null) assigned++;
    if (fallback && owner !== null) toDefault.push(id);
    firstCreated ??= id;
    lastCreated = id;
    linkTags(id, [...row.tags, ...extraTags]);
    result.created++;
  };

  const update = (existing: Existing, row: ImportedRow, e164: string | null, line: number): boolean => {
    const changes: Partial<Record<Updatable | 'phone_e164', unknown>> = {};
    const emptied: { header: string; field: ImportField }[] = [];
    const incoming = { ...columnsOf(row) } as Record<Updatable, unknown>;
    for (const col of UPDATABLE) {
      const value = incoming[col];
      const current = existing[col];
      if (value === null || value === '') {
        const from = fileColumn.get(col);
        if (!from || p.onDuplicate !== 'overwrite' || isBlank(existing, col)) continue;
        changes[col] = col === 'last_name' ? '' : null;
        emptied.push(from);
        continue;
      }
      if (value === undefined) continue;
      if (p.onDuplicate === 'fill' && !isBlank(existing, col)) continue;
      if (current === value) continue;
      changes[col] = value;
    }
    if ('phone' in changes) changes.phone_e164 = e164;
    if (typeof changes.external_id === 'string') {
      const free = freeCustomerId(changes.external_id, existing.id, (reason) => {
        result.warnings++;
        note(line, 'warning', fileColumn.get('external_id')?.header ?? null, reason);
      });
      if (free === null) delete changes.external_id;
    }
    const before: Record<string, unknown> = {};
    for (const col of Object.keys(changes)) before[col] = existing[col as keyof Existing];
    const cols = Object.keys(changes);
    const tagsAdded = linkTags(existing.id, [...row.tags, ...extraTags]);
    if (cols.length === 0 && tagsAdded.length === 0) return false;
    if (cols.length) {
      const key = cols.join(',');
      let stmt = updates.get(key);
      if (!stmt) {
        stmt = sqlite.prepare(
          `UPDATE clients SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, version = version + 1, updated_at = @at WHERE id = @id`,
        );
        updates.set(key, stmt);
      }
      stmt.run({ ...changes, at: p.at, id: existing.id });
    }
    const versionAfter = existing.version + (cols.length ? 1 : 0);
    recordUpdate.run(importId, existing.id, JSON.stringify({ columns: before, tagsAdded }), versionAfter);
    result.updated++;
    for (const e of emptied) note(line, 'updated', e.header, `Empties ${FIELD_LABELS[e.field]}: its cell is empty and duplicates are overwritten`);
    return true;
  };

  /**
   * Each created client given an associate gets its history row, as a client assigned by
   * hand does: 'default-assignee' for those who went to the shop's default assignee, else
   * 'import' (the importer chose the associate, or the row's 'Assigned to' named them). One
   * INSERT ... SELECT over the ids this import created (in one transaction, a contiguous run).
   */
  const writeHistory = (first: number, last: number) => {
    sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS import_to_default (id INTEGER PRIMARY KEY)');
    sqlite.exec('DELETE FROM temp.import_to_default');
    const mark = sqlite.prepare('INSERT INTO temp.import_to_default (id) VALUES (?)');
    for (const id of toDefault) mark.run(id);
    sqlite
      .prepare(
        `INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at)
         SELECT c.id, NULL, c.assigned_staff_id,
           CASE WHEN c.id IN (SELECT id FROM temp.import_to_default) THEN 'default-assignee' ELSE 'import' END,
           json_object('importId', CAST(? AS INTEGER)), ?, ?
         FROM clients AS c WHERE c.id BETWEEN ? AND ? AND c.assigned_staff_id IS NOT NULL ORDER BY c.id`,
      )
      .run(importId, p.actor.id, p.at, first, last);
    sqlite.exec('DELETE FROM temp.import_to_default');
  };

  return {
    importId,
    async batch(rows: PreparedRow[]) {
      for (const prepared of rows) {
        result.rows++;
        const line = prepared.line;
        if (!prepared.ok) {
          await reject(line, prepared.fields, prepared.column, prepared.reason);
          continue;
        }
        const { row, e164 } = prepared;
        for (const w of prepared.warnings) {
          result.warnings++;
          note(line, 'warning', w.column, w.reason);
        }
        if (row.phone && !e164) {
          result.warnings++;
          note(line, 'warning', null, `Phone "${row.phone.slice(0, 40)}" could not be read as a number in ${p.defaultCountry}; kept as typed`);
        }
        const found = match(row.email, e164);
        if (!found) {
          create(row, e164, line);
          sample(line, 'created', row);
          continue;
        }
        if (found.client.id > maxIdBefore) {
          result.skipped++;
          const earlier = createdLines[found.client.id - maxIdBefore - 1];
          if (earlier) note(line, 'skipped', null, `Same ${found.on} as line ${earlier} of this file`, { line: earlier });
          else note(line, 'skipped', null, `Same ${found.on} as an earlier row of this file`);
          sample(line, 'skipped', row);
        } else if (!found.visible) {
          // A duplicate all the same: skipped, and never updated by someone who cannot see it.
          result.skipped++;
          note(line, 'skipped', null, OUT_OF_SCOPE);
          sample(line, 'skipped', row);
        } else if (p.onDuplicate === 'skip' || !update(found.client, row, e164, line)) {
          result.skipped++;
          const name = `${found.client.first_name} ${found.client.last_name}`.trim();
          note(line, 'skipped', null, `Already in the book: ${name} (same ${found.on})`, { clientId: found.client.id, name });
          sample(line, 'skipped', row);
        } else {
          sample(line, 'updated', row);
        }
      }
    },
    close() {
      if (firstCreated !== null && assigned > 0) writeHistory(firstCreated, lastCreated!);
      sqlite
        .prepare(
          `UPDATE imports SET created = ?, updated = ?, skipped = ?, rejected = ?, first_created_id = ?, last_created_id = ? WHERE id = ?`,
        )
        .run(result.created, result.updated, result.skipped, result.rejected, firstCreated, lastCreated, importId);
      insertAuditSync(db, {
        actorId: p.actor.id,
        action: 'import.commit',
        entity: 'import',
        entityId: importId,
        after: {
          file: p.fileName, hash: p.fileHash, rows: result.rows, created: result.created, updated: result.updated,
          skipped: result.skipped, rejected: result.rejected, options: settingsOf(p),
        },
        at: p.at,
      });
    },
  };
}

/** For "fill blanks only": consent counts as blank until it was ever recorded. */
function isBlank(existing: Existing, col: Updatable): boolean {
  if (col.startsWith('consent_email')) return existing.consent_email_at === null;
  if (col.startsWith('consent_sms')) return existing.consent_sms_at === null;
  const current = existing[col];
  return current === null || current === '';
}

const settingsOf = (p: ImportParams) => ({
  encoding: p.encoding, delimiter: p.delimiter, mapping: p.mapping, dateOrder: p.dateOrder,
  onDuplicate: p.onDuplicate, assign: p.assign, tags: p.tags, homeLocationId: p.homeLocationId,
});

function columnsOf(row: ImportedRow) {
  const { tags: _tags, assignedTo: _assignedTo, location: _location, ...columns } = row;
  return columns;
}

/** Tag ids by name (case-insensitive as the tags table compares: NOCASE, A-Z only), creating missing tags. */
function createTagCache(db: JobDb, at: string) {
  const insert = db.sqlite.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
  const find = db.sqlite.prepare('SELECT id FROM tags WHERE name = ?');
  const ids = new Map<string, number>();
  return (name: string): number => {
    const key = sqliteLower(name);
    let id = ids.get(key);
    if (id === undefined) {
      insert.run(name, at);
      id = (find.get(name) as { id: number }).id;
      ids.set(key, id);
    }
    return id;
  };
}

/**
 * Who a created client goes to. Updated clients keep their associate: an assigned client
 * is never reassigned automatically.
 */
function createAssignee(db: JobDb, p: ImportParams) {
  const fallback = (db.sqlite.prepare('SELECT default_assignee_id AS id FROM shop_settings WHERE id = 1').get() as { id: number | null } | undefined)?.id ?? null;
  const a = p.assign;
  if (a.kind !== 'column') {
    const fixed = { owner: a.kind === 'me' ? p.actor.id : a.kind === 'staff' ? a.staffId : a.kind === 'default' ? fallback : null, fallback: a.kind === 'default' };
    return (_value: string | null, _warn: (reason: string) => void) => fixed;
  }
  const staff = db.sqlite
    .prepare(
      `SELECT s.id, s.username, s.name, p.pos_associate_id FROM staff AS s LEFT JOIN staff_pos_ids AS p ON p.staff_id = s.id WHERE s.active = 1
       ORDER BY s.id`,
    )
    .all() as { id: number; username: string; name: string; pos_associate_id: string | null }[];
  // Any of a person's POS ids names them.
  const byKey = new Map<string, number>();
  for (const s of staff) {
    for (const key of [s.name, s.pos_associate_id, s.username]) if (key) byKey.set(key.toLowerCase(), s.id);
  }
  const toFallback = { owner: fallback, fallback: true };
  return (value: string | null, warn: (reason: string) => void) => {
    if (!value) return toFallback;
    const id = byKey.get(value.toLowerCase());
    if (id !== undefined) return { owner: id, fallback: false };
    warn(`No active staff member "${value.slice(0, 60)}"; ${fallback ? 'given to the default assignee' : 'left Unassigned'}`);
    return toFallback;
  };
}

/**
 * Where a created client's home is: the location its row names (a shop's location, by name,
 * case aside), else the import's. A name that is no location of the shop is a warning, not
 * a rejection. Updated clients keep their home, as they keep their associate.
 */
function createHome(db: JobDb, p: ImportParams) {
  const locations = db.sqlite.prepare('SELECT id, name FROM locations').all() as { id: number; name: string }[];
  const byName = new Map(locations.map((l) => [l.name.trim().toLowerCase(), l.id]));
  const fallback = locations.find((l) => l.id === p.homeLocationId);
  // Someone who sees only some clients gives homes only at their own locations.
  const allowed = p.actor.locationIds ? new Set(p.actor.locationIds) : null;
  return (value: string | null, warn: (reason: string) => void): number | null => {
    if (!value) return fallback?.id ?? null;
    const id = byName.get(value.trim().toLowerCase());
    if (id !== undefined && allowed && !allowed.has(id)) {
      warn(`Location "${value.slice(0, 60)}" is not one of yours; ${fallback ? `given the import's location, ${fallback.name}` : 'no home location'}`);
      return fallback?.id ?? null;
    }
    if (id !== undefined) return id;
    warn(`No location "${value.slice(0, 60)}"; ${fallback ? `given the import's location, ${fallback.name}` : 'no home location'}`);
    return fallback?.id ?? null;
  };
}

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));
