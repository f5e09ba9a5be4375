/**
 * The browser host's bridge: the same ClienteleApi the Electron preload exposes, carried
 * over the host's WebSocket. The launch key arrives in the URL's fragment (never sent to a
 * server in a request line); the page takes it out of the address bar and the history at
 * once and trades it for a session token (POST /session) that lives in this page's memory
 * only. Nothing is stored: a reload needs the address the host printed again.
 */
import type { AppError, ClienteleApi, EventName, Events, Result } from './contract';

/** As the host names them (src-main/host/server.ts). */
const WS_PROTOCOL = 'clientele.v1';
const KEY_HEADER = 'X-Clientele-Key';

type Listener = (payload: unknown) => void;

export function createWebApi(location: Location, history: History, fetchImpl: typeof fetch = fetch): ClienteleApi {
  let key = new URLSearchParams(location.hash.slice(1)).get('key');
  if (key) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const endpoint = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  let token: Promise<string> | null = null;

  function session(): Promise<string> {
    token ??= (async () => {
      if (!key) throw new Error('Open Clientele with the address the browser host printed (it holds the launch key).');
      const res = await fetchImpl('/session', { method: 'POST', headers: { [KEY_HEADER]: key }, cache: 'no-store' });
      if (!res.ok) throw new Error('This address no longer opens Clientele: open the one the browser host printed when it started.');
      // The key has served: from here only the token, in memory, opens connections.
      key = null;
      return ((await res.json()) as { token: string }).token;
    })().catch((err: unknown) => {
      token = null;
      throw err;
    });
    return token;
  }

  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();

  const lost = (message: string): AppError => ({ code: 'INTERNAL', message });

  function connect(): Promise<WebSocket> {
    socket ??= session().then((t) => new Promise((resolve, reject) => {
      const ws = new WebSocket(endpoint, [WS_PROTOCOL, t]);
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
        for (const settle of pending.values()) settle({ ok: false, error: lost('The connection to Clientele was lost. Try again; if the browser host was restarted, open the address it printed.') });
        pending.clear();
        // A new connection is a new session: tell the app it has to log in again.
        listeners.get('session-ended')?.forEach((l) => l({ reason: 'disconnected' }));
      };
    }));
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
