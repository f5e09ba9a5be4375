import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0022b-appointment-reminders', () => {
  it('keeps every outbox item and message with its id and links, lets an item be an appointment’s reminder and a message a reminder, adds the template, and goes back', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0022-appointments')).error).toBeUndefined();
      const at = '2026-01-05T10:00:00.000Z';
      sqlite.prepare("INSERT INTO shop_settings (id, shop_name, default_country, updated_at) VALUES (1, 'Shop', 'US', ?)").run(at);
      const sam = Number(sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES ('Sam', 'sam', 'associate', 'x', ?, ?)").run(at, at).lastInsertRowid);
      const ana = Number(sqlite.prepare('INSERT INTO clients (first_name, email, consent_email, created_at, updated_at) VALUES (?, ?, 1, ?, ?)').run('Ana', 'ana@example.com', at, at).lastInsertRowid);
      const rule = Number(
        sqlite
          .prepare("INSERT INTO automation_rules (name, event, days_before, recipient, channel, template, created_at, updated_at) VALUES ('Birthday', 'birthday', 0, 'client', 'email', 'Hi', ?, ?)")
          .run(at, at).lastInsertRowid,
      );
      const item = sqlite.prepare(
        "INSERT INTO outbox (id, rule_id, client_id, recipient_id, year, event_date, due_date, channel, staff_id, rendered, reason, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-01-05', '2026-01-05', 'email', ?, 'Hi', 'Birthday', 'sent', ?, ?)",
      );
      item.run(7, rule, ana, ana, 2026, sam, at, at);
      item.run(9, rule, ana, ana, 2027, sam, at, at);
      const message = sqlite.prepare(
        "INSERT INTO messages (id, idempotency_key, kind, client_id, outbox_id, to_address, to_name, subject, body, marketing, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ana@example.com', 'Ana', 'S', 'B', 1, 'sent', ?, ?, ?)",
      );
      message.run(3, 'life-event:7', 'life-event', ana, 7, at, at, at);
      message.run(4, 'life-event:9', 'life-event', ana, 9, at, at, at);
      const outbox = () => sqlite.prepare('SELECT id, rule_id, client_id, recipient_id, year, due_date, status, staff_id FROM outbox ORDER BY id').all();
      const messages = () => sqlite.prepare('SELECT id, idempotency_key, kind, outbox_id, status FROM messages ORDER BY id').all();
      const [outboxBefore, messagesBefore] = [outbox(), messages()];
      const schema = () => sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
      const schemaBefore = schema();
      expect(() => message.run(5, 'reminder:1', 'reminder', ana, null, at, at, at)).toThrow(/CHECK/);

      expect((await migrator.migrateTo('0022b-appointment-reminders')).error).toBeUndefined();
      expect(outbox()).toEqual(outboxBefore);
      // The messages still point at their items (the rebuilt outbox kept its ids).
      expect(messages()).toEqual(messagesBefore);
      expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages'").pluck().get()).toMatch(/REFERENCES outbox \(id\)/);
      expect(sqlite.prepare('SELECT reminder_template FROM shop_settings').pluck().get()).toBeNull();

      const appointment = Number(
        sqlite
          .prepare("INSERT INTO appointments (client_id, staff_id, location_id, start_at, duration_minutes, end_at, booked_through, created_at, updated_at) VALUES (?, ?, 1, '2026-01-06T10:00:00.000Z', 30, '2026-01-06T10:30:00.000Z', 'phone', ?, ?)")
          .run(ana, sam, at, at).lastInsertRowid,
      );
      const reminder = sqlite.prepare(
        "INSERT INTO outbox (rule_id, appointment_id, appointment_start_at, client_id, recipient_id, year, event_date, due_date, channel, staff_id, rendered, reason, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 2026, '2026-01-06', '2026-01-05', 'email', ?, 'See you', 'Appointment', 'due', ?, ?)",
      );
      const reminderId = Number(reminder.run(null, appointment, '2026-01-06T10:00:00.000Z', ana, ana, sam, at, at).lastInsertRowid);
      // One reminder per appointment and start; an item is a rule's or an appointment's, never both or neither.
      expect(() => reminder.run(null, appointment, '2026-01-06T10:00:00.000Z', ana, ana, sam, at, at)).toThrow(/UNIQUE/);
      expect(() => reminder.run(rule, appointment, '2026-01-06T11:00:00.000Z', ana, ana, sam, at, at)).toThrow(/CHECK/);
      expect(() => reminder.run(null, null, null, ana, ana, sam, at, at)).toThrow(/CHECK/);
      message.run(5, `reminder:${reminderId}`, 'reminder', ana, reminderId, at, at, at);
      const plan = (sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM messages WHERE status IN ('queued', 'retrying') ORDER BY next_attempt_at").all() as { detail: string }[]).map((r) => r.detail);
      expect(plan.join(' ')).toContain('messages_due');

      expect((await migrator.migrateTo('0022-appointments')).error).toBeUndefined();
      expect(outbox()).toEqual(outboxBefore);
      expect(messages()).toEqual(messagesBefore);
      expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(() => message.run(6, 'reminder:2', 'reminder', ana, null, at, at, at)).toThrow(/CHECK/);
      expect(schema()).toEqual(schemaBefore);
    } finally {
      await close();
    }
  });
});
