import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../src-preload/channels';
import type { ClienteleApi } from '../../src-preload/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: ClienteleApi) => void>() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn<(channel: string, listener: (event: unknown, message: unknown) => void) => void>() },
}));
vi.mock('electron', () => electron);

/** Runs the preload afresh and returns what it exposed to the page. */
async function loadPreload(): Promise<{ key: string; api: ClienteleApi }> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockReset();
  await import('../../src-preload/electron');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  return { key, api };
}

/** The preload's one ipcRenderer listener, as ipcRenderer would call it. */
function ipcListener(): (event: unknown, message: unknown) => void {
  expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
  const [channel, listener] = electron.ipcRenderer.on.mock.calls[0]!;
  expect(channel).toBe(IPC_EVENT);
  return listener;
}

let api: ClienteleApi;
beforeEach(async () => {
  const loaded = await loadPreload();
  expect(loaded.key).toBe('clientele');
  api = loaded.api;
});

describe('the preload', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('sends a known channel over the one IPC channel and returns the Result', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { version: '1' } });
    await expect(api.invoke('app-info', {})).resolves.toEqual({ ok: true, value: { version: '1' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app-info', {});
  });

  it.each(['no-such-channel', 'constructor', '__proto__', 42])('refuses the unknown channel %s', async (name) => {
    const result = await (api.invoke as (c: unknown, i: unknown) => Promise<unknown>)(name, {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }) });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses an unknown event without listening to IPC', () => {
    expect(() => (api.on as (e: unknown, l: unknown) => unknown)('no-such-event', () => {})).toThrow();
    expect(() => (api.on as (e: unknown, l: unknown) => unknown)('session-ended', 'not a function')).toThrow();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('delivers only the payload of the subscribed event, through one IPC listener', () => {
    const ended = vi.fn();
    const progress = vi.fn();
    api.on('session-ended', ended);
    api.on('job-progress', progress);
    const listener = ipcListener();
    const ipcEvent = { sender: 'ipcRenderer itself' };

    listener(ipcEvent, { event: 'session-ended', payload: { reason: 'idle' } });

    expect(ended).toHaveBeenCalledWith({ reason: 'idle' });
    expect(ended.mock.calls[0]).toHaveLength(1);
    expect(progress).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe', () => {
    const ended = vi.fn();
    const unsubscribe = api.on('session-ended', ended);
    const listener = ipcListener();
    unsubscribe();
    listener({}, { event: 'session-ended', payload: { reason: 'logout' } });
    expect(ended).not.toHaveBeenCalled();
  });

  it('ignores malformed event messages', () => {
    const ended = vi.fn();
    api.on('session-ended', ended);
    const listener = ipcListener();
    listener({}, null);
    listener({}, 'session-ended');
    listener({}, { event: 42 });
    expect(ended).not.toHaveBeenCalled();
  });

  it('imports the contract for types only, so zod is not bundled into the sandbox', () => {
    const source = readFileSync(join(__dirname, '../../src-preload/electron.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)];
    for (const [, typeOnly, from] of imports) {
      if (from === 'electron' || from === './channels') continue;
      expect(typeOnly, `runtime import of ${from}`).toBeTruthy();
    }
  });
});
