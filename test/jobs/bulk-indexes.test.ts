import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { deferIndexes } from '../../src-main/jobs/bulk-indexes';
import { openJobDb } from '../../src-main/jobs/job-db';
import { setUpShop, tempDir } from '../helpers/app';

const AT = '2026-01-01T00:00:00.000Z';

describe('a large import defers index and trigger work to its end', () => {
  it('adds each new assigned client’s pair once, as the per-row trigger would, and puts the trigger back', async () => {
    const dir = tempDir();
    const app = await createApp({ dataDir: dir });
    await setUpShop(app);
    await app.close();
    const db = openJobDb({ databaseFile: join(dir, 'clientele.db'), workerFile: null });
    try {
      const { sqlite } = db;
      const triggerSql = () => sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'clients_assigned_pairs_ai'").pluck().get();
      const original = triggerSql();
      const insert = sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const pairs = () => sqlite.prepare('SELECT staff_id, client_id, worked, is_assigned FROM client_staff ORDER BY client_id').all();
      // Before the import: a client given to the admin (id 1) gets the trigger's pair.
      const before = Number(insert.run('Before', 1, AT, AT).lastInsertRowid);
      const perRowPair = pairs();
      expect(perRowPair).toEqual([{ staff_id: 1, client_id: before, worked: 0, is_assigned: 1 }]);

      sqlite.exec('BEGIN IMMEDIATE');
      const deferred = deferIndexes(db, 50 * 1024 * 1024);
      expect(triggerSql()).toBeUndefined();
      const a = Number(insert.run('Ann', 1, AT, AT).lastInsertRowid);
      insert.run('Nobody', null, AT, AT);
      const b = Number(insert.run('Bea', 1, AT, AT).lastInsertRowid);
      expect(pairs()).toEqual(perRowPair); // nothing yet
      deferred.rebuild();
      sqlite.exec('COMMIT');

      expect(pairs()).toEqual([
        { staff_id: 1, client_id: before, worked: 0, is_assigned: 1 },
        { staff_id: 1, client_id: a, worked: 0, is_assigned: 1 },
        { staff_id: 1, client_id: b, worked: 0, is_assigned: 1 },
      ]);
      expect(triggerSql()).toBe(original);
      const after = Number(insert.run('After', 1, AT, AT).lastInsertRowid);
      expect(pairs()).toContainEqual({ staff_id: 1, client_id: after, worked: 0, is_assigned: 1 });
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
