import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { deferIndexes, HOME_BIT_SQL } from '../../src-main/jobs/bulk-indexes';
import { openJobDb } from '../../src-main/jobs/job-db';
import { setUpShop, tempDir, TEST_PASSWORD_COST } from '../helpers/app';

const AT = '2026-01-01T00:00:00.000Z';

describe('a large import defers index and trigger work to its end', () => {
  it('adds each new assigned client’s pair once, as the per-row trigger would, and puts the trigger back', async () => {
    const dir = tempDir();
    const app = await createApp({ dataDir: dir, passwordCost: TEST_PASSWORD_COST });
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

  it('adds each new client’s home pair and location bit once, as the per-row triggers would, and puts both triggers back', async () => {
    const dir = tempDir();
    const app = await createApp({ dataDir: dir, passwordCost: TEST_PASSWORD_COST });
    const admin = await setUpShop(app);
    const north = await admin.ok('location-create', { name: 'North' });
    await app.close();
    const db = openJobDb({ databaseFile: join(dir, 'clientele.db'), workerFile: null });
    try {
      const { sqlite } = db;
      const names = ['clients_home_ai', 'client_locations_mask_ai'];
      const triggers = () => names.map((n) => sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(n));
      const original = triggers();
      const perRow = sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, home_location_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      const state = () => ({
        pairs: sqlite.prepare('SELECT location_id, client_id, is_unassigned FROM client_locations ORDER BY client_id').all(),
        masks: sqlite.prepare('SELECT id, location_mask FROM clients ORDER BY id').all(),
      });
      // Per row: the triggers give the pair (flagged while Unassigned) and the bit.
      const before = Number(perRow.run('Before', null, north.id, AT, AT).lastInsertRowid);
      expect(state()).toEqual({ pairs: [{ location_id: north.id, client_id: before, is_unassigned: 1 }], masks: [{ id: before, location_mask: 1 << (north.id - 1) }] });

      sqlite.exec('BEGIN IMMEDIATE');
      const deferred = deferIndexes(db, 50 * 1024 * 1024);
      expect(deferred.homeBits).toBe(true);
      expect(triggers()).toEqual([undefined, undefined]);
      // As the import writes its rows meanwhile: the bit with the row.
      const bulk = sqlite.prepare(
        `INSERT INTO clients (first_name, assigned_staff_id, home_location_id, location_mask, created_at, updated_at) VALUES (?, ?, ?, ${HOME_BIT_SQL}, ?, ?)`,
      );
      const a = Number(bulk.run('Ann', 1, north.id, north.id, north.id, AT, AT).lastInsertRowid);
      const b = Number(bulk.run('Bea', null, 1, 1, 1, AT, AT).lastInsertRowid);
      const c = Number(bulk.run('Cid', null, null, null, null, AT, AT).lastInsertRowid);
      expect(state().pairs).toHaveLength(1); // nothing yet
      deferred.rebuild();
      sqlite.exec('COMMIT');

      expect(state()).toEqual({
        pairs: [
          { location_id: north.id, client_id: before, is_unassigned: 1 },
          { location_id: north.id, client_id: a, is_unassigned: 0 },
          { location_id: 1, client_id: b, is_unassigned: 1 },
        ],
        masks: [
          { id: before, location_mask: 1 << (north.id - 1) },
          { id: a, location_mask: 1 << (north.id - 1) },
          { id: b, location_mask: 1 },
          { id: c, location_mask: 0 },
        ],
      });
      expect(triggers()).toEqual(original);
      const after = Number(perRow.run('After', null, 1, AT, AT).lastInsertRowid);
      expect(state().pairs).toContainEqual({ location_id: 1, client_id: after, is_unassigned: 1 });
      expect(state().masks).toContainEqual({ id: after, location_mask: 1 });
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
