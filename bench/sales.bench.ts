/**
 * A POS sales history through the whole path: upload by chunks, then sales-import (read the
 * file, find each sale's client by email, store the sale once, keep the client's visits,
 * spend and staff up to date, assign Unassigned clients to their seller; one transaction in
 * the worker), on a book of a million clients imported beforehand (untimed). Beside it, the
 * sqlite3 shell doing the plain version on a book of the same clients: `.import` the same
 * lines into a staging table, then one INSERT … SELECT into a sales table with a unique
 * transaction id, joined to the clients through a unique index on lower(email).
 *
 *   npm run bench -- sales      (SALES_LINES=N for another number of sales lines; BENCH_ROWS=N clients)
 */
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SalesImportReport } from '../src-preload/contract';
import { buildWorker, caller, freshBook, generatedClientsAndSales, hasSqlite3, importClientsFile, PASSWORD, peakRssMb, ROWS, setUpBenchShop, uploadFile } from './csv-fixture';
import { report } from './report';

const LINES = Number(process.env.SALES_LINES ?? 500_000);
/** POS ids given a staff member. */
const MAPPED = 10;

/** The header and the first `lines` sales of the generated history, as their own file. */
async function firstSales(from: string, to: string, lines: number): Promise<void> {
  const fd = openSync(to, 'w');
  let n = -1; // the header is not a sale
  try {
    for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
      writeSync(fd, `${line}\n`);
      if (++n >= lines) break;
    }
  } finally {
    closeSync(fd);
  }
}

const ANCHOR_BOOK = (clients: string) => `
PRAGMA journal_mode = WAL;
CREATE TABLE staging (first_name, last_name, email, phone, birthday, city, postal_code, tags, notes, created_at);
.import --csv --skip 1 ${clients} staging
CREATE TABLE clients (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT);
CREATE UNIQUE INDEX clients_email ON clients (lower(email));
INSERT OR IGNORE INTO clients (first_name, last_name, email) SELECT first_name, last_name, nullif(email, '') FROM staging;
DROP TABLE staging;
`;

const ANCHOR_SALES = (sales: string) => `
PRAGMA synchronous = FULL;
CREATE TABLE sales (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL, transaction_id TEXT NOT NULL UNIQUE, pos TEXT,
  amount_cents INTEGER, sold_at TEXT);
CREATE TABLE staging_sales (transaction_id, client_email, associate_pos_id, amount, sold_at);
.import --csv --skip 1 ${sales} staging_sales
BEGIN;
INSERT OR IGNORE INTO sales (client_id, transaction_id, pos, amount_cents, sold_at)
  SELECT c.id, s.transaction_id, s.associate_pos_id, CAST(round(s.amount * 100) AS INTEGER), s.sold_at
  FROM staging_sales s JOIN clients c ON lower(c.email) = lower(s.client_email);
COMMIT;
`;

function anchorSeconds(dir: string, clients: string, sales: string): number {
  const book = join(dir, 'anchor.db');
  execFileSync('sqlite3', [book], { input: ANCHOR_BOOK(clients), stdio: ['pipe', 'ignore', 'inherit'] });
  const start = process.hrtime.bigint();
  execFileSync('sqlite3', [book], { input: ANCHOR_SALES(sales), stdio: ['pipe', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const files = generatedClientsAndSales();
  const workerFile = buildWorker();
  const { app, dir } = await freshBook(workerFile);
  try {
    const must = caller(app.router.connect(() => undefined));
    await setUpBenchShop(must);
    const book = await importClientsFile(must, files.clients);
    console.error(`book: ${book.created} clients imported`);

    // Staff for the busiest POS ids (A001..A010 sell the most): their sales go to them and make
    // them the seller of Unassigned buyers; the other POS ids stay unmapped.
    for (let i = 1; i <= MAPPED; i++) {
      const pos = `A${String(i).padStart(3, '0')}`;
      await must('staff-create', { name: `Associate ${pos}`, username: `a${pos.toLowerCase()}`, role: 'associate', posAssociateId: pos, password: PASSWORD });
    }

    const salesFile = join(dir, 'sales.csv');
    await firstSales(files.sales, salesFile, LINES);
    const salesUpload = await uploadFile(must, salesFile);
    const start = process.hrtime.bigint();
    const result = await must<SalesImportReport>('sales-import', { uploadId: salesUpload, mode: 'ongoing', dryRun: false });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.error(`sales: ${JSON.stringify({ ...result, problemSample: result.problemSample.slice(0, 3) })}`);
    if (result.imported === 0) throw new Error('No sale was imported: the sales file does not match the clients file.');

    const anchor = hasSqlite3() ? anchorSeconds(dir, files.clients, salesFile) : 0;
    report({ bench: 'sales', figure: `${result.rows} sales lines on ${ROWS} clients, sales import`, value: seconds, unit: 's', anchor: 'sqlite3 .import + INSERT OR IGNORE … JOIN clients on lower(email)', anchor_value: anchor });
    report({ bench: 'sales', figure: 'sales lines per second', value: result.rows / seconds, unit: 'lines/s', anchor: 'sqlite3 shell lines/s', anchor_value: anchor ? result.rows / anchor : 0 });
    report({ bench: 'sales', figure: 'peak RSS (process, worker threads included; the untimed client import set it first)', value: peakRssMb(), unit: 'MB', anchor: 'target', anchor_value: 400 });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
