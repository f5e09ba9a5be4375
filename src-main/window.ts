/**
 * The one BrowserWindow. The renderer is untrusted (it shows client data typed by anyone
 * and could be tricked into running script), so it gets no Node, a sandboxed process, an
 * isolated preload, and no way to leave the app's own pages.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
} as const satisfies WebPreferences;

const POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Mantine injects <style> tags at runtime.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The renderer's Content-Security-Policy. Under the dev server, Vite's React refresh
 * preamble is an inline script and hot reload talks over a WebSocket to the dev origin,
 * so only then are those two allowed.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const policy: Record<string, string[]> = { ...POLICY };
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    policy['script-src'] = [...POLICY['script-src'], "'unsafe-inline'"];
    policy['connect-src'] = [...POLICY['connect-src'], `ws://${dev.host}`];
  }
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Whether `url` is one of the app's own pages. A file:// URL has no usable origin (every
 * file shares "null"), so there the page itself must match, not merely the scheme.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  return target.origin === app.origin;
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface MainWindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** The URL the renderer is served from: the dev server, or the file URL of index.html. */
  appUrl: string;
}

export function createMainWindow(Window: BrowserWindowConstructor, options: MainWindowOptions): BrowserWindow {
  const window = new Window({
    title: 'Clientele',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  const contents = window.webContents;

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, options.appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  return window;
}
