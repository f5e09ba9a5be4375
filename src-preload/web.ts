/**
 * The browser host's bridge: the same ClienteleApi the Electron preload exposes, carried
 * over the host's WebSocket. The launch secret arrives in the URL's fragment (never sent
 * to a server in a request line) and is kept for this tab so a reload still connects.
 */
import type { AppError, ClienteleApi, EventName, Events, Result } from './contract';

const KEY_STORAGE = 'clientele.host-key';

type Listener = (payload: unknown) => void;

export function createWebApi(location: Location, storage: Storage = sessionStorage): ClienteleApi {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) storage.setItem(KEY_STORAGE, fromHash);
  const key = fromHash ?? storage.getItem(KEY_STORAGE) ?? '';
  const endpoint = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?key=${encodeURIComponent(key)}`;

  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();

  const lost = (message: string): AppError => ({ code: 'INTERNAL', message });

  function connect(): Promise<WebSocket> {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(endpoint);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Could not connect to Clientele. Is the browser host still running?'));
      ws.onmessage = (e) => {
        const msg = JSON.parse(String(e.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
        if (msg.id !== undefined && msg.result) {
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        } else if (msg.event) {
          listeners.get(msg.event)?.forEach((l) => l(msg.payload));
        }
      };
      ws.onclose = () => {
        socket = null;
        for (const settle of pending.values()) settle({ ok: false, error: lost('The connection to Clientele was lost. Reload the page.') });
        pending.clear();
        // A new connection is a new session: tell the app it has to log in again.
        listeners.get('session-ended')?.forEach((l) => l({ reason: 'disconnected' }));
      };
    });
    return socket;
  }

  return {
    async invoke(channel, input) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch (err) {
        socket = null;
        return { ok: false, error: lost(err instanceof Error ? err.message : String(err)) };
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, channel, payload: input }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
}
