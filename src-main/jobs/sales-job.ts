/**
 * A sales history import, or an onboarding re-run, as one job on its own connection and in
 * ONE write transaction: the sales, the onboarding assignment (or the assignment of
 * Unassigned buyers to their seller), the report, its problem rows and the audit row commit
 * together; a cancel, a crash or a dry run leaves the book as it was. A dry run does the
 * same work and rolls back, so what it reports is exactly what the import would do.
 */
import type { SalesImportReport } from '../../src-preload/contract';
import { readRecords } from '../csv/read';
import { toRawSale } from '../domain/sales-columns';
import { insertAuditSync } from './audit-sync';
import { openJobDb, type JobDb } from './job-db';
import { backUpBeforeImport } from './pre-import-backup';
import { clientsFor } from '../db/queries/scope';
import type { ClientScope } from '../domain/visibility';
import { runOnboarding, type OnboardingResult } from './onboarding';
import { createSalesWriter } from './sales-writer';
import { JobCancelled, type JobContext, type SalesParams } from './types';
import { deferSaleTriggers } from './bulk-sales';
import { createVisibilityCheck } from './visibility-check';

/** Rows between progress events and cancel checks. */
const BATCH = 5000;

export async function runSalesImport(p: SalesParams, ctx: JobContext): Promise<SalesImportReport> {
  const db = openJobDb(p);
  const { sqlite } = db;
  const checkpoint = async () => {
    // Let the thread read its messages, or a cancel sent meanwhile would go unseen.
    await yieldToMessages();
    if (ctx.cancelled()) throw new JobCancelled();
  };
  try {
    if (!p.dryRun && p.file) await backUpBeforeImport(db, p, ctx);
    sqlite.exec('BEGIN IMMEDIATE');
    // An onboarding re-run adds no sales: nothing for the per-row triggers to do.
    const triggers = p.file ? deferSaleTriggers(sqlite) : { apply: () => undefined };
    const writer = createSalesWriter(sqlite, {
      actorId: p.actor.id,
      at: p.at,
      defaultCountry: p.defaultCountry,
      mode: p.mode,
      visible: createVisibilityCheck(db, p.actor.scope),
      locationIds: p.actor.locationIds,
      createClients: p.createClients,
    });
    if (p.file) {
      const file = p.file;
      let bytes = 0;
      const phase = p.dryRun ? 'dry-run' : 'sales';
      let header = true;
      for await (const { line, fields } of readRecords(file.path, { encoding: file.encoding, delimiter: file.delimiter, onBytes: (b) => (bytes = b) })) {
        if (header) {
          header = false;
          continue;
        }
        writer.row(line, toRawSale(fields, file.columns));
        if (writer.counts.rows % BATCH === 0) {
          await checkpoint();
          ctx.progress({ phase, done: bytes, total: file.bytes, rows: writer.counts.rows });
        }
      }
      ctx.progress({ phase, done: file.bytes, total: file.bytes, rows: writer.counts.rows });
    }
    // Before onboarding or assignment by sale, which read and write what the triggers keep.
    triggers.apply();
    await checkpoint();

    let onboarding: OnboardingResult | null = null;
    let assignedBySale = 0;
    if (p.mode === 'onboarding') {
      // Onboarding assigns only the clients the person running it may see.
      const scoped = p.actor.scope.kind !== 'all';
      if (scoped) fillOnboardingScope(db, p.actor.scope);
      onboarding = await runOnboarding(
        sqlite,
        p.actor.id,
        p.at,
        { progress: (done, total) => ctx.progress({ phase: 'onboarding', done, total, rows: done }), checkpoint },
        scoped,
      );
      sqlite.prepare('UPDATE shop_settings SET onboarding_completed_at = ? WHERE id = 1').run(p.at);
    } else {
      assignedBySale = writer.assignBySale();
    }

    const { counts, problems } = writer;
    const summary: Omit<SalesImportReport, 'importId'> = {
      mode: p.mode,
      dryRun: p.dryRun,
      rows: counts.rows,
      imported: counts.imported,
      duplicates: counts.duplicates,
      problems: counts.problems,
      clientsCreated: writer.clientsCreated,
      problemSample: problems.slice(0, 50),
      assigned: onboarding?.assigned ?? [],
      unmapped: onboarding?.unmapped ?? [],
      ties: onboarding?.ties ?? 0,
      noSpend: onboarding?.noSpend ?? 0,
      moves: onboarding?.moves ?? [],
      moveSample: (onboarding?.moveSample ?? []).map((m) => ({ ...m, totalCents: p.actor.hiddenFields.includes('purchases') ? null : m.totalCents })),
      assignedBySale,
    };
    if (p.dryRun) {
      sqlite.exec('ROLLBACK');
      return { importId: null, ...summary };
    }
    const importId = Number(
      sqlite
        .prepare('INSERT INTO sales_imports (mode, source, actor_id, report, at) VALUES (?, ?, ?, ?, ?)')
        .run(p.mode, p.source.slice(0, 255), p.actor.id, JSON.stringify(summary), p.at).lastInsertRowid,
    );
    const problem = sqlite.prepare('INSERT INTO sales_import_problems (import_id, line, transaction_id, match_key, reason) VALUES (?, ?, ?, ?, ?)');
    for (const pr of problems) problem.run(importId, pr.line, pr.transactionId, pr.matchKey, pr.reason);
    insertAuditSync(db, {
      actorId: p.actor.id,
      action: p.mode === 'onboarding' ? 'sales.import-onboarding' : 'sales.import',
      entity: 'sales_import',
      entityId: importId,
      after: {
        source: p.source, rows: counts.rows, imported: counts.imported, duplicates: counts.duplicates, problems: counts.problems, clientsCreated: writer.clientsCreated,
        assignedBySale, assigned: summary.assigned.reduce((n, a) => n + a.clients, 0),
      },
      at: p.at,
    });
    await checkpoint();
    sqlite.exec('COMMIT');
    return { importId, ...summary };
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw err;
  } finally {
    db.close();
  }
}

/** The ids of the clients in a scope, for onboarding to stay within them. */
function fillOnboardingScope(db: JobDb, scope: ClientScope): void {
  const q = clientsFor(db.kysely, scope).select('clients.id').compile();
  db.sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS onboarding_scope (id INTEGER PRIMARY KEY)');
  db.sqlite.exec('DELETE FROM temp.onboarding_scope');
  db.sqlite.prepare(`INSERT INTO temp.onboarding_scope (id) ${q.sql}`).run(...(q.parameters as unknown[]));
}

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));
