/**
 * Everything the main process is, minus Electron: the database, the services and the
 * router. The desktop app and the browser host both start it the same way.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { createRouter, type Router } from './ipc/router';
import { createServices, type Services } from './services';
import { createLogger } from './logger';
import { APP_VERSION } from './version';

const log = createLogger('app');

export interface AppOptions {
  dataDir: string;
  /** A better-sqlite3 build for the running runtime, when it is not the one in node_modules. */
  nativeBinding?: string;
  now?: () => Date;
}

export interface App {
  router: Router;
  services: Services;
  databaseFile: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'clientele.db';

export async function createApp(options: AppOptions): Promise<App> {
  mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const connection = openDatabase(databaseFile, { nativeBinding: options.nativeBinding });
  try {
    const applied = await migrateToLatest(connection.db);
    if (applied.length) log.info(`applied migrations: ${applied.join(', ')}`);
    const services = await createServices(connection.db, { version: APP_VERSION, now: options.now });
    return {
      router: createRouter(services),
      services,
      databaseFile,
      async close() {
        services.sessions.stop();
        await connection.close();
      },
    };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
