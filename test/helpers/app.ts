import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createApp, type App, type AppOptions } from '../../src-main/app';
import type { ScryptCost } from '../../src-main/services/password';
import type { Connection } from '../../src-main/ipc/router';
import type { Channel, EventName, Events, Input, Output, Result } from '../../src-preload/contract';

export const ADMIN = { name: 'Ada Admin', username: 'ada', password: 'correct horse battery' } as const;

/**
 * A cheap scrypt cost for test books (about a millisecond a hash, against most of a second at
 * the production cost); one test checks that the real app hashes at production cost.
 */
export const TEST_PASSWORD_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A temp folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-test-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A movable clock for idle locks and lockout expiry. */
export function testClock(start = '2026-03-01T09:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advanceMinutes: (m: number) => {
      t += m * 60_000;
    },
  };
}

/** A real app on a real database file in its own temp folder, closed after the test. */
export async function startApp(options: { now?: () => Date; dataDir?: string; timeZone?: string; owner?: AppOptions['owner']; integrityCheck?: boolean } = {}): Promise<App> {
  const app = await createApp({
    dataDir: options.dataDir ?? tempDir(),
    now: options.now,
    timeZone: options.timeZone,
    owner: options.owner,
    integrityCheck: options.integrityCheck,
    passwordCost: TEST_PASSWORD_COST,
  });
  cleanups.push(() => app.close());
  return app;
}

export interface TestClient {
  connection: Connection;
  events: { event: EventName; payload: unknown }[];
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Calls and expects success, returning the value. */
  ok<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** The payload of the first `event` in `events`, waiting for one to arrive if there is none yet. */
  firstEvent<E extends EventName>(event: E): Promise<Events[E]>;
}

/** A renderer's view of the app: one connection, as the IPC binding or the host makes it. */
export function connect(app: App): TestClient {
  const events: TestClient['events'] = [];
  const waiters = new Set<() => void>();
  const connection = app.router.connect(<E extends EventName>(event: E, payload: Events[E]) => {
    events.push({ event, payload });
    for (const check of waiters) check();
  });
  const call = <C extends Channel>(channel: C, input: Input<C>) =>
    connection.call(channel, input) as Promise<Result<Output<C>>>;
  return {
    connection,
    events,
    call,
    async ok(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    firstEvent<E extends EventName>(event: E) {
      return new Promise<Events[E]>((resolve) => {
        const check = () => {
          const hit = events.find((e) => e.event === event);
          if (!hit) return;
          waiters.delete(check);
          resolve(hit.payload as Events[E]);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** First run: the shop and its first Admin, logged in on the returned client. */
export async function setUpShop(app: App): Promise<TestClient> {
  const admin = connect(app);
  await admin.ok('setup-create', { shopName: 'Maison Test', defaultCountry: 'US', ...ADMIN });
  return admin;
}

/** A staff member created by the Admin and logged in on a fresh connection. */
export async function staffSession(
  app: App,
  admin: TestClient,
  who: { name: string; username: string; role: 'admin' | 'manager' | 'associate'; posAssociateId?: string; locationIds?: number[] },
): Promise<TestClient & { id: number }> {
  const password = 'a long enough password';
  const staff = await admin.ok('staff-create', { ...who, password });
  const client = connect(app);
  await client.ok('session-login', { username: who.username, password });
  return Object.assign(client, { id: staff.id });
}
