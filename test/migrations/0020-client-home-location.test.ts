import { join } from 'node:path';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrationProvider } from '../../src-main/db/migrations';
import { tempDir } from '../helpers/app';

/** The text of 0016's interaction triggers, as the sales import's digest pins them (bulk-sales.ts before 0020). */
const DIGEST_0016 = 'c75042b2e66812878fe4ffa67967fdf62d8387569f4f869d72e46afb9ed376c1';

describe('migration 0020-client-home-location', () => {
  it('gives each client the location of most of its interactions (else the default) as a home pair, keeps homes, pairs and the Unassigned flag as clients and interactions change, and goes back', async () => {
    const { db, sqlite, close } = openDatabase(join(tempDir(), 'book.db'));
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0019-phone-suffix-key-buckets')).error).toBeUndefined();
      const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      const main = (sqlite.prepare('SELECT id FROM locations WHERE is_default = 1').get() as { id: number }).id;
      const location = sqlite.prepare('INSERT INTO locations (name, is_default, created_at) VALUES (?, 0, ?)');
      const [north, south, east] = ['North', 'South', 'East'].map((n) => Number(location.run(n, at(1)).lastInsertRowid)) as [number, number, number];
      const sam = Number(
        sqlite.prepare("INSERT INTO staff (name, username, role, password_hash, created_at, updated_at) VALUES ('Sam', 'sam', 'associate', 'x', ?, ?)").run(at(1), at(1)).lastInsertRowid,
      );
      const client = sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const [ana, ben, cy, dee, eve] = ['Ana', 'Ben', 'Cy', 'Dee', 'Eve'].map((n, i) => Number(client.run(n, i === 0 ? sam : null, at(1), at(1)).lastInsertRowid)) as [
        number, number, number, number, number,
      ];
      const interaction = sqlite.prepare('INSERT INTO interactions (client_id, kind, location_id, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)');
      // Ana: two at North, one at South (later): North. Ben: one each at South and East, East the later: East.
      interaction.run(ana, 'sale', north, at(2), at(2));
      interaction.run(ana, 'booking', north, at(3), at(3));
      interaction.run(ana, 'sale', south, at(9), at(9));
      interaction.run(ben, 'sale', south, at(4), at(4));
      const bensEast = Number(interaction.run(ben, 'booking', east, at(5), at(5)).lastInsertRowid);
      // Cy: only a note with no location; Dee: nothing. Both go to the default location.
      interaction.run(cy, 'note', null, at(6), at(6));

      expect((await migrator.migrateTo('0020-client-home-location')).error).toBeUndefined();
      const homes = () => sqlite.prepare('SELECT first_name AS name, home_location_id AS home FROM clients ORDER BY id').all();
      expect(homes()).toEqual([
        { name: 'Ana', home: north },
        { name: 'Ben', home: east },
        { name: 'Cy', home: main },
        { name: 'Dee', home: main },
        { name: 'Eve', home: main },
      ]);
      const names = new Map([ana, ben, cy, dee, eve].map((id, i) => [id, ['Ana', 'Ben', 'Cy', 'Dee', 'Eve'][i]!]));
      const pairs = () =>
        (sqlite.prepare('SELECT location_id AS l, client_id AS c, is_unassigned AS u FROM client_locations ORDER BY 1, 2').all() as { l: number; c: number; u: number }[]).map(
          (p) => `${p.l}:${names.get(p.c) ?? p.c}${p.u ? ' (unassigned)' : ''}`,
        );
      expect(pairs()).toEqual([
        `${main}:Cy (unassigned)`, `${main}:Dee (unassigned)`, `${main}:Eve (unassigned)`,
        `${north}:Ana`,
        `${south}:Ana`, `${south}:Ben (unassigned)`,
        `${east}:Ben (unassigned)`,
      ]);
      const bits = (...locations: number[]) => locations.reduce((m, id) => m | (1 << (id - 1)), 0);
      const masks = () => sqlite.prepare('SELECT location_mask FROM clients ORDER BY id').pluck().all();
      expect(masks()).toEqual([bits(north, south), bits(south, east), bits(main), bits(main), bits(main)]);
      expect(sqlite.prepare('SELECT unassigned_pool FROM shop_settings').all()).toEqual([]); // no shop yet; the column defaults to on
      expect(sqlite.prepare("SELECT dflt_value FROM pragma_table_info('shop_settings') WHERE name = 'unassigned_pool'").pluck().get()).toBe('1');

      // Ben's last interaction at his home goes: the home keeps the pair. His South sale goes: that pair goes.
      sqlite.prepare('DELETE FROM interactions WHERE id = ?').run(bensEast);
      sqlite.prepare('DELETE FROM interactions WHERE client_id = ? AND location_id = ?').run(ben, south);
      // Ana moves home to East, keeping North (her interactions); Sam gives Ana up; Dee is claimed by Sam.
      sqlite.prepare('UPDATE clients SET home_location_id = ?, assigned_staff_id = NULL WHERE id = ?').run(east, ana);
      sqlite.prepare('UPDATE clients SET assigned_staff_id = ? WHERE id = ?').run(sam, dee);
      // Eve's home moves from the default to South, where nothing else holds her; Cy is seen at North.
      sqlite.prepare('UPDATE clients SET home_location_id = ? WHERE id = ?').run(south, eve);
      interaction.run(cy, 'sale', north, at(10), at(10));
      // A new client, assigned, at North; another removed for good, as an import's undo does.
      const fay = Number(sqlite.prepare('INSERT INTO clients (first_name, assigned_staff_id, home_location_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run('Fay', sam, north, at(11), at(11)).lastInsertRowid);
      names.set(fay, 'Fay');
      const gus = Number(sqlite.prepare('INSERT INTO clients (first_name, home_location_id, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Gus', north, at(11), at(11)).lastInsertRowid);
      names.set(gus, 'Gus');
      expect(pairs()).toContain(`${north}:Gus (unassigned)`);
      sqlite.prepare('DELETE FROM clients WHERE id = ?').run(gus);
      expect(pairs()).toEqual([
        `${main}:Cy (unassigned)`, `${main}:Dee`,
        `${north}:Ana (unassigned)`, `${north}:Cy (unassigned)`, `${north}:Fay`,
        `${south}:Ana (unassigned)`, `${south}:Eve (unassigned)`,
        `${east}:Ana (unassigned)`, `${east}:Ben (unassigned)`,
      ]);
      expect(masks()).toEqual([bits(north, south, east), bits(east), bits(main, north), bits(main), bits(south), bits(north)]);
      const pool = sqlite
        .prepare('SELECT client_id FROM client_locations INDEXED BY client_locations_unassigned WHERE location_id = ? AND is_unassigned = 1 ORDER BY client_id')
        .pluck()
        .all(north);
      expect(pool).toEqual([ana, cy]);

      expect((await migrator.migrateTo('0019-phone-suffix-key-buckets')).error).toBeUndefined();
      // Back to the pairs the interactions hold, with their bits, and 0016's triggers as they were.
      expect(sqlite.prepare('SELECT location_id AS l, client_id AS c FROM client_locations ORDER BY 1, 2').all()).toEqual([
        { l: north, c: ana }, { l: north, c: cy }, { l: south, c: ana },
      ]);
      expect(masks()).toEqual([bits(north, south), 0, bits(north), 0, 0, 0]);
      const { triggersDigest } = await import('../../src-main/jobs/bulk-sales');
      expect(triggersDigest(sqlite)).toBe(DIGEST_0016);
      expect((await migrator.migrateTo('0020-client-home-location')).error).toBeUndefined();
      expect(homes()).toEqual([
        { name: 'Ana', home: north },
        { name: 'Ben', home: main },
        { name: 'Cy', home: north },
        { name: 'Dee', home: main },
        { name: 'Eve', home: main },
        { name: 'Fay', home: main },
      ]);
    } finally {
      await close();
    }
  });
});
