import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-preload/channels';
import { contract } from '../../src-preload/contract';
import { handlers } from '../../src-main/ipc/handlers';
import { connect, setUpShop, startApp, staffSession, testClock } from '../helpers/app';

describe('router', () => {
  it('implements exactly the channels the contract lists', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('refuses an unknown channel', async () => {
    const app = await startApp();
    const result = await connect(app).connection.call('drop-database', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers a malformed payload with a validation error naming the field, and changes nothing', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const result = await admin.connection.call('client-create', { firstName: '', email: 'not-an-email' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const fields = result.error.details?.issues?.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'email']));
    const list = await admin.ok('client-list', {});
    expect(list.items).toHaveLength(0);
  });

  it('does not let a payload name the acting staff member', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const associate = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const spoof = await associate.connection.call('client-create', { firstName: 'Mia', createdBy: 1, assignedStaffId: 1 });
    expect(spoof).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const created = await associate.ok('client-create', { firstName: 'Mia' });
    expect(created.assignedStaffId).toBe(associate.id);
    expect(created.createdBy?.id).toBe(associate.id);
  });

  it('answers UNAUTHENTICATED on every channel but the public ones when nobody is logged in', async () => {
    const app = await startApp();
    await setUpShop(app);
    const stranger = connect(app);
    const publicChannels = Object.entries(handlers).filter(([, h]) => h.access === 'public').map(([c]) => c);
    expect(publicChannels.sort()).toEqual(['app-info', 'recovery-list', 'recovery-restore', 'recovery-upload', 'session-get', 'session-login', 'setup-create']);
    // The recovery channels are public only while the book is in recovery mode (test/backup/recovery.test.ts).
    expect(await stranger.call('recovery-list', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    for (const channel of CHANNELS.filter((c) => !publicChannels.includes(c))) {
      // The payload is parsed first, so a payload the contract accepts must meet the login
      // check; the samples below are valid for the channels that take fields.
      const payload = samplePayload(channel);
      expect(contract[channel].input.safeParse(payload).success, `sample payload for ${channel}`).toBe(true);
      const result = await stranger.connection.call(channel, payload);
      expect(result.ok, channel).toBe(false);
      if (!result.ok) expect([result.error.code], channel).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('answers FORBIDDEN to a role without the permission, and audits the attempt', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const associate = await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' });
    const result = await associate.call('staff-list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Associates cannot manage staff.' } });
    const audit = await admin.ok('audit-list', { entity: 'channel' });
    expect(audit.items[0]).toMatchObject({ action: 'access.denied', actorId: associate.id, after: { channel: 'staff-list' } });
  });

  it('locks an idle session: every channel but login answers UNAUTHENTICATED, and the renderer is told', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    await admin.ok('settings-update', { idleLockMinutes: 5 });
    clock.advanceMinutes(4);
    expect((await admin.call('client-list', {})).ok).toBe(true);
    clock.advanceMinutes(6);
    expect(await admin.call('client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(admin.events).toContainEqual({ event: 'session-ended', payload: { reason: 'idle' } });
    expect(await admin.ok('session-get', {})).toBeNull();
    await admin.ok('session-login', { username: 'ada', password: 'correct horse battery' });
    expect((await admin.call('client-list', {})).ok).toBe(true);
  });

  it('keeps a working person unlocked through activity reports, and does not echo a logout they asked for', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    for (let i = 0; i < 3; i++) {
      clock.advanceMinutes(10);
      await admin.ok('session-activity', {});
    }
    expect((await admin.call('client-list', {})).ok).toBe(true);
    await admin.ok('session-logout', {});
    expect(admin.events).toEqual([]);
  });

  it('the idle sweep tells an idle renderer without waiting for it to call', async () => {
    const clock = testClock();
    const app = await startApp({ now: clock.now });
    const admin = await setUpShop(app);
    clock.advanceMinutes(16); // default idle lock is 15 minutes
    app.services.sessions.sweep();
    expect(admin.events).toEqual([{ event: 'session-ended', payload: { reason: 'idle' } }]);
  });

  it('applies a role change or deactivation on the very next call', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const bea = await staffSession(app, admin, { name: 'Bea Admin', username: 'bea', role: 'admin' });
    expect((await bea.call('audit-list', {})).ok).toBe(true);
    await admin.ok('staff-update', { id: bea.id, role: 'associate' });
    expect(await bea.call('audit-list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await admin.ok('staff-update', { id: bea.id, active: false });
    expect(bea.events).toContainEqual({ event: 'session-ended', payload: { reason: 'deactivated' } });
    expect(await bea.call('client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('tells a logged-in person’s renderer when an Admin changes their staff record or their role', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const bea = await staffSession(app, admin, { name: 'Bea', username: 'bea', role: 'manager' });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    await admin.ok('staff-update', { id: bea.id, role: 'associate' });
    expect(bea.events).toEqual([{ event: 'session-changed', payload: { reason: 'staff' } }]);
    expect(sam.events).toEqual([]);
    expect((await bea.ok('session-get', {}))?.permissions).not.toContain('client.merge');

    const trainee = await admin.ok('role-create', { name: 'Trainee', baseRole: 'associate' });
    await admin.ok('staff-update', { id: sam.id, customRoleId: trainee.id });
    await sam.ok('session-get', {});
    await admin.ok('role-update', { id: trainee.id, hiddenFields: ['notes'] });
    expect(sam.events).toEqual([
      { event: 'session-changed', payload: { reason: 'staff' } },
      { event: 'session-changed', payload: { reason: 'role' } },
    ]);
    expect(bea.events).toHaveLength(1);
    expect((await sam.ok('session-get', {}))?.hiddenFields).toEqual(['notes']);
    expect(admin.events).toEqual([]);
  });

  it('tells every logged-in renderer when the shop opens or closes all clients to every role, and only then', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const client = await admin.ok('client-create', { firstName: 'Nia', lastName: 'Outside' });
    expect(await sam.call('client-get', { id: client.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await admin.ok('settings-update', { shopName: 'Renamed' });
    expect(sam.events).toEqual([]);
    await admin.ok('settings-update', { allClientsVisible: true });
    expect(sam.events).toEqual([{ event: 'session-changed', payload: { reason: 'settings' } }]);
    expect(admin.events).toEqual([{ event: 'session-changed', payload: { reason: 'settings' } }]);
    expect((await sam.call('client-get', { id: client.id })).ok).toBe(true);
    await admin.ok('settings-update', { allClientsVisible: true });
    expect(sam.events).toHaveLength(1);
  });

  it('returns the service value on success', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const info = await admin.ok('session-get', {});
    expect(info?.staff).toMatchObject({ username: 'ada', role: 'admin', name: 'Ada Admin' });
  });
});

function samplePayload(channel: string): unknown {
  switch (channel) {
    case 'client-get':
    case 'client-data-export':
    case 'staff-delete':
      return { id: 1 };
    case 'client-create':
      return { firstName: 'Zed' };
    case 'password-change':
      return { current: 'x', next: 'a long enough password' };
    case 'staff-create':
      return { name: 'N', username: 'n', role: 'associate', password: 'a long enough password' };
    case 'staff-update':
      return { id: 1, name: 'N' };
    case 'staff-reset-password':
      return { id: 1, password: 'a long enough password' };
    case 'role-create':
      return { name: 'Trainee', baseRole: 'associate' };
    case 'role-update':
      return { id: 1, visibility: 'own' };
    case 'role-delete':
      return { id: 4 };
    case 'location-create':
      return { name: 'Uptown' };
    case 'session-location-set':
      return { locationId: 1 };
    case 'client-update':
      return { id: 1, version: 1, notes: 'x' };
    case 'client-interaction-add':
      return { clientId: 1, kind: 'note', body: 'x' };
    case 'client-interaction-update':
      return { id: 1, body: 'x', reason: 'typo' };
    case 'client-interaction-delete':
      return { id: 1, reason: 'wrong client' };
    case 'pos-id-map':
      return { csv: 'A1,sam' };
    case 'client-activity':
      return { clientId: 1 };
    case 'client-delete':
      return { id: 1, version: 1 };
    case 'client-restore':
      return { id: 1 };
    case 'client-purge':
      return { id: 1, confirm: 'ERASE' };
    case 'client-merge':
      return { survivorId: 1, survivorVersion: 1, mergedId: 2, mergedVersion: 1 };
    case 'segment-save':
      return { name: 'S', filters: {} };
    case 'segment-delete':
      return { id: 1 };
    case 'client-bulk-tag':
      return { target: { ids: [1] }, tag: 'VIP' };
    case 'client-bulk-delete':
      return { target: { ids: [1] } };
    case 'prefs-set':
      return { clientColumns: ['email'] };
    case 'backup-inspect':
    case 'backup-restore':
      return { file: 'clientele-backup.db' };
    case 'relationship-type-create':
      return { name: 'Cousin', reverseName: 'Cousin' };
    case 'relationship-type-update':
    case 'relationship-type-delete':
    case 'relationship-delete':
    case 'automation-delete':
      return { id: 1 };
    case 'relationship-list':
      return { clientId: 1 };
    case 'relationship-create':
      return { clientId: 1, otherClientId: 2, typeId: 1, side: 'name' };
    case 'automation-create':
      return { name: 'R', event: 'birthday', daysBefore: 1, recipient: 'client', channel: 'sms', template: 'Hi' };
    case 'automation-update':
      return { id: 1, active: false };
    case 'outbox-update':
      return { id: 1, status: 'done' };
    case 'client-assignment':
      return { clientId: 1 };
    case 'client-assign':
      return { clientId: 1, staffId: null };
    case 'assign-bulk-preview':
    case 'assign-bulk-apply':
      return { fromStaffId: 1, toStaffIds: [2] };
    case 'sales-import':
      return { uploadId: 'a'.repeat(32), mode: 'ongoing' };
    case 'sales-import-problems':
      return { importId: 1 };
    case 'file-upload':
      return { uploadId: null, name: 'clients.csv', offset: 0, data: '', last: true };
    case 'file-read':
      return { fileId: 'a'.repeat(32), offset: 0 };
    case 'import-inspect':
      return { uploadId: 'a'.repeat(32) };
    case 'import-preview':
      return { uploadId: 'a'.repeat(32), encoding: 'utf-8', delimiter: ',', mapping: ['firstName'] };
    case 'import-run':
      return { uploadId: 'a'.repeat(32), encoding: 'utf-8', delimiter: ',', mapping: ['firstName'], dryRun: true };
    case 'import-undo':
      return { importId: 1 };
    case 'job-cancel':
      return { jobId: '00000000-0000-4000-8000-000000000000' };
    case 'mail-settings-update':
    case 'mail-test':
    case 'message-list':
    case 'message-retry':
    case 'message-cancel':
    case 'campaign-preview':
    case 'campaign-test':
    case 'campaign-start':
    case 'campaign-get':
    case 'campaign-cancel':
    case 'client-unsubscribe':
    case 'service-create':
    case 'service-update':
    case 'location-hours-get':
    case 'location-hours-set':
    case 'appointment-suggest-staff':
    case 'appointment-check':
    case 'appointment-create':
    case 'appointment-update':
    case 'appointment-cancel':
    case 'appointment-restore':
    case 'appointment-status':
    case 'appointment-get':
    case 'appointment-range':
    case 'appointment-client-list':
    case 'automation-preview':
      return contract[channel].sample;
    default:
      // Every other channel's own sample from the contract (each channel declares a valid one).
      return contract[channel as keyof typeof contract].sample;
  }
}
