/**
 * Client import as use cases: inspect an uploaded file, preview rows as they will be
 * stored, dry-run or commit (a job in a worker thread), history, undo. The job does the
 * heavy lifting on its own connection; this service checks the person, the file and the
 * options, and turns job failures into the contract's errors.
 */
import type {
  ImportInspection,
  ImportPreviewRow,
  ImportRunResult,
  ImportSummary,
  ParsedInput,
  UndoResult,
} from '../../src-preload/contract';
import type { Db } from '../db/connection';
import { decodeSample, detectDelimiter, detectEncoding, FileProblem, readRecords, readSample } from '../csv/read';
import { emailKey } from '../domain/email';
import { FIELD_LABELS, headerKey, headerSetKey, recogniseHeaders, type ImportField } from '../domain/import-fields';
import { importFieldGroup } from '../domain/client-fields';
import { FIELD_GROUP_LABELS } from '../../src-preload/policy';
import { guessDateOrder } from '../domain/date-order';
import { normaliseRow, parseDate } from '../domain/import-row';
import { normalisePhone } from '../domain/phone';
import { decide, isUnrestricted, type Actor } from '../domain/permissions';
import { jobActor, type JobDatabase } from '../jobs/types';
import { AppFailure, forbidden, invalidField, notFound } from './errors';
import type { Jobs } from './jobs';
import type { SettingsService } from './settings.service';
import type { Staging } from './staging';
import type { EventSink } from '../ipc/router';
import { MAX_IMPORT_COLUMNS } from '../../src-preload/csv';
import { createLogger } from '../logger';
import { findLocationById } from '../db/queries/locations.queries';
import type { WorkplaceService } from './workplace.service';

const PREVIEW_ROWS = 20;
/** Rows read to guess the date order: a day past the 12th turns up within a few hundred birthdays. */
const DATE_GUESS_ROWS = 1000;
/** Date cells the inspection shows as they read. */
const DATE_SAMPLES = 5;
const log = createLogger('imports');

export interface ImportDeps {
  db: Db;
  now: () => Date;
  settings: SettingsService;
  staging: Staging;
  jobs: Jobs;
  jobDatabase: JobDatabase;
  workplace: WorkplaceService;
}

