/**
 * The only preload, and the only renderer-side file that touches Electron IPC. It runs
 * sandboxed, so it imports the plain name lists and nothing else at runtime: the contract's
 * zod schemas stay in the main process, which parses every payload anyway. The page gets
 * `window.clientele` with exactly invoke and on; ipcRenderer and its events never cross
 * the bridge, so the page cannot send on channels of its own choosing.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, IPC_EVENT, IPC_INVOKE } from './channels';
import type { ClienteleApi, EventName, Events } from './contract';

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENTS);

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let subscribed = false;

// One ipcRenderer listener fans out to every subscriber, so many screens subscribing
// never pile up IPC listeners.
function dispatch(_event: IpcRendererEvent, message: unknown): void {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`[preload] a "${event}" listener threw`, err);
    }
  }
}

const api: ClienteleApi = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named "${String(channel).slice(0, 60)}".` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, channel, input);
  },

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new Error(`There is no event named "${String(event).slice(0, 60)}".`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    if (!subscribed) {
      ipcRenderer.on(IPC_EVENT, dispatch);
      subscribed = true;
    }
    const own = listener as Listener;
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(own);
    listeners.set(event, set);
    return () => {
      set.delete(own);
    };
  },
};

contextBridge.exposeInMainWorld('clientele', api);
