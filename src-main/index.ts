/**
 * The desktop app's lifecycle, and nothing else: the rules live in createApp, the window in
 * window.ts, IPC in ipc/electron-binding.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type Session } from 'electron';
import { createApp, type App } from './app';
import { bindIpc } from './ipc/electron-binding';
import { createLogger } from './logger';
import { safeStorageStore } from './mail/electron-secrets';
import { contentSecurityPolicy, createMainWindow } from './window';

const log = createLogger('main');

// electron-vite sets the dev server URL only for `electron-vite dev`; a packaged app must
// never honour it, or an environment variable could point the window at another site.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

let clientele: App | null = null;
let mainWindow: BrowserWindow | null = null;

/** better-sqlite3 built for Electron's ABI; the one in node_modules is built for Node. */
function nativeBinding(): string | undefined {
  if (process.env.CLIENTELE_NATIVE_BINDING) return process.env.CLIENTELE_NATIVE_BINDING;
  if (app.isPackaged) return join(process.resourcesPath, 'native/better_sqlite3.node');
  const built = join(__dirname, '../../native/electron/better_sqlite3.node');
  return existsSync(built) ? built : undefined;
}

function harden(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  const policy = contentSecurityPolicy(devServerUrl);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

function openWindow(router: App['router']): void {
  const window = createMainWindow(BrowserWindow, { preload: join(__dirname, '../preload/index.cjs'), appUrl });
  bindIpc(ipcMain, router, window, appUrl);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererFile);
  loading.catch((err: unknown) => log.error('the window could not load the app', err));
}

async function start(): Promise<void> {
  harden(session.defaultSession);
  clientele = await createApp({
    dataDir: app.getPath('userData'),
    nativeBinding: nativeBinding(),
    owner: { kind: 'app', what: 'the desktop app' },
    secrets: (dataDir) => safeStorageStore(safeStorage, dataDir),
  });
  const { router } = clientele;
  openWindow(router);
  // macOS keeps the app running with no window; clicking the dock icon reopens it.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(router);
  });
}

// One SQLite file, one writer: a second copy of the app would fight over the database,
// so it hands over to the first and leaves.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', (event) => {
    if (!clientele) return;
    // Hold the quit until the database is closed cleanly (WAL checkpoint), then quit again.
    event.preventDefault();
    const closing = clientele;
    clientele = null;
    closing
      .close()
      .catch((err: unknown) => log.error('closing the database failed', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log.error('Clientele could not start', err);
      const reason = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('Clientele could not start', reason);
      app.exit(1);
    });
}
