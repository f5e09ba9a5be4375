import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { setUpShop, startApp, staffSession } from '../helpers/app';
import { importCsv } from '../helpers/files';

// Shopify's customer export headers, as documented in its help centre.
const SHOPIFY = [
  'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags',
  "'7001,Léa,Marchand,Lea.Marchand@Example.com,yes,,12 Rue Oberkampf,,Paris,,FR,'75011,,'+33 6 12 34 56 78,no,120.00,2,Prefers silk,no,\"vip, paris\"",
  "'7002,Tom,Baker,tom@example.com,no,,1 High St,,London,,GB,SW1A 1AA,'+44 20 7946 0018,,yes,0.00,0,,no,",
].join('\n');

// HubSpot's contacts export headers.
const HUBSPOT = [
  'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Contact owner,City,State/Region,Postal Code,Create Date',
  '101,Ana,Silva,ana@example.com,,(415) 555-0132,Mia Manager,San Francisco,CA,94103,2024-01-02 10:00',
  '102,Ben,Okafor,ben@example.com,212-555-0188,,Nobody Known,New York,NY,10001,2024-01-03 11:00',
].join('\r\n');

describe('import: recognised formats', () => {
  it('imports a Shopify customer export: yes/no consent, apostrophes stripped, tags', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const { inspection, result } = await importCsv(admin, SHOPIFY, { tags: ['spring-import'] });
    expect(inspection.mapping).toEqual([
      'customerId', 'firstName', 'lastName', 'email', 'consentEmail', null, 'address1', 'address2', 'city', 'region', 'country',
      'postalCode', 'phoneAlt', 'phone', 'consentSms', null, null, 'notes', null, 'tags',
    ]);
    expect(result).toMatchObject({ rows: 2, created: 2, rejected: 0, skipped: 0 });
    const rows = await app.services.db.selectFrom('clients').selectAll().orderBy('id').execute();
    expect(rows[0]).toMatchObject({
      first_name: 'Léa', email: 'Lea.Marchand@Example.com', phone: '+33 6 12 34 56 78', phone_e164: '+33612345678',
      postal_code: '75011', country: 'FR', consent_email: 1, consent_email_source: 'import', consent_sms: 0, notes: 'Prefers silk',
      external_id: '7001',
    });
    // Phone empty: the default address phone is used.
    expect(rows[1]).toMatchObject({ phone: '+44 20 7946 0018', phone_e164: '+442079460018', consent_email: 0, consent_sms: 1 });
    const tags = await app.services.db
      .selectFrom('client_tags').innerJoin('tags', 'tags.id', 'client_tags.tag_id').select(['client_id', 'tags.name']).orderBy('name').execute();
    expect(tags.filter((t) => t.client_id === rows[0]!.id).map((t) => t.name)).toEqual(['paris', 'spring-import', 'vip']);
  });

  it('imports HubSpot contacts, assigning from Contact owner and warning about an unknown owner', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mia = await staffSession(app, admin, { name: 'Mia Manager', username: 'mia', role: 'manager' });
    const { inspection, result } = await importCsv(admin, HUBSPOT, { assign: { kind: 'column' } });
    expect(inspection.mapping).toEqual([null, 'firstName', 'lastName', 'email', 'phone', 'phoneAlt', 'assignedTo', 'city', 'region', 'postalCode', null]);
    expect(result).toMatchObject({ created: 2, warnings: 1 });
    expect(result.problems).toEqual([{ line: 3, outcome: 'warning', column: null, reason: expect.stringContaining('No active staff member "Nobody Known"') }]);
    const rows = await app.services.db.selectFrom('clients').select(['first_name', 'assigned_staff_id', 'phone_e164']).orderBy('id').execute();
    expect(rows).toEqual([
      { first_name: 'Ana', assigned_staff_id: mia.id, phone_e164: '+14155550132' },
      { first_name: 'Ben', assigned_staff_id: null, phone_e164: '+12125550188' },
    ]);
  });

  it('reads a Windows-1252, semicolon-separated spreadsheet file', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const text = 'Prénom;Nom;E-mail;Ville\r\nZoë;Müller;zoe@example.de;Köln\r\nFrançois;Lefèvre;;Besançon\r\n';
    const { inspection, result } = await importCsv(admin, iconv.encode(text, 'windows-1252'), { mapping: ['firstName', 'lastName', 'email', 'city'] });
    expect(inspection).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headers: ['Prénom', 'Nom', 'E-mail', 'Ville'] });
    expect(result.created).toBe(2);
    const rows = await app.services.db.selectFrom('clients').select(['first_name', 'last_name', 'city']).orderBy('id').execute();
    expect(rows).toEqual([
      { first_name: 'Zoë', last_name: 'Müller', city: 'Köln' },
      { first_name: 'François', last_name: 'Lefèvre', city: 'Besançon' },
    ]);
  });
});
