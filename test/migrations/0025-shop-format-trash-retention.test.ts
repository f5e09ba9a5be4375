import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

describe('migration 0025-shop-format-trash-retention', () => {
  it('keeps the shop’s settings, reads dates as its country does and keeps the Trash until erased by hand, refuses nonsense, and goes back', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      sqlite.prepare("INSERT INTO shop_settings (id, shop_name, default_country, idle_lock_minutes, updated_at) VALUES (1, 'Maison', 'GB', 20, ?)").run(at);

      expect((await migrator.migrateTo('0025-shop-format-trash-retention')).error).toBeUndefined();
      const row = () => sqlite.prepare('SELECT shop_name, default_country, idle_lock_minutes, format_locale, trash_retention_days FROM shop_settings').get();
      expect(row()).toEqual({ shop_name: 'Maison', default_country: 'GB', idle_lock_minutes: 20, format_locale: null, trash_retention_days: null });
      sqlite.prepare("UPDATE shop_settings SET format_locale = 'de-DE', trash_retention_days = 30").run();
      expect(row()).toMatchObject({ format_locale: 'de-DE', trash_retention_days: 30 });
      expect(() => sqlite.prepare('UPDATE shop_settings SET trash_retention_days = 0').run()).toThrow(/CHECK/);
      expect(() => sqlite.prepare("UPDATE shop_settings SET format_locale = ''").run()).toThrow(/CHECK/);

      expect((await migrator.migrateTo('0021-email')).error).toBeUndefined();
      expect(sqlite.prepare('SELECT * FROM shop_settings').get()).toMatchObject({ shop_name: 'Maison', default_country: 'GB', idle_lock_minutes: 20 });
      expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('shop_settings') WHERE name IN ('format_locale', 'trash_retention_days')").get()).toEqual({ n: 0 });
    } finally {
      await close();
    }
  });
});
