/**
 * The browser host: serves the built renderer on 127.0.0.1 and carries the same router
 * over a WebSocket. Only a page from this very origin holding this launch's secret may
 * connect: the Origin and Host checks stop other sites and DNS rebinding, the secret stops
 * other local programs and users.
 *
 * The secret (the launch key, printed in the address) is never sent in a URL: the page
 * takes it out of its address bar and history, and trades it (POST /session, in a header)
 * for a session token it keeps in memory; the WebSocket presents the token as a
 * subprotocol, so no request line or log holds either.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Router } from '../ipc/router';
import { toAppError } from '../services/errors';
import { createLogger } from '../logger';

const log = createLogger('host');

export interface HostOptions {
  router: Router;
  staticDir: string;
  port?: number;
}

export interface Host {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Largest message a renderer may send; payloads are forms and queries, not files. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The WebSocket subprotocol the page asks for, with its session token beside it. */
export const WS_PROTOCOL = 'clientele.v1';
/** The header that carries the launch key to POST /session. */
export const KEY_HEADER = 'x-clientele-key';
/** Tokens kept at once; the oldest goes first (each page load trades for one). */
const MAX_TOKENS = 1000;

export async function startHost({ router, staticDir, port = 0 }: HostOptions): Promise<Host> {
  const secret = randomBytes(24).toString('base64url');
  const tokens = new Set<string>();
  let origin = '';
  const fromThisPage = (req: IncomingMessage) => req.headers.origin === origin && req.headers.host === new URL(origin).host;
  const sameSecret = (value: string | undefined, expected: string) => {
    const given = Buffer.from(value ?? '');
    return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
  };
  // Nothing a client sends may throw out of a handler: an uncaught error would end the
  // process for everyone, and any web page can make the browser send a request here.
  const http = createServer((req, res) => {
    try {
      if (req.url === '/session') {
        exchangeKey(req, res);
        return;
      }
      serveStatic(staticDir, req, res, origin);
    } catch (err) {
      log.warn(`refused a request that could not be read (${describe(err)})`);
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Bad request');
      else res.destroy();
    }
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The page offers [WS_PROTOCOL, token]; the answer names the protocol, never the token.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  /** POST /session with the launch key in a header: a new session token, for the page's memory only. */
  function exchangeKey(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const key = req.headers[KEY_HEADER];
    if (req.method !== 'POST' || !fromThisPage(req) || typeof key !== 'string' || !sameSecret(key, secret)) {
      log.warn('refused a session request that was not from this launch');
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('Forbidden');
      return;
    }
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    if (tokens.size > MAX_TOKENS) tokens.delete(tokens.values().next().value!);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ token }));
  }

  http.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without its error listener; a reset would otherwise throw.
    socket.on('error', () => socket.destroy());
    let trusted: boolean;
    try {
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      trusted =
        new URL(req.url ?? '/', origin).pathname === '/ws' &&
        fromThisPage(req) &&
        offered.includes(WS_PROTOCOL) &&
        offered.some((p) => p !== WS_PROTOCOL && [...tokens].some((t) => sameSecret(p, t)));
    } catch {
      trusted = false;
    }
    if (!trusted) {
      log.warn('refused a WebSocket connection that was not from this launch');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(router, ws));
  });

  const connections = new Set<Socket>();
  http.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  // After listening, a failed accept (out of file descriptors) is logged, not thrown.
  http.on('error', (err) => log.error('the browser host could not accept a connection', err));
  const actualPort = (http.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${actualPort}`;

  return {
    url: `${origin}/#key=${secret}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        http.close(() => resolve());
        http.closeAllConnections();
        // Sockets taken over by an upgrade are no longer the HTTP server's to close.
        for (const socket of connections) socket.destroy();
      }),
  };
}

function attach(router: Router, ws: WebSocket): void {
  const connection = router.connect((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  // A frame over the size limit, text that is not UTF-8 or a protocol error: ws closes the
  // socket with the right code and reports it here; without a listener it would throw.
  ws.on('error', (err) => log.warn(`closed a WebSocket after a bad frame (${describe(err)})`));
  // The answer catches every failure itself, so nothing is left for the socket to reject.
  ws.on('message', (data) => void answer(data));
  async function answer(data: RawData): Promise<void> {
    let message: { id?: unknown; channel?: unknown; payload?: unknown };
    try {
      message = JSON.parse(textOf(data)) as typeof message;
    } catch {
      ws.close(1003, 'Messages must be JSON');
      return;
    }
    if (typeof message !== 'object' || message === null || !Number.isSafeInteger(message.id)) {
      ws.close(1003, 'Messages need a numeric id');
      return;
    }
    let result: unknown;
    try {
      result = await connection.call(message.channel, message.payload);
    } catch (err) {
      log.error('a call failed outside the router', err);
      result = { ok: false, error: toAppError(err) };
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
  }
  ws.on('close', () => connection.close());
}

/** A message's text: ws hands a text frame over as one Buffer (its default binaryType). */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, origin: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  if (req.headers.host !== new URL(origin).host) {
    res.writeHead(421).end('Misdirected request');
    return;
  }
  // A target that is not a URL (`http://[`) or not UTF-8 once decoded (`/%ff`) throws here; the caller answers 400.
  const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(404).end();
    return;
  }
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  // pipeline closes the file when the client goes away half-way; pipe would leave it open.
  else pipeline(createReadStream(file), res, () => {});
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
