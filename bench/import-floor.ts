/**
 * The floor under an import: the same file's rows, parsed and normalised (phones to E.164)
 * before the timer starts, written by prepared better-sqlite3 statements into a freshly
 * migrated book in one transaction, with the same plain-SQL work the import does around
 * them (bulk-indexes: the clients' secondary indexes dropped and rebuilt, the search trigger
 * dropped and both search tables filled with one INSERT ... SELECT each, the assignee and
 * home pairs added in bulk) and the tags linked. No per-row logic of ours: duplicates are
 * left to the schema (ON CONFLICT DO NOTHING on the unique email index, so a row repeating
 * only a phone is created here, skipped by the import), no error report, no progress.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ImportField } from '../src-main/domain/import-fields';
import { normaliseRow } from '../src-main/domain/import-row';
import { normalisePhone } from '../src-main/domain/phone';
import { deferIndexes, HOME_BIT_SQL } from '../src-main/jobs/bulk-indexes';
import { openJobDb } from '../src-main/jobs/job-db';
import { caller, freshBook, PASSWORD, setUpBenchShop } from './csv-fixture';

export interface Floor {
  seconds: number;
  created: number;
}

export async function importFloor(file: string, mapping: readonly (ImportField | null)[], workerFile: string, assigned: boolean): Promise<Floor> {
  // The book as the timed import found it: set up, with a default assignee when asked.
  const { app, dir } = await freshBook(workerFile);
  try {
    const must = caller(app.router.connect(() => undefined));
    await setUpBenchShop(must);
    if (assigned) {
      const staff = await must<{ id: number }>('staff-create', { name: 'Default Dee', username: 'dee', role: 'associate', password: PASSWORD });
      await must('settings-update', { defaultAssigneeId: staff.id });
    }
    await app.close();

    // Parsed before the timer: records, rows normalised, phones to E.164.
    const at = new Date().toISOString();
    const table: string[][] = parse(readFileSync(file), { relax_column_count: true });
    const [headers, ...records] = table;
    const rows = [];
    for (const record of records) {
      const r = normaliseRow(record, { headers: headers!, mapping, dateOrder: 'ymd', at });
      if (r.ok) rows.push({ row: r.row, e164: r.row.phone ? normalisePhone(r.row.phone, 'GB').e164 : null });
    }
    const fileBytes = readFileSync(file).length;

    const db = openJobDb({ databaseFile: join(dir, 'clientele.db'), workerFile: null });
    try {
      const { sqlite } = db;
      const start = process.hrtime.bigint();
      sqlite.exec('BEGIN IMMEDIATE');
      const actor = (sqlite.prepare("SELECT id FROM staff WHERE username = 'ada'").get() as { id: number }).id;
      const owner = (sqlite.prepare('SELECT default_assignee_id AS id FROM shop_settings WHERE id = 1').get() as { id: number | null } | undefined)?.id ?? null;
      const home = (sqlite.prepare('SELECT min(id) AS id FROM locations').get() as { id: number | null }).id;
      const indexes = deferIndexes(db, fileBytes);
      const insertClient = sqlite.prepare(
        `INSERT INTO clients (first_name, last_name, email, phone, phone_e164, birthday, anniversary, address_line1,
           address_line2, city, region, postal_code, country, notes, consent_email, consent_email_at, consent_email_source,
           consent_sms, consent_sms_at, consent_sms_source, created_by, assigned_staff_id, created_at, updated_at,
           home_location_id${indexes.homeBits ? ', location_mask' : ''})
         VALUES (${new Array(25).fill('?').join(', ')}${indexes.homeBits ? `, ${HOME_BIT_SQL}` : ''})
         ON CONFLICT DO NOTHING`,
      );
      const insertTag = sqlite.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
      const findTag = sqlite.prepare('SELECT id FROM tags WHERE name = ?');
      const linkTag = sqlite.prepare('INSERT OR IGNORE INTO client_tags (client_id, tag_id) VALUES (?, ?)');
      const tagIds = new Map<string, number>();
      let created = 0;
      for (const { row, e164 } of rows) {
        const values = [
          row.first_name, row.last_name, row.email, row.phone, e164, row.birthday, row.anniversary, row.address_line1,
          row.address_line2, row.city, row.region, row.postal_code, row.country, row.notes, row.consent_email ?? 0,
          row.consent_email_at, row.consent_email_source, row.consent_sms ?? 0, row.consent_sms_at, row.consent_sms_source,
          actor, owner, at, at, home,
        ];
        const r = indexes.homeBits ? insertClient.run(...values, home, home) : insertClient.run(...values);
        if (!r.changes) continue;
        created++;
        for (const name of row.tags) {
          let tagId = tagIds.get(name);
          if (tagId === undefined) {
            insertTag.run(name, at);
            tagId = (findTag.get(name) as { id: number }).id;
            tagIds.set(name, tagId);
          }
          linkTag.run(r.lastInsertRowid, tagId);
        }
      }
      indexes.rebuild();
      sqlite.exec('COMMIT');
      return { seconds: Number(process.hrtime.bigint() - start) / 1e9, created };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
