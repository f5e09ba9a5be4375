import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-preload/channels';
import { setUpShop, startApp, staffSession } from '../helpers/app';

/**
 * Every channel, called by an Associate with the id of a client outside their scope in
 * every id-shaped field: nothing about that client comes back.
 */
describe('no channel leaks a client outside the caller’s scope', () => {
  it('holds for every channel in the contract', async () => {
    const app = await startApp();
    const admin = await setUpShop(app);
    const secret = await admin.ok('client-create', {
      firstName: 'Hidden',
      lastName: 'Person',
      email: 'hidden.person@example.com',
      phone: '+1 415 555 0199',
      notes: 'private note',
    });
    const sam = await staffSession(app, admin, { name: 'Sam', username: 'sam', role: 'associate' });
    const markers = ['Hidden', 'hidden.person', '555 0199', 'private note'];
    for (const channel of CHANNELS) {
      if (channel === 'session-logout' || channel === 'session-lock') continue; // would end Sam's session
      for (const payload of [{}, { id: secret.id }, { entityId: secret.id, entity: 'client' }, { query: 'Hidden' }]) {
        const result = await sam.connection.call(channel, payload);
        const text = JSON.stringify(result);
        for (const m of markers) expect(text, `${channel} ${JSON.stringify(payload)}`).not.toContain(m);
      }
    }
    expect(await sam.call('client-get', { id: secret.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
