/**
 * `node out/main/host.js [--data DIR] [--port N]`: Clientele in a browser, for machines
 * without a desktop session or Electron runtime, and for the end-to-end tests.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app';
import { defaultDataDir } from './data-dir';
import { startHost } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, port: { type: 'string', default: '0' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
    process.exit(2);
  }
  const dataDir = resolve(values.data ?? process.env.CLIENTELE_DATA ?? defaultDataDir());
  const app = await createApp({ dataDir, owner: { kind: 'app', what: 'the browser host' } });
  const host = await startHost({ router: app.router, staticDir: resolve(__dirname, '../renderer'), port });
  // The address without the launch key: another process on this PC shows it in its refusal.
  app.describeOwner(`the browser host at ${new URL(host.url).origin}`);
  console.log(`Clientele browser host: ${host.url}`);
  console.log(`Data folder: ${dataDir}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await host.close();
      await app.close();
      process.exit(0);
    } catch (err) {
      console.error(`Clientele did not close cleanly: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`Clientele could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
