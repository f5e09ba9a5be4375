/**
 * Sales history from the POS. Each sale is stored once (its transaction id is unique), adds
 * its seller as additional staff and counts toward the client's status and spend. In
 * onboarding mode the import then assigns Unassigned clients by total spend; afterwards
 * each new sale assigns an Unassigned client to its seller, and never reassigns anyone.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { ParsedInput } from '../../src-preload/contract';
import type { PosIdSummary, SalesImportReport } from '../../src-preload/contract.assignment';
import type { Db } from '../db/connection';
import { insertHistory, listPosIds } from '../db/queries/assignment.queries';
import { insertAudit } from '../db/queries/audit.queries';
import type { Actor } from '../domain/permissions';
import { normalisePhone } from '../domain/phone';
import { excelCsv } from '../csv/write';
import { parseSale, type RawSale, type Sale } from '../domain/sales';
import { mapSalesHeaders, toRawSale } from '../domain/sales-columns';
import { invalidField } from './errors';
import { runOnboarding } from './onboarding';
import type { SettingsService } from './settings.service';

export interface SalesRow {
  line: number;
  raw: RawSale;
}

export interface Problem {
  line: number;
  transactionId: string | null;
  matchKey: string | null;
  reason: string;
}

const MAX_PROBLEMS_KEPT = 100_000;

export function createSalesService(db: Db, sqlite: BetterSqlite3.Database, now: () => Date, settings: SettingsService) {
  /** Parses a small CSV (the in-app upload); large files go through the import pipeline. */
  function rowsFromCsv(csv: string): SalesRow[] {
    let records: string[][];
    try {
      records = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: true });
    } catch (err) {
      throw invalidField('csv', `The file is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
    }
    const [headers, ...body] = records;
    if (!headers) throw invalidField('csv', 'The file is empty');
    const { columns } = mapSalesHeaders(headers);
    const missing = (['transactionId', 'amount', 'soldAt'] as const).filter((f) => columns[f] === undefined);
    if (missing.length) throw invalidField('csv', `No column for ${missing.join(', ')} (found: ${headers.join(', ')})`);
    if (columns.email === undefined && columns.phone === undefined && columns.externalId === undefined) {
      throw invalidField('csv', 'No column to find clients by: add client email, phone or client id');
    }
    return body.map((record, i) => ({ line: i + 2, raw: toRawSale(record, columns) }));
  }

  async function importRows(actor: Actor, rows: Iterable<SalesRow>, opts: { mode: 'onboarding' | 'ongoing'; source: string; dryRun: boolean }): Promise<SalesImportReport> {
    const shop = await settings.get();
    const at = now().toISOString();
    const problems: Problem[] = [];
    let total = 0;
    let imported = 0;
    let duplicates = 0;
    let problemCount = 0;
    const report = (p: Problem) => {
      problemCount++;
      if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
    };

    const run = async () =>
      db.transaction().execute(async (trx) => {
        // Prepared statements on the same connection run inside this transaction.
        const byEmail = sqlite.prepare('SELECT id, assigned_staff_id FROM clients WHERE email_key = ? AND deleted_at IS NULL');
        const byPhone = sqlite.prepare('SELECT id, assigned_staff_id FROM clients WHERE phone_e164 = ? AND deleted_at IS NULL ORDER BY id LIMIT 1');
        const byExternal = sqlite.prepare('SELECT id, assigned_staff_id FROM clients WHERE external_id = ? AND deleted_at IS NULL');
        const insert = sqlite.prepare(
          `INSERT INTO interactions (client_id, kind, staff_id, location_id, amount_cents, channel, added_by, external_id, pos_associate_id, body, occurred_at, created_at)
           VALUES (?, 'sale', ?, ?, ?, 'POS import', ?, ?, ?, NULL, ?, ?) ON CONFLICT DO NOTHING`,
        );
        const staffByPos = new Map(
          (sqlite.prepare('SELECT id, pos_associate_id FROM staff WHERE pos_associate_id IS NOT NULL AND active = 1').all() as { id: number; pos_associate_id: string }[]).map(
            (s) => [s.pos_associate_id, s.id],
          ),
        );
        const locations = new Map(
          (sqlite.prepare('SELECT id, lower(name) AS name, is_default FROM locations').all() as { id: number; name: string; is_default: number }[]).map((l) => [l.name, l]),
        );
        const defaultLocation = [...locations.values()].find((l) => l.is_default === 1)?.id ?? null;
        // After onboarding, the earliest new sale by a mapped seller assigns an Unassigned client.
        const firstSale = new Map<number, { staffId: number; soldAt: string; transactionId: string }>();

        for (const { line, raw } of rows) {
          total++;
          const parsed = parseSale(raw);
          if (!parsed.ok) {
            report({ line, transactionId: raw.transactionId?.trim() || null, matchKey: raw.email || raw.externalId || raw.phone || null, reason: parsed.reason });
            continue;
          }
          const sale: Sale = parsed.sale;
          const client = findClient(sale) as { id: number; assigned_staff_id: number | null } | undefined;
          if (!client) {
            report({ line, transactionId: sale.transactionId, matchKey: sale.match.value, reason: `No client with ${sale.match.kind === 'external' ? 'client id' : sale.match.kind} ${sale.match.value}` });
            continue;
          }
          const staffId = sale.posAssociateId ? (staffByPos.get(sale.posAssociateId) ?? null) : null;
          const locationId = sale.location ? (locations.get(sale.location.toLowerCase())?.id ?? defaultLocation) : defaultLocation;
          const result = insert.run(client.id, staffId, locationId, sale.amountCents, actor.id, sale.transactionId, sale.posAssociateId, sale.soldAt, at);
          if (result.changes === 0) {
            duplicates++;
            continue;
          }
          imported++;
          if (opts.mode === 'ongoing' && client.assigned_staff_id === null && staffId !== null) {
            const known = firstSale.get(client.id);
            if (!known || sale.soldAt < known.soldAt) firstSale.set(client.id, { staffId, soldAt: sale.soldAt, transactionId: sale.transactionId });
          }
        }

        function findClient(sale: Sale) {
          if (sale.match.kind === 'email') return byEmail.get(sale.match.value);
          if (sale.match.kind === 'external') return byExternal.get(sale.match.value);
          const e164 = normalisePhone(sale.match.value, shop.defaultCountry).e164;
          return e164 ? byPhone.get(e164) : undefined;
        }

        let onboarding = null;
        let assignedBySale = 0;
        if (opts.mode === 'onboarding') {
          onboarding = runOnboarding(sqlite, actor.id, at);
          await trx.updateTable('shop_settings').set({ onboarding_completed_at: at }).where('id', '=', 1).execute();
        } else {
          const assign = sqlite.prepare('UPDATE clients SET assigned_staff_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND assigned_staff_id IS NULL');
          const history = [];
          for (const [clientId, s] of firstSale) {
            if (assign.run(s.staffId, at, clientId).changes === 1) {
              assignedBySale++;
              history.push({ clientId, fromStaffId: null, toStaffId: s.staffId, reason: 'sale' as const, detail: { transactionId: s.transactionId }, actorId: actor.id, at });
            }
          }
          await insertHistory(trx, history);
        }

        const summary: Omit<SalesImportReport, 'importId'> = {
          mode: opts.mode,
          dryRun: opts.dryRun,
          rows: total,
          imported,
          duplicates,
          problems: problemCount,
          problemSample: problems.slice(0, 50),
          assigned: onboarding?.assigned ?? [],
          unmapped: onboarding?.unmapped ?? [],
          ties: onboarding?.ties ?? 0,
          noSpend: onboarding?.noSpend ?? 0,
          assignedBySale,
        };
        if (opts.dryRun) throw new DryRunDone(summary);
        const { id } = await trx
          .insertInto('sales_imports')
          .values({ mode: opts.mode, source: opts.source, actor_id: actor.id, report: JSON.stringify(summary), at })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let i = 0; i < problems.length; i += 500) {
          await trx
            .insertInto('sales_import_problems')
            .values(problems.slice(i, i + 500).map((p) => ({ import_id: id, line: p.line, transaction_id: p.transactionId, match_key: p.matchKey, reason: p.reason })))
            .execute();
        }
        await insertAudit(trx, {
          actorId: actor.id,
          action: opts.mode === 'onboarding' ? 'sales.import-onboarding' : 'sales.import',
          entity: 'sales_import',
          entityId: id,
          after: { source: opts.source, rows: total, imported, duplicates, problems: problemCount, assignedBySale, assigned: summary.assigned.reduce((n, a) => n + a.clients, 0) },
          at,
        });
        return { importId: id, ...summary };
      });

    try {
      const done = await run();
      // Onboarding wrote onboarding_completed_at behind the settings cache: read it again so settings-get tells the truth.
      if (opts.mode === 'onboarding') await settings.load();
      return done;
    } catch (err) {
      // A dry run does all the work, then rolls it back: what it reports is exactly what a real run would do.
      if (err instanceof DryRunDone) return { importId: null, ...err.summary };
      throw err;
    }
  }

  return {
    importRows,
    async posIds(): Promise<PosIdSummary[]> {
      return (await listPosIds(db)).map((r) => ({
        posAssociateId: r.pos_id!,
        staff: r.staff_id !== null && r.staff_name !== null ? { id: r.staff_id, name: r.staff_name } : null,
        sales: Number(r.sales),
        totalCents: Number(r.total_cents ?? 0),
      }));
    },
    async importCsv(actor: Actor, input: ParsedInput<'sales-import'>): Promise<SalesImportReport> {
      return importRows(actor, rowsFromCsv(input.csv), { mode: input.mode, source: input.fileName, dryRun: input.dryRun });
    },
    /** Onboarding again, for clients still Unassigned (after mapping more POS ids). */
    async rerunOnboarding(actor: Actor): Promise<SalesImportReport> {
      return importRows(actor, [], { mode: 'onboarding', source: 're-run for Unassigned clients', dryRun: false });
    },
    async problems(importId: number): Promise<{ filename: string; csv: string; rows: number }> {
      const rows = await db.selectFrom('sales_import_problems').selectAll().where('import_id', '=', importId).orderBy('line').execute();
      const body = rows.map((r) => [String(r.line), r.transaction_id ?? '', r.match_key ?? '', r.reason]);
      const csv = excelCsv(['Line', 'Transaction id', 'Client key', 'Problem'], body);
      return { filename: `sales-import-${importId}-problems.csv`, csv, rows: rows.length };
    },
  };
}

class DryRunDone extends Error {
  constructor(readonly summary: Omit<SalesImportReport, 'importId'>) {
    super('dry run');
  }
}
export type SalesService = ReturnType<typeof createSalesService>;
