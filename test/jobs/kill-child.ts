/**
 * Run by the kill test as a child process: imports a CSV into an existing book with the
 * real import job and prints a line per batch, so the parent can kill -9 it mid-commit.
 */
import { statSync } from 'node:fs';
import { runImport } from '../../src-main/jobs/import-job';

const [databaseFile, file, report] = process.argv.slice(2) as [string, string, string];
runImport(
  {
    databaseFile,
    workerFile: null,
    actor: { id: 1, scope: { kind: 'all' }, locationIds: null, hiddenFields: [] },
    file,
    fileName: 'kill.csv',
    fileHash: 'x',
    fileBytes: statSync(file).size,
    encoding: 'utf-8',
    delimiter: ',',
    mapping: ['firstName', 'lastName', 'email', 'phone', 'birthday', 'city', 'postalCode', 'tags', 'notes', null],
    dateOrder: 'ymd',
    onDuplicate: 'skip',
    assign: { kind: 'unassigned' },
    tags: [],
    homeLocationId: 1,
    defaultCountry: 'US',
    dryRun: false,
    errorReportFile: report,
    at: new Date().toISOString(),
  },
  { progress: (p) => console.log(`progress ${p.rows}`), cancelled: () => false },
).then(
  (r) => console.log(`done ${r.created}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