export function createImportsService(deps: ImportDeps) {
  const { db, staging } = deps;

  async function firstRecords(path: string, encoding: string, delimiter: string, count: number) {
    const out: { line: number; fields: string[] }[] = [];
    for await (const record of readRecords(path, { encoding, delimiter })) {
      out.push(record);
      if (out.length > count) break;
    }
    return out;
  }

  /** The birthday and anniversary cells of the file's first rows, with their lines, for the date order guess. */
  async function dateCells(path: string, encoding: string, delimiter: string, mapping: (ImportField | null)[], headers: string[]) {
    const columns = mapping.flatMap((f, i) => (f === 'birthday' || f === 'anniversary' ? [i] : []));
    if (!columns.length) return [];
    const [, ...rows] = await firstRecords(path, encoding, delimiter, DATE_GUESS_ROWS);
    return rows.flatMap((r) => columns.map((i) => ({ line: r.line, column: headers[i] ?? `column ${i + 1}`, value: (r.fields[i] ?? '').trim() })));
  }

  const asValidation = (err: unknown): never => {
    if (err instanceof FileProblem) throw new AppFailure('VALIDATION', err.message, { issues: [{ field: 'file', message: err.message }], line: err.line });
    throw err;
  };

  return {
    async inspect(actor: Actor, input: ParsedInput<'import-inspect'>): Promise<ImportInspection> {
      const file = staging.get(actor.id, input.uploadId, 'uploadId');
      try {
        const sample = await readSample(file.path);
        const encoding = input.encoding ?? detectEncoding(sample);
        const delimiter = input.delimiter ?? detectDelimiter(decodeSample(sample, encoding));
        const records = await firstRecords(file.path, encoding, delimiter, 10);
        const header = records[0];
        if (!header) throw new FileProblem('The file is empty.');
        const headers = header.fields.map((h) => h.trim());
        if (headers.length > MAX_IMPORT_COLUMNS) {
          throw new FileProblem(
            `The file has ${headers.length.toLocaleString('en')} columns; Clientele reads at most ${MAX_IMPORT_COLUMNS.toLocaleString('en')}. Is the delimiter right, and is this a clients file?`,
            1,
          );
        }
        const seen = new Map<string, number>();
        const duplicateHeaders: string[] = [];
        for (const h of headers) {
          const k = headerKey(h);
          seen.set(k, (seen.get(k) ?? 0) + 1);
          if (seen.get(k) === 2) duplicateHeaders.push(h);
        }
        const saved = await db.selectFrom('import_mappings').select('mapping').where('header_key', '=', headerSetKey(headers)).executeTakeFirst();
        const savedMapping = saved ? fromSaved(JSON.parse(saved.mapping) as Record<string, ImportField>, headers) : null;
        const mapping = visibleMapping(actor, savedMapping ?? recogniseHeaders(headers));
        const dates = await dateCells(file.path, encoding, delimiter, mapping, headers);
        const guess = guessDateOrder(dates, (await deps.settings.get()).defaultCountry);
        const previous = await db
          .selectFrom('imports')
          .leftJoin('staff', 'staff.id', 'imports.actor_id')
          .select(['imports.id', 'imports.at', 'staff.name as by', 'imports.undone_at'])
          .where('imports.file_hash', '=', file.hash!)
          .$if(!isUnrestricted(actor), (q) => q.where('imports.actor_id', '=', actor.id))
          .orderBy('imports.id', 'desc')
          .limit(5)
          .execute();
        return {
          uploadId: file.id,
          fileName: file.name,
          bytes: file.bytes,
          hash: file.hash!,
          encoding,
          delimiter,
          headers,
          // Columns of a group hidden from this role are never suggested: it may not import them.
          mapping,
          mappingSource: savedMapping ? 'saved' : 'recognised',
          duplicateHeaders,
          preview: records.slice(1).map((r) => r.fields),
          previousImports: previous.map((p) => ({ id: p.id, at: p.at, by: p.by, undone: p.undone_at !== null })),
          dateOrder: guess.order,
          dateOrderBecause: guess.because,
          dateSamples: dates
            .filter((d) => d.value !== '')
            .slice(0, DATE_SAMPLES)
            .map((d) => ({ ...d, reads: { ymd: parseDate(d.value, 'ymd'), dmy: parseDate(d.value, 'dmy'), mdy: parseDate(d.value, 'mdy') } })),
        };
      } catch (err) {
        return asValidation(err);
      }
    },

    /** The first rows as they will be stored: trimmed, email as matched, phone in E.164, dates parsed. */
    async preview(actor: Actor, input: ParsedInput<'import-preview'>): Promise<ImportPreviewRow[]> {
      const file = staging.get(actor.id, input.uploadId, 'uploadId');
      const { defaultCountry } = await deps.settings.get();
      try {
        const [header, ...rows] = await firstRecords(file.path, input.encoding, input.delimiter, PREVIEW_ROWS);
        if (!header) throw new FileProblem('The file is empty.');
        checkWidth(input.mapping, header.fields);
        refuseHiddenColumns(actor, input.mapping);
        const at = deps.now().toISOString();
        return rows.slice(0, PREVIEW_ROWS).map((r): ImportPreviewRow => {
          const res = normaliseRow(r.fields, { headers: header.fields, mapping: input.mapping, dateOrder: input.dateOrder, at });
          if (!res.ok) return { line: r.line, ok: false, column: res.column, reason: res.reason };
          const warnings = res.warnings;
          const row = res.row;
          const yes = (v: 0 | 1 | null) => (v === null ? null : v ? 'yes' : 'no');
          return {
            line: r.line,
            ok: true,
            values: {
              firstName: row.first_name, lastName: row.last_name, email: row.email === null ? null : emailKey(row.email), phone: row.phone,
              phoneE164: row.phone ? normalisePhone(row.phone, defaultCountry).e164 : null, birthday: row.birthday,
              anniversary: row.anniversary, address1: row.address_line1, address2: row.address_line2, city: row.city,
              region: row.region, postalCode: row.postal_code, country: row.country, notes: row.notes,
              tags: row.tags.join(', ') || null, consentEmail: yes(row.consent_email), consentSms: yes(row.consent_sms),
              assignedTo: row.assignedTo, location: row.location, customerId: row.external_id,
            },
            warnings,
          };
        });
      } catch (err) {
        return asValidation(err);
      }
    },

    async run(actor: Actor, input: ParsedInput<'import-run'>, send: EventSink): Promise<ImportRunResult> {
      const file = staging.get(actor.id, input.uploadId, 'uploadId');
      refuseHiddenColumns(actor, input.mapping);
      if (input.tags.length && actor.hiddenFields.has('tags')) throw invalidField('tags', 'Your role cannot add tags: they are hidden from you');
      const { defaultCountry } = await deps.settings.get();
      if (input.assign.kind === 'staff') {
        const staff = await db.selectFrom('staff').select(['id', 'active']).where('id', '=', input.assign.staffId).executeTakeFirst();
        if (!staff || staff.active !== 1) throw invalidField('assign.staffId', 'Choose an active staff member');
      }
      // The created clients' home, unless a row's Location names another: the one chosen, else where the importer works today.
      if (input.locationId !== undefined && !(await findLocationById(db, input.locationId))) throw invalidField('locationId', 'There is no such location');
      if (input.locationId !== undefined && actor.scope.kind !== 'all' && !actor.locationIds.includes(input.locationId)) {
        throw invalidField('locationId', 'Choose one of your locations');
      }
      // Giving the new clients to someone else is assigning others' clients.
      if ((input.assign.kind === 'staff' && input.assign.staffId !== actor.id) || input.assign.kind === 'column') {
        const d = decide(actor, 'client.assign-others');
        if (!d.allowed) throw forbidden(d.reason, d.code);
      }
      const homeLocationId = input.locationId ?? (await deps.workplace.of(actor)).current?.id ?? null;
      const report = staging.reserve(actor.id, `${file.name.replace(/\.[^.]*$/, '')}-rejected-rows.csv`);
      const { dryRun, uploadId: _u, locationId: _l, ...settings } = input;
      const job = deps.jobs.start(
        actor,
        {
          kind: 'import',
          params: {
            ...deps.jobDatabase,
            ...settings,
            homeLocationId,
            actor: jobActor(actor),
            file: file.path,
            fileName: file.name,
            fileHash: file.hash!,
            fileBytes: file.bytes,
            defaultCountry,
            dryRun,
            errorReportFile: report.path,
            at: deps.now().toISOString(),
          },
        },
        send,
      );
      let result: Awaited<typeof job.result>;
      try {
        result = await job.result;
      } catch (err) {
        await staging.discard(report);
        throw err;
      }
      // From here the import is committed (or the dry run done): what follows may fail
      // without turning a committed import into "nothing was changed".
      let errorReportId: string | null = null;
      try {
        await staging.finish(report);
        if (result.rejected) errorReportId = report.id;
        else await staging.discard(report);
      } catch (err) {
        log.error('the error report could not be kept', err);
        await staging.discard(report).catch(() => undefined);
      }
      if (!dryRun) {
        try {
          await saveMapping(db, actor, input.mapping, file.path, input.encoding, input.delimiter, deps.now());
        } catch (err) {
          log.error('the mapping could not be saved for next time', err);
        }
        // The upload has served: a committed import is undone from the book, not from the file.
        await staging.discard(file).catch(() => undefined);
      }
      return { ...result, jobId: job.id, errorReportId };
    },

    async history(actor: Actor): Promise<ImportSummary[]> {
      let q = db
        .selectFrom('imports')
        .leftJoin('staff', 'staff.id', 'imports.actor_id')
        .select([
          'imports.id', 'imports.at', 'staff.name as by', 'imports.file_name', 'imports.file_hash', 'imports.created',
          'imports.updated', 'imports.skipped', 'imports.rejected', 'imports.undone_at',
        ])
        .orderBy('imports.id', 'desc')
        .limit(100);
      // Another person's import lists and undoes clients and values this person may not see.
      if (!isUnrestricted(actor)) q = q.where('imports.actor_id', '=', actor.id);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id, at: r.at, by: r.by, fileName: r.file_name, fileHash: r.file_hash, created: r.created,
        updated: r.updated, skipped: r.skipped, rejected: r.rejected, undoneAt: r.undone_at,
      }));
    },

    /** The person who ran an import, or an Admin who holds everything, may undo it. */
    async undo(actor: Actor, importId: number, send: EventSink): Promise<UndoResult> {
      const imp = await db.selectFrom('imports').select(['id', 'actor_id', 'undone_at']).where('id', '=', importId).executeTakeFirst();
      if (!imp) throw notFound('That import');
      const d = decide(actor, 'import', { kind: 'owned', ownerId: imp.actor_id });
      // Another person's import does not exist for this person: its id reveals nothing.
      if (!d.allowed) throw notFound('That import');
      if (imp.undone_at) throw new AppFailure('CONFLICT', `That import was already undone at ${imp.undone_at}.`);
      const job = deps.jobs.start(
        actor,
        { kind: 'undo', params: { ...deps.jobDatabase, actor: jobActor(actor), importId, at: deps.now().toISOString() } },
        send,
      );
      return job.result;
    },
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;

