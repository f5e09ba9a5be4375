/**
 * Exporting a million clients (the Clientele preset, Excel mode: BOM, CRLF, formulas
 * neutralised; visibility scope, tags and assigned username joined) through export-clients
 * in the worker, against the anchor of `sqlite3 -csv` selecting the same columns.
 * The book is filled by our own import of the generated file first (not timed).
 */
import { execFileSync } from 'node:child_process';
import { openSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorker, caller, freshBook, generatedClients, hasSqlite3, importClientsFile, peakRssMb, ROWS, setUpBenchShop } from './csv-fixture';
import { report } from './report';

const ANCHOR_COLUMNS =
  'first_name, last_name, email, phone, birthday, anniversary, address_line1, address_line2, city, region, postal_code, country, notes, ' +
  'consent_email, consent_email_at, consent_email_source, consent_sms, consent_sms_at, consent_sms_source, assigned_staff_id';

async function main(): Promise<void> {
  const file = generatedClients();
  const { app, dir } = await freshBook(buildWorker());
  try {
    const must = caller(app.router.connect(() => undefined));
    await setUpBenchShop(must);
    await importClientsFile(must, file);
    const rssBefore = peakRssMb();

    const start = process.hrtime.bigint();
    const result = await must<{ rows: number; bytes: number }>('export-clients', { preset: 'clientele', mode: 'excel' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;

    let anchor = 0;
    if (hasSqlite3()) {
      const out = join(dir, 'anchor.csv');
      const fd = openSync(out, 'w');
      const t = process.hrtime.bigint();
      execFileSync('sqlite3', ['-csv', '-header', app.databaseFile, `SELECT ${ANCHOR_COLUMNS} FROM clients WHERE deleted_at IS NULL ORDER BY id`], {
        stdio: ['ignore', fd, 'inherit'],
      });
      anchor = Number(process.hrtime.bigint() - t) / 1e9;
      closeSync(fd);
    }
    report({ bench: 'export', figure: `${result.rows} clients, Clientele preset, Excel mode`, value: seconds, unit: 's', anchor: 'sqlite3 -csv SELECT of the same columns', anchor_value: anchor });
    report({ bench: 'export', figure: 'rows per second', value: result.rows / seconds, unit: 'rows/s', anchor: 'sqlite3 -csv rows/s', anchor_value: anchor ? result.rows / anchor : 0 });
    report({ bench: 'export', figure: 'peak RSS (process, worker threads included; the untimed import set it first)', value: peakRssMb(), unit: 'MB', anchor: 'peak before the export', anchor_value: rssBefore });
    void ROWS;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
