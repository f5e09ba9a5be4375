/**
 * The four people a finding-and-import feature is tried as, in a shop with two stores:
 * an Admin, a Manager tied to North, an Associate at North, and a narrowed custom role (an
 * Associate-based "Front desk" that sees only its own clients and no contact details).
 * Kai, an Associate at South, owns the client nobody but the Admin may see.
 */
import type { App } from '../../src-main/app';
import { ADMIN, connect, startApp, staffSession, type TestClient } from './app';

const PASSWORD = 'a long enough password';

export type Person = TestClient & { id: number };

export interface Cast {
  app: App;
  admin: TestClient;
  manager: Person;
  associate: Person;
  narrowed: Person;
  kai: Person;
  north: { id: number };
  south: { id: number };
  /** Who each person is, for table-driven tests: the narrowed role last. */
  people: [label: string, who: TestClient][];
}

export async function cast(options: { country?: string } = {}): Promise<Cast> {
  const app = await startApp();
  const admin = connect(app);
  await admin.ok('setup-create', { shopName: 'Maison Test', defaultCountry: options.country ?? 'GB', ...ADMIN });
  const north = await admin.ok('location-create', { name: 'North' });
  const south = await admin.ok('location-create', { name: 'South' });
  const at = async (who: Person, locationIds: number[]) => {
    await admin.ok('staff-update', { id: who.id, locationIds });
    return who;
  };
  const manager = await at(await staffSession(app, admin, { name: 'Mona Manager', username: 'mona', role: 'manager' }), [north.id]);
  const associate = await at(await staffSession(app, admin, { name: 'Sam Seller', username: 'sam', role: 'associate' }), [north.id]);
  const kai = await at(await staffSession(app, admin, { name: 'Kai Seller', username: 'kai', role: 'associate' }), [south.id]);
  const role = await admin.ok('role-create', {
    name: 'Front desk',
    baseRole: 'associate',
    permissions: ['session.use', 'client.view', 'client.create', 'client.edit', 'export', 'import'],
    visibility: 'own',
    hiddenFields: ['contact'],
  });
  const staff = await admin.ok('staff-create', { name: 'Fern Desk', username: 'fern', role: 'associate', customRoleId: role.id, password: PASSWORD });
  await admin.ok('staff-update', { id: staff.id, locationIds: [north.id] });
  const narrowedClient = connect(app);
  await narrowedClient.ok('session-login', { username: 'fern', password: PASSWORD });
  const narrowed = Object.assign(narrowedClient, { id: staff.id });
  return {
    app,
    admin,
    manager,
    associate,
    narrowed,
    kai,
    north,
    south,
    people: [
      ['Admin', admin],
      ['Manager (North)', manager],
      ['Associate', associate],
      ['narrowed role', narrowed],
    ],
  };
}