const hiddenFor = (actor: Actor, f: ImportField | null): boolean => {
  const group = f ? importFieldGroup(f) : null;
  return group !== null && actor.hiddenFields.has(group);
};

const visibleMapping = (actor: Actor, mapping: (ImportField | null)[]) => mapping.map((f) => (hiddenFor(actor, f) ? null : f));

/**
 * An import never writes, nor matches on, a field its person may not see: a mapping that
 * names one is refused before any row is read, so neither the book nor the answer (created,
 * updated, skipped) depends on a hidden value.
 */
function refuseHiddenColumns(actor: Actor, mapping: readonly (ImportField | null)[]): void {
  const hidden = [...new Set(mapping.filter((f): f is ImportField => hiddenFor(actor, f)))];
  if (hidden.length === 0) return;
  const groups = [...new Set(hidden.map((f) => FIELD_GROUP_LABELS[importFieldGroup(f)!].replace(/ \(.*\)$/, '').toLowerCase()))];
  throw invalidField(
    'mapping',
    `Your role cannot import ${hidden.map((f) => FIELD_LABELS[f]).join(', ')}: ${groups.join(', ')} ${groups.length === 1 ? 'is' : 'are'} hidden from you. Leave ${hidden.length === 1 ? 'that column' : 'those columns'} unmapped`,
  );
}

function checkWidth(mapping: readonly unknown[], headers: readonly string[]) {
  if (mapping.length !== headers.length) {
    throw invalidField('mapping', `The file has ${headers.length} columns but the mapping has ${mapping.length}`);
  }
}

/** Saved by header name, so the same columns in another order still map. */
function fromSaved(saved: Record<string, ImportField>, headers: string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const field = saved[headerKey(h)];
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

async function saveMapping(db: Db, actor: Actor, mapping: (ImportField | null)[], path: string, encoding: string, delimiter: string, now: Date) {
  const records = readRecords(path, { encoding, delimiter });
  const first = await records.next();
  const header: string[] = first.done ? [] : first.value.fields;
  await records.return(undefined);
  const byHeader: Record<string, ImportField> = {};
  header.forEach((h, i) => {
    const field = mapping[i];
    if (field) byHeader[headerKey(h)] = field;
  });
  await db
    .insertInto('import_mappings')
    .values({ header_key: headerSetKey(header.map((h) => h.trim())), mapping: JSON.stringify(byHeader), updated_by: actor.id, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('header_key').doUpdateSet({ mapping: JSON.stringify(byHeader), updated_by: actor.id, updated_at: now.toISOString() }))
    .execute();
}
