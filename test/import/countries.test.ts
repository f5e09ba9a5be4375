/**
 * Country names read as well as codes (issue 17): "United Kingdom", "Deutschland", an alpha-3
 * code, HubSpot's Country/Region header; a country that reads as none is a warning leaving it
 * empty. One list (i18n-iso-countries) serves the import and the screens' pickers.
 */
import { describe, expect, it } from 'vitest';
import { readCountry } from '../../src-main/domain/country';
import { COUNTRY_CODES } from '../../src-preload/countries';
import { cast } from '../helpers/cast';
import { upload } from '../helpers/files';

describe('reading a country', () => {
  it('takes codes, alpha-3 codes and names in the shops’ languages', () => {
    expect(['GB', 'gb', 'GBR', 'United Kingdom', 'great britain', 'UK', 'Deutschland', 'Espagne', 'Italia', 'USA', 'United States of America', 'Atlantis', '', 'ZZ'].map(readCountry)).toEqual([
      'GB', 'GB', 'GB', 'GB', 'GB', 'GB', 'DE', 'ES', 'IT', 'US', 'US', null, null, null,
    ]);
    expect(COUNTRY_CODES).toContain('GB');
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
  });
});

describe('importing countries', () => {
  it('reads HubSpot’s Country/Region names for each person who may import, and leaves an unknown one empty with a warning', async () => {
    const { app, admin, people } = await cast({ country: 'GB' });
    const csv = ['First Name,Last Name,Country/Region', 'Ann,Lee,United Kingdom', 'Bob,Kim,Deutschland', 'Cy,Ng,usa', 'Di,Ox,Atlantis'].join('\n');
    for (const [label, who] of people) {
      if (label === 'Associate') continue; // may not import (households.test.ts)
      const inspection = await who.ok('import-inspect', { uploadId: await upload(who, 'hubspot.csv', csv) });
      expect([label, inspection.mapping]).toEqual([label, ['firstName', 'lastName', 'country']]);
      const run = { uploadId: inspection.uploadId, encoding: inspection.encoding, delimiter: ',' as const, mapping: inspection.mapping };
      const preview = await who.ok('import-preview', run);
      expect([label, preview.map((r) => (r.ok ? r.values.country : r.reason))]).toEqual([label, ['GB', 'DE', 'US', null]]);
      const dry = await who.ok('import-run', { ...run, dryRun: true });
      expect([label, dry.created, dry.rejected, dry.problems]).toEqual([
        label, 4, 0,
        [{ line: 5, outcome: 'warning', column: 'Country/Region', reason: 'Country "Atlantis" in column "Country/Region" is not a country name or ISO code (such as United Kingdom or GB); left empty' }],
      ]);
    }
    const inspection = await admin.ok('import-inspect', { uploadId: await upload(admin, 'hubspot.csv', csv) });
    await admin.ok('import-run', { uploadId: inspection.uploadId, encoding: inspection.encoding, delimiter: ',', mapping: inspection.mapping, dryRun: false });
    const rows = await app.services.db.selectFrom('clients').select(['first_name', 'country']).orderBy('id').execute();
    expect(rows.map((r) => r.country)).toEqual(['GB', 'DE', 'US', null]);
  });
});
