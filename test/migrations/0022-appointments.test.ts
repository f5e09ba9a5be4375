import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0022-appointments', () => {
  it('keeps the assignment history (now with a booking reason), adds services, appointments with a computed end, opening hours and the time zone, and goes back', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      const at = '2026-01-05T10:00:00.000Z';
      sqlite.prepare("INSERT INTO shop_settings (id, shop_name, default_country, updated_at) VALUES (1, 'Shop', 'US', ?)").run(at);
      const sam = Number(
        sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES ('Sam', 'sam', 'associate', 'x', ?, ?)").run(at, at).lastInsertRowid,
      );
      const ana = Number(sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Ana', sam, at, at).lastInsertRowid);
      const history = sqlite.prepare('INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      history.run(ana, null, sam, 'creator', null, sam, at);
      history.run(ana, sam, null, 'manual', '{"note":"x"}', sam, at);
      const rows = () => sqlite.prepare('SELECT id, client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at FROM assignment_history ORDER BY id').all();
      const before = rows();
      const schemaBefore = sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
      expect(() => history.run(ana, null, sam, 'booking', null, sam, at)).toThrow(/CHECK/);

      expect((await migrator.migrateTo('0022-appointments')).error).toBeUndefined();
      expect(rows()).toEqual(before);
      history.run(ana, null, sam, 'booking', '{"appointmentId":1}', sam, at);
      expect(sqlite.prepare('SELECT name FROM pragma_index_list(\'assignment_history\')').pluck().all()).toContain('assignment_history_client');
      expect(sqlite.prepare('SELECT time_zone FROM shop_settings').pluck().get()).toBeNull();

      const service = Number(sqlite.prepare('INSERT INTO services (name, default_duration_minutes, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Fitting', 45, at, at).lastInsertRowid);
      expect(() => sqlite.prepare('INSERT INTO services (name, default_duration_minutes, created_at, updated_at) VALUES (?, ?, ?, ?)').run('FITTING', 30, at, at)).toThrow(/UNIQUE/);
      const book = sqlite.prepare(
        "INSERT INTO appointments (client_id, staff_id, location_id, service_id, start_at, duration_minutes, end_at, booked_through, created_by, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, 'phone', ?, ?, ?)",
      );
      const end = (start: string, minutes: number) => new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
      const first = Number(book.run(ana, sam, service, '2026-03-08T23:30:00.000Z', 45, end('2026-03-08T23:30:00.000Z', 45), sam, at, at).lastInsertRowid);
      const row = sqlite.prepare('SELECT start_at, end_at, status, version FROM appointments WHERE id = ?');
      // The end crosses midnight UTC and is written in the start's own format.
      expect(row.get(first)).toEqual({ start_at: '2026-03-08T23:30:00.000Z', end_at: '2026-03-09T00:15:00.000Z', status: 'booked', version: 1 });
      // An end that is not the start plus the length is refused.
      expect(() => sqlite.prepare('UPDATE appointments SET duration_minutes = 90 WHERE id = ?').run(first)).toThrow(/CHECK/);
      sqlite.prepare("UPDATE appointments SET duration_minutes = 90, end_at = '2026-03-09T01:00:00.000Z' WHERE id = ?").run(first);
      // Not a canonical instant, too long, unknown channel or status: refused by the schema.
      expect(() => book.run(ana, sam, service, '2026-03-08 23:30', 45, end('2026-03-08T23:30:00.000Z', 45), sam, at, at)).toThrow(/CHECK/);
      expect(() => book.run(ana, sam, service, '2026-03-09T08:00:00.000Z', 721, end('2026-03-09T08:00:00.000Z', 721), sam, at, at)).toThrow(/CHECK/);
      expect(() => sqlite.prepare("UPDATE appointments SET status = 'lost' WHERE id = ?").run(first)).toThrow(/CHECK/);
      // The overlap check reads its index alone.
      const plan = (
        sqlite
          .prepare("EXPLAIN QUERY PLAN SELECT id, start_at, end_at FROM appointments WHERE staff_id = ? AND start_at > ? AND start_at < ? AND end_at > ? AND status NOT IN ('cancelled', 'no_show')")
          .all(sam, 'a', 'b', 'c') as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan.join(' ')).toContain('USING COVERING INDEX appointments_staff_start');

      const hours = sqlite.prepare('INSERT INTO location_hours (location_id, weekday, opens, closes) VALUES (1, ?, ?, ?)');
      hours.run(1, '09:00', '18:00');
      expect(() => hours.run(2, '18:00', '09:00')).toThrow(/CHECK/);
      expect(() => hours.run(8, '09:00', '10:00')).toThrow(/CHECK/);
      expect(() => hours.run(3, '9:00', '10:00')).toThrow(/CHECK/);
      sqlite.prepare("UPDATE shop_settings SET time_zone = 'Europe/Paris'").run();

      // A client removed for good takes their appointments with them.
      const ben = Number(sqlite.prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)').run('Ben', at, at).lastInsertRowid);
      book.run(ben, sam, null, '2026-03-10T09:00:00.000Z', 30, end('2026-03-10T09:00:00.000Z', 30), sam, at, at);
      sqlite.prepare('DELETE FROM clients WHERE id = ?').run(ben);
      expect(sqlite.prepare('SELECT count(*) FROM appointments').pluck().get()).toBe(1);

      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      expect(rows()).toEqual([...before, { id: 3, client_id: ana, from_staff_id: null, to_staff_id: sam, reason: 'manual', detail: '{"appointmentId":1}', actor_id: sam, at }]);
      expect(sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()).toEqual(schemaBefore);
      expect((await migrator.migrateTo('0022-appointments')).error).toBeUndefined();
    } finally {
      await close();
    }
  });
});
