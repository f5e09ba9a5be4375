import { describe, expect, it } from 'vitest';
import { setUpShop, startApp, staffSession } from '../helpers/app';

describe('duplicates and merge', () => {
  it('suggests pairs with the same E.164 phone, or the same name and birthday, inside the scope', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const a = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', phone: '(415) 555-0132' });
    const b = await admin.ok('client-create', { firstName: 'Anita', lastName: 'Ruiz', phone: '+1 415 555 0132' });
    await admin.ok('client-create', { firstName: 'Other', phone: '+1 415 555 0199' });
    const c = await admin.ok('client-create', { firstName: 'Lou', lastName: 'Blanc', birthday: '1990-05-01' });
    const d = await admin.ok('client-create', { firstName: 'LOU', lastName: 'blanc', birthday: '1990-05-01' });
    await admin.ok('client-create', { firstName: 'Lou', lastName: 'Blanc', birthday: '1991-05-01' });
    const byPhone = await admin.ok('client-duplicates', { reason: 'phone' });
    expect(byPhone.items.map((p) => [p.a.id, p.b.id])).toEqual([[a.id, b.id]]);
    const byName = await admin.ok('client-duplicates', { reason: 'name-birthday' });
    expect(byName.items.map((p) => [p.a.id, p.b.id])).toEqual([[c.id, d.id]]);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    expect(await sam.call('client-duplicates', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('merges field by field, moves activity and tags to the survivor, keeps the other as merged, and audits both', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    // Mia manages another store: the clients below live at the main one.
    const uptown = await admin.ok('location-create', { name: 'Uptown' });
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager', locationIds: [uptown.id] });
    const keep = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana.old@example.com', phone: '(415) 555-0132' });
    const drop = await admin.ok('client-create', { firstName: 'Ana María', lastName: 'Ruiz', email: 'ana@example.com', phone: '+1 415 555 0132', birthday: '1988-07-14' });
    await admin.ok('client-update', { id: keep.id, version: keep.version, tags: ['VIP'] });
    const dropped = await admin.ok('client-update', { id: drop.id, version: drop.version, tags: ['Bridal', 'vip'] });
    await admin.ok('client-interaction-add', { clientId: drop.id, kind: 'sale', amountCents: 9_900 });
    await admin.ok('client-interaction-add', { clientId: keep.id, kind: 'note', body: 'hello' });
    const current = await admin.ok('client-get', { id: keep.id });

    // Mia cannot see these clients (no visit at her locations): merging them is NOT_FOUND for her.
    expect(await mia.call('client-merge', { survivorId: keep.id, survivorVersion: current.version, mergedId: drop.id, mergedVersion: dropped.version })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.call('client-merge', { survivorId: keep.id, survivorVersion: keep.version, mergedId: drop.id, mergedVersion: dropped.version })).toMatchObject({ ok: false, error: { code: 'STALE' } });

    const merged = await admin.ok('client-merge', {
      survivorId: keep.id,
      survivorVersion: current.version,
      mergedId: drop.id,
      mergedVersion: dropped.version,
      take: ['firstName', 'email', 'birthday'],
    });
    expect(merged).toMatchObject({ id: keep.id, firstName: 'Ana María', email: 'ana@example.com', birthday: '1988-07-14', phone: '(415) 555-0132', status: 'existing', totalSpendCents: 9_900 });
    expect([...merged.tags].sort()).toEqual(['Bridal', 'VIP']);
    const activity = await admin.ok('client-activity', { clientId: keep.id });
    expect(activity.items.map((i) => i.kind).sort()).toEqual(['note', 'sale']);
    expect(await admin.call('client-get', { id: drop.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await admin.ok('client-list', { query: 'ruiz' })).items.map((c) => c.id)).toEqual([keep.id]);
    expect((await admin.ok('client-trash', {})).items).toEqual([]);
    expect((await admin.ok('client-duplicates', { reason: 'phone' })).items).toEqual([]);
    const row = await app.services.db.selectFrom('clients').select(['merged_into_id', 'deleted_at']).where('id', '=', drop.id).executeTakeFirstOrThrow();
    expect(row.merged_into_id).toBe(keep.id);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: keep.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.merge', before: { first_name: 'Ana', email: 'ana.old@example.com', birthday: null }, after: { mergedId: drop.id, first_name: 'Ana María' } });
    expect((await admin.ok('audit-list', { entity: 'client', entityId: drop.id })).items[0]).toMatchObject({ action: 'client.merged-into', after: { survivorId: keep.id } });
  });

  it('moves assignment history, life-event messages and earlier merges to the survivor, without doubling a message', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const mia = await staffSession(app, admin, { name: 'Mia', username: 'mia', role: 'manager' });
    const keep = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz' });
    const drop = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', birthday: '1988-07-14' });
    const older = await admin.ok('client-create', { firstName: 'A.', lastName: 'Ruiz' });
    await admin.ok('client-merge', { survivorId: drop.id, survivorVersion: drop.version, mergedId: older.id, mergedVersion: older.version });
    await admin.ok('client-assign', { clientId: drop.id, staffId: mia.id });
    const rule = await admin.ok('automation-create', { name: 'Birthday', event: 'birthday', daysBefore: 7, recipient: 'client', channel: 'sms', template: 'Happy birthday' });
    const message = (clientId: number, year: number) => ({
      rule_id: rule.id, client_id: clientId, recipient_id: clientId, year, event_date: `${year}-07-14`, due_date: `${year}-07-07`, channel: 'sms' as const,
      staff_id: null, rendered: `Happy birthday ${year}`, reason: 'birthday', status: 'due' as const, skip_reason: null, snoozed_until: null,
      created_at: `${year}-07-07T00:00:00.000Z`, updated_at: `${year}-07-07T00:00:00.000Z`,
    });
    await app.services.db.insertInto('outbox').values([message(drop.id, 2025), message(drop.id, 2026), message(keep.id, 2026)]).execute();

    const keepNow = await admin.ok('client-get', { id: keep.id });
    const dropNow = await admin.ok('client-get', { id: drop.id });
    await admin.ok('client-merge', { survivorId: keep.id, survivorVersion: keepNow.version, mergedId: drop.id, mergedVersion: dropNow.version, take: ['assigned'] });

    const db = app.services.db;
    expect(await db.selectFrom('assignment_history').select('id').where('client_id', '=', drop.id).execute()).toEqual([]);
    const assignment = await admin.ok('client-assignment', { clientId: keep.id });
    expect(assignment.primary).toMatchObject({ id: mia.id });
    expect(assignment.history.map((h) => [h.reason, h.to?.name ?? null])).toEqual([
      ['manual', 'Mia'], // the merge took Mia from the merged record
      ['manual', 'Mia'], // the merged record's own reassignment
      ['creator', 'Ada Admin'],
      ['creator', 'Ada Admin'],
      ['creator', 'Ada Admin'], // the older record's, moved to the merged one by the first merge
    ]);
    expect(assignment.history[0]!.detail).toEqual({ mergedId: drop.id });

    const outbox = await db.selectFrom('outbox').select(['client_id', 'recipient_id', 'year', 'status', 'skip_reason']).orderBy('id').execute();
    expect(outbox).toEqual([
      { client_id: keep.id, recipient_id: keep.id, year: 2025, status: 'due', skip_reason: null },
      expect.objectContaining({ year: 2026, status: 'skipped', skip_reason: `Merged into client #${keep.id}, who already has this message` }),
      { client_id: keep.id, recipient_id: keep.id, year: 2026, status: 'due', skip_reason: null },
    ]);
    const merged = await db.selectFrom('clients').select(['id', 'merged_into_id']).where('id', 'in', [drop.id, older.id]).orderBy('id').execute();
    expect(merged).toEqual([{ id: drop.id, merged_into_id: keep.id }, { id: older.id, merged_into_id: keep.id }]);
  });

  it("moves the merged record's emails and appointment reminders to the survivor, in the merge, and audits the emails moved", async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const db = app.services.db;
    const keep = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.com' });
    const drop = await admin.ok('client-create', { firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@example.com' });
    const at = '2026-03-01T09:00:00.000Z';
    const email = (clientId: number, key: string, status: 'sent' | 'queued') => ({
      idempotency_key: key, kind: 'life-event' as const, client_id: clientId, outbox_id: null, campaign_id: null, to_address: 'ana.ruiz@example.com', to_name: 'Ana Ruiz',
      subject: `Subject ${key}`, body: 'Hello', marketing: 0, status, attempts: status === 'sent' ? 1 : 0, next_attempt_at: at, last_attempt_at: null, smtp_id: null, reason: null,
      created_by: null, created_at: at, updated_at: at, sent_at: status === 'sent' ? at : null,
    });
    await db.insertInto('messages').values([email(drop.id, 'drop-1', 'sent'), email(drop.id, 'drop-2', 'queued'), email(keep.id, 'keep-1', 'sent')]).execute();
    const dropIds = (await db.selectFrom('messages').select('id').where('client_id', '=', drop.id).orderBy('id').execute()).map((m) => m.id);
    // An appointment reminder (0022b) on the merged record's appointment.
    const appointment = await db
      .insertInto('appointments')
      .values({ client_id: drop.id, staff_id: 1, location_id: 1, start_at: '2026-03-10T10:00:00.000Z', duration_minutes: 30, end_at: '2026-03-10T10:30:00.000Z', booked_through: 'phone', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('outbox')
      .values({
        rule_id: null, client_id: drop.id, recipient_id: drop.id, year: 2026, event_date: '2026-03-10', due_date: '2026-03-09', channel: 'call', staff_id: 1, rendered: 'Reminder', reason: 'reminder',
        status: 'due', skip_reason: null, snoozed_until: null, created_at: at, updated_at: at, appointment_id: appointment.id, appointment_start_at: '2026-03-10T10:00:00.000Z',
      })
      .execute();

    await admin.ok('client-merge', { survivorId: keep.id, survivorVersion: keep.version, mergedId: drop.id, mergedVersion: drop.version });

    // The survivor's profile shows every email, its own and the merged record's; none stays behind.
    const listed = await admin.ok('message-list', { clientId: keep.id });
    expect(listed.map((m) => m.subject).sort()).toEqual(['Subject drop-1', 'Subject drop-2', 'Subject keep-1']);
    expect(await db.selectFrom('messages').select('id').where('client_id', '=', drop.id).execute()).toEqual([]);
    expect(await db.selectFrom('outbox').select(['client_id', 'recipient_id', 'appointment_id', 'status']).execute()).toEqual([
      { client_id: keep.id, recipient_id: keep.id, appointment_id: appointment.id, status: 'due' },
    ]);
    const audit = await admin.ok('audit-list', { entity: 'client', entityId: keep.id });
    expect(audit.items[0]).toMatchObject({ action: 'client.merge', after: { mergedId: drop.id, movedMessageIds: dropIds } });
  });
});
