/**
 * Export (issue 17): the current list (its search as the list searches, its filters), a
 * segment, or the selected rows; and each preset meant for another system's import, plus our
 * own, read back by our import with the same values. Tried as an Admin, a North Manager, an
 * Associate and a contact-hidden custom role, with clients in and out of their scope.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportPreset } from '../../src-preload/csv';
import { ADMIN, connect, startApp, type TestClient } from '../helpers/app';
import { cast } from '../helpers/cast';
import { download, importCsv } from '../helpers/files';

const exported = async (who: TestClient, input: Parameters<TestClient['ok']>[1]) => {
  const r = await who.call('export-clients', input as never);
  if (!r.ok) return r.error.code;
  const text = (await download(who, r.value.fileId)).toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  return parse<Record<string, string>>(text, { columns: true }).map((row) => row['First name'] ?? row['First Name']);
};

async function book() {
  const c = await cast({ country: 'GB' });
  const { admin, associate, kai } = c;
  await associate.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', phone: '07911 123456', email: 'emma@example.com' });
  const noor = await associate.ok('client-create', { firstName: 'Noor', lastName: 'North', email: 'noor@example.com' });
  await associate.ok('client-update', { id: noor.id, version: noor.version, tags: ['VIP'] });
  await associate.ok('client-create', { firstName: 'Emil', lastName: 'Other' });
  await kai.ok('client-create', { firstName: 'Emmy', lastName: 'South', phone: '07911 555000' });
  const vip = await admin.ok('segment-save', { name: 'VIPs', shared: true, filters: { tagIds: [(await admin.ok('client-filter-options', {})).tags[0]!.id] } });
  return { ...c, noor, vip };
}

describe('which clients an export writes', () => {
  it('the list as searched and filtered, a segment, or the selected rows: only those the person may see', async () => {
    const { people, admin, noor, vip } = await book();
    const ids = (await admin.ok('client-list', { limit: 50 })).items.map((c) => c.id);
    const expected: Record<string, Record<string, string[] | string>> = {
      Admin: { search: ['Emma', 'Emil', 'Emmy'], filtered: ['Emma'], segment: ['Noor'], selected: ['Emma', 'Noor', 'Emil', 'Emmy'] },
      'Manager (North)': { search: ['Emma', 'Emil'], filtered: ['Emma'], segment: ['Noor'], selected: ['Emma', 'Noor', 'Emil'] },
      Associate: { search: ['Emma', 'Emil'], filtered: ['Emma'], segment: ['Noor'], selected: ['Emma', 'Noor', 'Emil'] },
      // Sees only its own clients (none here); finds nobody by a phone.
      'narrowed role': { search: [], filtered: [], segment: [], selected: [] },
    };
    for (const [label, who] of people) {
      const got = {
        search: await exported(who, { preset: 'clientele', list: { query: 'em', filters: {} } }),
        // "Emma" by her phone's middle digits, as the list finds her, and only Guests with email consent off.
        filtered: await exported(who, { preset: 'clientele', list: { query: '7911 12', filters: { status: 'guest' } } }),
        segment: await exported(who, { preset: 'clientele', segmentId: vip.id }),
        selected: await exported(who, { preset: 'clientele', ids }),
      };
      expect([label, got]).toEqual([label, expected[label]]);
    }
    // One target at a time.
    expect(await exported(admin, { preset: 'clientele', ids: [noor.id], list: { filters: {} } })).toBe('VALIDATION');
  });
});

/** What our import reads back, field by field, for each preset. */
const CARRIED: Record<'clientele' | 'shopify' | 'hubspot', string[]> = {
  clientele: ['first_name', 'last_name', 'email', 'phone_e164', 'birthday', 'anniversary', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'notes', 'consent_email', 'consent_sms', 'tags'],
  shopify: ['first_name', 'last_name', 'email', 'phone_e164', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'notes', 'consent_email', 'consent_sms', 'tags'],
  hubspot: ['first_name', 'last_name', 'email', 'phone_e164', 'address_line1', 'city', 'region', 'postal_code', 'country'],
};

async function clientsOf(app: Awaited<ReturnType<typeof startApp>>, columns: string[]) {
  const rows = await app.services.db.selectFrom('clients').selectAll().orderBy('first_name').execute();
  const tags = await app.services.db.selectFrom('client_tags').innerJoin('tags', 'tags.id', 'client_tags.tag_id').select(['client_tags.client_id', 'tags.name']).execute();
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, c === 'tags' ? tags.filter((t) => t.client_id === r.id).map((t) => t.name).sort().join(',') : (r as Record<string, unknown>)[c]])));
}

describe('presets read back by our import', () => {
  it.each(['clientele', 'shopify', 'hubspot'] as const)('%s: each person’s export, imported into a new book, holds the same values', async (preset: ExportPreset) => {
    const { app, admin, people } = await book();
    await admin.ok('client-create', {
      firstName: 'Zoë', lastName: 'Full', email: 'zoe@example.com', phone: '+44 20 7946 0000', birthday: '1985-04-03', anniversary: '--06-12',
      address: { line1: '1 High St', line2: 'Flat 2', city: 'London', region: 'LND', postalCode: 'N1 1AA', country: 'GB' },
      notes: 'Likes silver', consentEmail: { granted: true }, consentSms: { granted: true },
    });
    const columns = CARRIED[preset as keyof typeof CARRIED];
    for (const [label, who] of people) {
      const r = await who.ok('export-clients', { preset, mode: 'excel' });
      const file = await download(who, r.fileId);
      const fresh = await startApp();
      const freshAdmin = connect(fresh);
      await freshAdmin.ok('setup-create', { shopName: 'Copy', defaultCountry: 'GB', ...ADMIN });
      const { result } = await importCsv(freshAdmin, file, { name: `${preset}.csv` });
      expect([label, result.rejected, result.problems.filter((p) => p.outcome !== 'warning')]).toEqual([label, 0, []]);
      // What the person sees of the book, in the columns the preset carries (hidden groups empty in both).
      const theirs = (await who.ok('client-list', { limit: 50 })).items.map((c) => c.firstName).sort();
      const source = (await clientsOf(app, columns)).filter((c) => theirs.includes(c.first_name as string));
      const copy = await clientsOf(fresh, columns);
      const hiddenContact = label === 'narrowed role';
      const visible = (c: Record<string, unknown>) => (hiddenContact ? { ...c, email: null, phone_e164: null, consent_email: 0, consent_sms: 0 } : c);
      expect([label, copy]).toEqual([label, source.map(visible)]);
    }
  });
});
