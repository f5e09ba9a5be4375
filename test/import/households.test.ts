/**
 * Households are not duplicates (issue 17): a row whose phone matches a client but whose email
 * is a different address is another person, and is created; a phone matches only when one
 * side has no email. A dry run and the summary list each line skipped as a duplicate with the
 * client it matched, named only when the importer may see them. Tried as an Admin, a North
 * Manager, an Associate and a contact-hidden custom role.
 */
import { describe, expect, it } from 'vitest';
import { cast } from '../helpers/cast';
import { upload } from '../helpers/files';

const FILE = [
  'First name,Last name,Email,Phone',
  'Emma,Thompson,emma@example.com,07911 123456', // 2: Emma herself (same email)
  'Tom,Thompson,tom@example.com,07911 123456', // 3: her husband on the same phone: a new client
  'Emma,Thompson,,+44 7911 123456', // 4: no email, same phone: Emma
  'Kit,South,kit@example.com,', // 5: Kai's client at South
  'Tom,Thompson,TOM@example.com,', // 6: the same email as line 3
].join('\n');

describe('import: households and named duplicates', () => {
  it('creates a second person on a shared phone with another email, and names each skipped line’s client only to those who may see them', async () => {
    const { app, admin, associate, kai, people } = await cast({ country: 'GB' });
    const emma = await associate.ok('client-create', { firstName: 'Emma', lastName: 'Thompson', email: 'emma@example.com', phone: '07911 123456' });
    await kai.ok('client-create', { firstName: 'Kit', lastName: 'South', email: 'kit@example.com' });
    const skippedOf = (problems: { line: number; outcome: string; reason: string; duplicateOf?: unknown }[]) =>
      problems.filter((p) => p.outcome === 'skipped').map((p) => [p.line, p.reason, p.duplicateOf ?? null]);
    const seesKit = ['Admin'];
    for (const [label, who] of people) {
      if (label === 'Associate') {
        // Associates do not import: refused at the upload, before a line is read.
        const refused = await who.call('file-upload', { uploadId: null, name: 'households.csv', offset: 0, data: Buffer.from(FILE).toString('base64'), last: true });
        expect([label, refused.ok ? 'ran' : refused.error.code]).toEqual([label, 'FORBIDDEN']);
        continue;
      }
      const uploadId = await upload(who, 'households.csv', FILE);
      const inspection = await who.ok('import-inspect', { uploadId });
      const run = { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, onDuplicate: 'skip' as const };
      if (label === 'narrowed role') {
        // Contact details are hidden from the role: the mapping leaves the email and phone columns
        // out, so no row is matched by them and nobody is named; mapping them is refused.
        expect(inspection.mapping).toEqual(['firstName', 'lastName', null, null]);
        const dry = await who.ok('import-run', { ...run, dryRun: true });
        expect([label, dry.created, dry.skipped, skippedOf(dry.problems)]).toEqual([label, 5, 0, []]);
        const refused = await who.call('import-run', { ...run, mapping: ['firstName', 'lastName', 'email', 'phone'], dryRun: true });
        expect([label, refused.ok ? 'ran' : refused.error.code]).toEqual([label, 'VALIDATION']);
        continue;
      }
      const dry = await who.ok('import-run', { ...run, dryRun: true });
      expect([label, dry.created, dry.skipped]).toEqual([label, 1, 4]);
      expect(dry.sample.map((s) => [s.line, s.outcome])).toEqual([[2, 'skipped'], [3, 'created'], [4, 'skipped'], [5, 'skipped'], [6, 'skipped']]);
      const kit = seesKit.includes(label)
        ? [5, 'Already in the book: Kit South (same email)', { clientId: expect.any(Number), name: 'Kit South' }]
        : [5, 'Matches a client you cannot see (ask a Manager)', null];
      expect([label, skippedOf(dry.problems)]).toEqual([
        label,
        [
          [2, 'Already in the book: Emma Thompson (same email)', { clientId: emma.id, name: 'Emma Thompson' }],
          [4, 'Already in the book: Emma Thompson (same phone)', { clientId: emma.id, name: 'Emma Thompson' }],
          kit,
          [6, 'Same email as line 3 of this file', { line: 3 }],
        ],
      ]);
    }
    // The commit does what the dry run said: Tom is created beside Emma on their shared phone.
    const uploadId = await upload(admin, 'households.csv', FILE);
    const inspection = await admin.ok('import-inspect', { uploadId });
    const done = await admin.ok('import-run', { uploadId, encoding: inspection.encoding, delimiter: inspection.delimiter as ',', mapping: inspection.mapping, onDuplicate: 'skip', dryRun: false });
    expect(done).toMatchObject({ created: 1, skipped: 4 });
    const onPhone = await app.services.db.selectFrom('clients').select(['first_name', 'email']).where('phone_e164', '=', '+447911123456').orderBy('id').execute();
    expect(onPhone).toEqual([{ first_name: 'Emma', email: 'emma@example.com' }, { first_name: 'Tom', email: 'tom@example.com' }]);
  });
});
