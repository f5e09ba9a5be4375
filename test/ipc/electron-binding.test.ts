import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../src-preload/channels';
import type { Result } from '../../src-preload/contract';
import type { EventSink, Router } from '../../src-main/ipc/router';

import { bindIpc } from '../../src-main/ipc/electron-binding';

vi.mock('electron', () => ({}));

// Refusals are logged; keep the test output readable.
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const FILE_APP_URL = 'file:///opt/Clientele/resources/app.asar/out/renderer/index.html';
const DEV_APP_URL = 'http://localhost:5173';

type Handler = (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => Promise<Result<unknown>>;

class FakeContents extends EventEmitter {
  destroyed = false;
  readonly send = vi.fn();
  readonly mainFrame: { url: string };
  constructor(
    readonly id: number,
    url: string,
  ) {
    super();
    this.mainFrame = { url };
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function setup(options: { appUrl?: string; pageUrl?: string; call?: () => Promise<Result<unknown>> } = {}) {
  const appUrl = options.appUrl ?? FILE_APP_URL;
  const contents = new FakeContents(1, options.pageUrl ?? appUrl);
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const connection = {
    call: vi.fn(options.call ?? (async () => ({ ok: true as const, value: 'pong' }))),
    close: vi.fn(),
  };
  let sink: EventSink | undefined;
  const router: Router = {
    connect: vi.fn((send: EventSink) => {
      sink = send;
      return connection;
    }),
  };
  const unbind = bindIpc(
    ipcMain,
    router,
    { webContents: contents } as unknown as BrowserWindow,
    appUrl,
  );
  const send = (sender: FakeContents, senderFrame: unknown, channel: unknown = 'app-info', payload: unknown = {}) => {
    const handler = handlers.get(IPC_INVOKE);
    if (!handler) throw new Error('no handler bound');
    return handler({ sender, senderFrame } as unknown as IpcMainInvokeEvent, channel, payload);
  };
  return { contents, handlers, ipcMain, connection, router, unbind, send, sink: () => sink! };
}

const forbidden = expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });

describe('bindIpc', () => {
  it('passes a message from our window main frame to the router and returns its Result', async () => {
    const t = setup();
    const result = await t.send(t.contents, t.contents.mainFrame, 'client-get', { id: 7 });
    expect(result).toEqual({ ok: true, value: 'pong' });
    expect(t.connection.call).toHaveBeenCalledWith('client-get', { id: 7 });
    expect(t.router.connect).toHaveBeenCalledTimes(1);
  });

  it('refuses a message from another WebContents, even one showing our page', async () => {
    const t = setup();
    const stranger = new FakeContents(2, FILE_APP_URL);
    expect(await t.send(stranger, stranger.mainFrame)).toEqual(forbidden);
    expect(t.connection.call).not.toHaveBeenCalled();
  });

  it('refuses a message from a subframe of our window', async () => {
    const t = setup();
    const subframe = { url: FILE_APP_URL };
    expect(await t.send(t.contents, subframe)).toEqual(forbidden);
    expect(t.connection.call).not.toHaveBeenCalled();
  });

  it('refuses a message whose frame is gone', async () => {
    const t = setup();
    expect(await t.send(t.contents, null)).toEqual(forbidden);
    expect(t.connection.call).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign site', FILE_APP_URL, 'https://evil.example/'],
    ['another local file', FILE_APP_URL, 'file:///home/someone/Downloads/page.html'],
    ['another dev-server port', DEV_APP_URL, 'http://localhost:5174/'],
    ['a lookalike host', DEV_APP_URL, 'http://localhost.evil.example:5173/'],
  ])('refuses a main frame showing %s', async (_name, appUrl, pageUrl) => {
    const t = setup({ appUrl, pageUrl });
    expect(await t.send(t.contents, t.contents.mainFrame)).toEqual(forbidden);
    expect(t.connection.call).not.toHaveBeenCalled();
  });

  it.each([
    ['the packaged page with a hash route', FILE_APP_URL, `${FILE_APP_URL}#/clients/4`],
    ['a dev-server route', DEV_APP_URL, 'http://localhost:5173/clients?x=1'],
  ])('trusts %s', async (_name, appUrl, pageUrl) => {
    const t = setup({ appUrl, pageUrl });
    expect(await t.send(t.contents, t.contents.mainFrame)).toEqual({ ok: true, value: 'pong' });
  });

  it('refuses messages once the window is destroyed', async () => {
    const t = setup();
    const handler = t.handlers.get(IPC_INVOKE)!;
    t.contents.destroyed = true;
    const result = await handler(
      { sender: t.contents, senderFrame: t.contents.mainFrame } as unknown as IpcMainInvokeEvent,
      'app-info',
      {},
    );
    expect(result).toEqual(forbidden);
    expect(t.connection.call).not.toHaveBeenCalled();
  });

  it('turns a router that throws into an INTERNAL Result instead of a rejected invoke', async () => {
    const t = setup({ call: async () => Promise.reject(new Error('boom')) });
    const result = await t.send(t.contents, t.contents.mainFrame);
    expect(result).toEqual(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) }));
  });

  it('forwards router events to the window with webContents.send', () => {
    const t = setup();
    t.sink()('session-ended', { reason: 'idle' });
    expect(t.contents.send).toHaveBeenCalledWith(IPC_EVENT, { event: 'session-ended', payload: { reason: 'idle' } });
  });

  it('drops events once the window is destroyed', () => {
    const t = setup();
    t.contents.destroyed = true;
    t.sink()('job-progress', { jobId: 'j', phase: 'read', done: 1, total: null });
    expect(t.contents.send).not.toHaveBeenCalled();
  });

  it('closes the connection and removes the handler when the WebContents is destroyed', () => {
    const t = setup();
    t.contents.destroy();
    expect(t.connection.close).toHaveBeenCalledTimes(1);
    expect(t.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
    expect(t.handlers.has(IPC_INVOKE)).toBe(false);
    t.unbind();
    expect(t.connection.close).toHaveBeenCalledTimes(1);
  });

  it('unbind removes the handler and ends the session once', () => {
    const t = setup();
    t.unbind();
    t.unbind();
    expect(t.handlers.has(IPC_INVOKE)).toBe(false);
    expect(t.connection.close).toHaveBeenCalledTimes(1);
  });
});
