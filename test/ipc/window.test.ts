import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  contentSecurityPolicy,
  createMainWindow,
  isAppUrl,
  SECURE_WEB_PREFERENCES,
  type BrowserWindowConstructor,
} from '../../src-main/window';

vi.mock('electron', () => ({}));

const APP_URL = 'file:///opt/Clientele/resources/app.asar/out/renderer/index.html';
const PRELOAD = '/opt/Clientele/resources/app.asar/out/preload/index.cjs';

class FakeContents extends EventEmitter {
  openHandler: (() => unknown) | undefined;
  setWindowOpenHandler = vi.fn((handler: () => unknown) => {
    this.openHandler = handler;
  });
}

class FakeWindow extends EventEmitter {
  static last: FakeWindow | undefined;
  readonly webContents = new FakeContents();
  readonly show = vi.fn();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.last = this;
  }
}

function open() {
  createMainWindow(FakeWindow as unknown as BrowserWindowConstructor, { preload: PRELOAD, appUrl: APP_URL });
  return FakeWindow.last!;
}

function navigate(window: FakeWindow, event: 'will-navigate' | 'will-redirect', url: string) {
  const preventDefault = vi.fn();
  window.webContents.emit(event, { url, preventDefault });
  return preventDefault;
}

describe('createMainWindow', () => {
  it('gives the window the secure webPreferences and our preload', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: PRELOAD });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies window.open', () => {
    const window = open();
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(window.webContents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect'] as const)('prevents %s to another origin', (event) => {
    const window = open();
    expect(navigate(window, event, 'https://evil.example/login')).toHaveBeenCalled();
    expect(navigate(window, event, 'file:///etc/passwd')).toHaveBeenCalled();
  });

  it('lets the app move between its own routes', () => {
    const window = open();
    expect(navigate(window, 'will-navigate', `${APP_URL}#/clients`)).not.toHaveBeenCalled();
  });

  it('prevents attaching a webview', () => {
    const preventDefault = vi.fn();
    open().webContents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('shows the window only once it is ready', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});

describe('isAppUrl', () => {
  it.each([
    [APP_URL, APP_URL, true],
    [`${APP_URL}?x=1#/a`, APP_URL, true],
    ['file:///opt/Clientele/resources/app.asar/out/renderer/other.html', APP_URL, false],
    ['http://localhost:5173/clients', 'http://localhost:5173', true],
    ['http://127.0.0.1:5173/', 'http://localhost:5173', false],
    ['https://localhost:5173/', 'http://localhost:5173', false],
    ['not a url', APP_URL, false],
  ])('%s against %s -> %s', (url, appUrl, expected) => {
    expect(isAppUrl(url, appUrl)).toBe(expected);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (policy: string) =>
    new Map(policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }));

  it('is strict for the packaged app', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('font-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('relaxes only what the dev server needs', () => {
    const policy = directives(contentSecurityPolicy('http://localhost:5173'));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });
});
