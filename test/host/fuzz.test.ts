/**
 * The browser host against hostile input on loopback: malformed request lines, URLs and
 * headers, random bytes, WebSocket frames that are oversized, fragmented, unmasked or not
 * UTF-8, and clients that stall or vanish half-way. Whatever arrives, the host answers or
 * closes that one connection, throws nothing, and a logged-in session keeps working.
 * The cases come from a seeded generator, so a failure names a case that replays.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as tcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type Host } from '../../src-main/host/server';
import { ADMIN, startApp, tempDir } from '../helpers/app';
import { exchange as tradeKey, openSocket } from './session';

let host: Host | undefined;
const thrown: unknown[] = [];
const record = (err: unknown) => thrown.push(err);
afterEach(async () => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
  thrown.length = 0;
  await host?.close();
  host = undefined;
});

/** mulberry32: small, seeded, good enough to pick cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p: number) => next() < p,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}

async function startLoggedIn() {
  const app = await startApp();
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Clientele</title>');
  writeFileSync(join(staticDir, 'assets', 'big.js'), 'x'.repeat(2 * 1024 * 1024));
  host = await startHost({ router: app.router, staticDir });
  const url = new URL(host.url);
  const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
  const { token } = await tradeKey(url.origin, key);
  const ws = await openSocket(url.origin, token!);
  let id = 0;
  const call = (channel: string, payload: unknown) =>
    new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
      const mine = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse((data as Buffer).toString('utf8')) as { id: number; result: { ok: boolean; value?: unknown } };
        if (msg.id === mine) {
          ws.off('message', onMessage);
          resolve(msg.result);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: mine, channel, payload }));
    });
  expect(await call('setup-create', { shopName: 'Maison Fuzz', defaultCountry: 'US', ...ADMIN })).toMatchObject({ ok: true });
  const stillServing = async (label: string) => {
    expect(thrown, `after ${label}`).toEqual([]);
    expect(await call('session-get', {}), `after ${label}`).toMatchObject({ ok: true, value: { staff: { username: ADMIN.username } } });
    const page = await fetch(`${url.origin}/`);
    expect(page.status, `after ${label}`).toBe(200);
    await page.text();
  };
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return { port: Number(url.port), host: url.host, origin: url.origin, key, token: token!, stillServing };
}

interface Exchange {
  /** Everything the host sent back. */
  reply: Buffer;
  /** The host closed the connection (or it was closed for it) before the guard ran out. */
  closed: boolean;
}

/**
 * Writes the parts in order (each in its own turn of the event loop, so they arrive as
 * separate reads), then either half-closes and waits for the host to close, or abandons.
 */
function exchange(port: number, parts: Buffer[], ending: 'end' | 'abandon' = 'end'): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = tcp(port, '127.0.0.1');
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closed });
    };
    // A guard against a host that never answers, not a measurement.
    const guard = setTimeout(() => finish(false), 10_000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    const send = async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        await new Promise<void>((r) => socket.write(part, () => setImmediate(r)));
      }
      if (ending === 'abandon') {
        socket.destroy();
        finish(true);
      } else socket.end();
    };
    // A write on a destroyed socket is dropped, never thrown: send cannot reject.
    socket.on('connect', () => void send());
  });
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'TRACE', 'G\u00e9T', '', 'GET GET'];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', '', 'ICE/1.0'];

function target(r: ReturnType<typeof rng>, key: string): string {
  return r.pick([
    '/',
    '/%ff',
    '/%',
    '/%E0%A4%A',
    '/%00',
    'http://[',
    'http://[::1',
    'http://[::1]:1/x',
    'http://127.0.0.1/index.html',
    '//',
    '*',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/big.js',
    '/assets/%ff.js',
    `/ws?key=${key}`,
    '/ws?key=%ff',
    `/ws?key=${key}%`,
    '/session',
    '/session?x=%ff',
    '/ws',
    `/${'a'.repeat(r.int(20_000))}`,
    `/${r.bytes(r.int(40)).toString('latin1')}`,
  ]);
}

function headers(r: ReturnType<typeof rng>, h: { host: string; origin: string; key: string; token: string }): string[] {
  const lines: string[] = [];
  const host = r.pick([h.host, h.host, 'localhost', 'evil.example', '', '[', `${h.host}\u0000`]);
  if (r.chance(0.85)) lines.push(`Host: ${host}`);
  if (r.chance(0.1)) lines.push(`Host: ${r.pick(['a', h.host])}`);
  if (r.chance(0.5)) {
    lines.push('Upgrade: websocket', 'Connection: Upgrade');
    if (r.chance(0.8)) lines.push(`Sec-WebSocket-Key: ${r.pick([randomBytes(16).toString('base64'), 'short', '', '%%%'])}`);
    if (r.chance(0.8)) lines.push(`Sec-WebSocket-Version: ${r.pick(['13', '8', 'x', ''])}`);
    if (r.chance(0.6)) lines.push(`Sec-WebSocket-Protocol: ${r.pick([`clientele.v1, ${h.token}`, 'clientele.v1', `clientele.v1, ${h.key}`, h.token, ',,,', '\u00ff'])}`);
    if (r.chance(0.3)) lines.push(`Sec-WebSocket-Extensions: ${r.pick(['permessage-deflate', 'permessage-deflate; server_max_window_bits=99', '\u00ff'])}`);
  }
  if (r.chance(0.7)) lines.push(`Origin: ${r.pick([h.origin, h.origin, 'null', 'http://evil.example', '%ff', 'http://['])}`);
  if (r.chance(0.2)) lines.push(`Content-Length: ${r.pick(['-1', '99999999999999999999', 'abc', '5', '0'])}`);
  if (r.chance(0.2)) lines.push(`Transfer-Encoding: ${r.pick(['chunked', 'gzip, chunked', 'bogus'])}`);
  if (r.chance(0.2)) lines.push(`X-Clientele-Key: ${r.pick([h.key, '', 'x', h.token])}`);
  if (r.chance(0.15)) lines.push(`X-Big: ${'v'.repeat(r.int(40_000))}`);
  if (r.chance(0.15)) lines.push(r.pick(['Bad Header: x', 'NoColon', ': empty', 'X-Nul: a\u0000b', 'X-Fold: a\r\n  folded', `X-Raw: ${r.bytes(30).toString('latin1')}`]));
  return lines;
}

function request(r: ReturnType<typeof rng>, h: { host: string; origin: string; key: string; token: string }): Buffer {
  const line = `${r.pick(METHODS)} ${target(r, h.key)} ${r.pick(VERSIONS)}`;
  const head = [line, ...headers(r, h)].join(r.chance(0.9) ? '\r\n' : '\n') + '\r\n\r\n';
  const body = r.chance(0.2) ? r.pick(['5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', r.bytes(r.int(200)).toString('latin1')]) : '';
  let bytes = Buffer.from(head + body, 'latin1');
  if (r.chance(0.25)) {
    // Mutate: flip, drop or cut bytes anywhere in an otherwise plausible request.
    bytes = Buffer.from(bytes);
    for (let i = r.int(4); i >= 0; i--) bytes[r.int(bytes.length)] = r.int(256);
    if (r.chance(0.3)) bytes = bytes.subarray(0, r.int(bytes.length));
  }
  return bytes;
}

/** A client-to-host WebSocket frame, masked unless asked otherwise. */
function frame(opcode: number, payload: Buffer, o: { fin?: boolean; rsv?: number; mask?: boolean; claim?: number } = {}): Buffer {
  const length = o.claim ?? payload.length;
  const first = ((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | opcode;
  const masked = o.mask ?? true;
  let head: Buffer;
  if (length < 126) head = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  else if (length < 65536) {
    head = Buffer.alloc(4);
    head[0] = first;
    head[1] = (masked ? 0x80 : 0) | 126;
    head.writeUInt16BE(length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = (masked ? 0x80 : 0) | 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
  return Buffer.concat([head, mask, body]);
}

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function frames(r: ReturnType<typeof rng>): Buffer[] {
  const MB = 1024 * 1024;
  const call = json({ id: 1, channel: 'app-info', payload: {} });
  const cases: (() => Buffer[])[] = [
    () => [frame(TEXT, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    () => [frame(TEXT, Buffer.from('{"id":1'), { fin: false }), frame(CONTINUATION, Buffer.from([0xc3]))],
    () => [frame(TEXT, Buffer.alloc(0), { claim: 5 * MB })],
    () => [frame(BINARY, Buffer.alloc(0), { claim: 2 ** 40 })],
    () => [frame(TEXT, Buffer.alloc(1.5 * MB, 0x20), { fin: false }), frame(CONTINUATION, Buffer.alloc(1.5 * MB, 0x20), { fin: false }), frame(CONTINUATION, Buffer.alloc(0), { claim: 1.5 * MB })],
    () => [frame(TEXT, call.subarray(0, 5), { fin: false }), frame(PING, Buffer.from('hi')), frame(CONTINUATION, call.subarray(5))],
    () => [frame(CONTINUATION, call)],
    () => [frame(TEXT, call, { fin: false }), frame(TEXT, call)],
    () => [frame(TEXT, call, { mask: false })],
    () => [frame(TEXT, call, { rsv: 1 + r.int(7) })],
    () => [frame(r.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), call)],
    () => [frame(PING, Buffer.alloc(200))],
    () => [frame(PING, Buffer.from('x'), { fin: false })],
    () => [frame(CLOSE, Buffer.from([0x03, 0xe7]))],
    () => [frame(CLOSE, Buffer.from([0x03]))],
    () => [frame(CLOSE, Buffer.from([0x03, 0xe8, 0xff, 0xfe]))],
    () => [frame(BINARY, r.bytes(r.int(300)))],
    () => [frame(TEXT, Buffer.from(r.pick(['null', '[]', '"x"', '{"id":1e300}', '{"id":-1,"channel":"x"}', '{"id":1,"channel":"session-login","payload":{"username":"\\u0000","password":1}}', '{"id":2,"channel":"__proto__"}', '{"id":3,"channel":"client-list","payload":{"query":"\\u0000"}}'])))],
    () => [frame(TEXT, call), frame(TEXT, call), frame(TEXT, Buffer.from([0xff]))],
    () => [r.bytes(1 + r.int(500))],
    () => {
      const f = frame(TEXT, call);
      return [f.subarray(0, 1 + r.int(f.length - 1))];
    },
  ];
  return r.pick(cases)();
}

function upgrade(h: { host: string; origin: string; token: string }): Buffer {
  return Buffer.from(
    [
      'GET /ws HTTP/1.1',
      `Sec-WebSocket-Protocol: clientele.v1, ${h.token}`,
      `Host: ${h.host}`,
      `Origin: ${h.origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
    ].join('\r\n') + '\r\n\r\n',
  );
}

const startsLikeHttp = (reply: Buffer) => reply.length === 0 || reply.subarray(0, 9).toString('latin1') === 'HTTP/1.1 ';

describe('browser host under hostile input', () => {
  it('answers the requests that used to throw: GET /%ff, a request line of http://[ and a bad upgrade URL', async () => {
    const h = await startLoggedIn();
    const cases = [
      `GET /%ff HTTP/1.1\r\nHost: ${h.host}\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: ${h.host}\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: ${h.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      `GET /ws?key=%ff HTTP/1.1\r\nHost: ${h.host}\r\nOrigin: ${h.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ];
    for (const text of cases) {
      const { reply, closed } = await exchange(h.port, [Buffer.from(text, 'latin1')]);
      expect(closed, text).toBe(true);
      expect(reply.toString('latin1'), text).toMatch(/^HTTP\/1\.1 4\d\d /);
      await h.stillServing(JSON.stringify(text));
    }
  });

  it('closes a WebSocket that sends a frame over the size limit or text that is not UTF-8, and keeps the others', async () => {
    const h = await startLoggedIn();
    const oversized = await exchange(h.port, [upgrade(h), frame(TEXT, Buffer.alloc(0), { claim: 5 * 1024 * 1024 })]);
    expect(oversized.closed).toBe(true);
    expect(oversized.reply.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    await h.stillServing('an oversized frame');
    const notUtf8 = await exchange(h.port, [upgrade(h), frame(TEXT, Buffer.from([0x22, 0xff, 0x22]))]);
    expect(notUtf8.closed).toBe(true);
    await h.stillServing('invalid UTF-8');
  });

  it('stays up through 300 generated HTTP requests, whole, mutated, trickled or abandoned', async () => {
    const h = await startLoggedIn();
    const r = rng(0xc11e17e);
    for (let i = 0; i < 300; i++) {
      const bytes = r.chance(0.1) ? r.bytes(1 + r.int(2000)) : request(r, h);
      const style = r.pick(['whole', 'whole', 'trickle', 'abandon'] as const);
      // Trickled: cut into small pieces that arrive one by one, as a slow client sends them.
      const parts = style === 'trickle' ? Array.from({ length: Math.ceil(bytes.length / 7) }, (_, k) => bytes.subarray(k * 7, k * 7 + 7)).slice(0, 200) : [bytes];
      const label = `HTTP case ${i} (${style}): ${JSON.stringify(bytes.subarray(0, 120).toString('latin1'))}`;
      const { reply, closed } = await exchange(h.port, parts, style === 'abandon' ? 'abandon' : 'end');
      expect(closed, label).toBe(true);
      expect(startsLikeHttp(reply), label).toBe(true);
      if (i % 25 === 24) await h.stillServing(label);
    }
    await h.stillServing('all HTTP cases');
  });

  it('stays up through 150 generated WebSocket conversations: oversized, fragmented, unmasked, not UTF-8, cut short', async () => {
    const h = await startLoggedIn();
    const r = rng(0x5eed);
    for (let i = 0; i < 150; i++) {
      const sent = frames(r);
      const label = `WebSocket case ${i}: ${sent.map((b) => b.subarray(0, 24).toString('hex')).join(' ')}`;
      const { reply, closed } = await exchange(h.port, [upgrade(h), ...sent], r.chance(0.2) ? 'abandon' : 'end');
      expect(closed, label).toBe(true);
      expect(startsLikeHttp(reply), label).toBe(true);
      if (i % 15 === 14) await h.stillServing(label);
    }
    await h.stillServing('all WebSocket cases');
  });

  it('keeps serving while clients stall half-way through a request or a handshake and then vanish', async () => {
    const h = await startLoggedIn();
    const stalled: Socket[] = [];
    const open = (bytes: Buffer) =>
      new Promise<Socket>((resolve) => {
        const s = tcp(h.port, '127.0.0.1', () => s.write(bytes, () => resolve(s)));
        s.on('error', () => {});
      });
    for (let i = 0; i < 20; i++) {
      stalled.push(await open(Buffer.from(`GET / HTTP/1.1\r\nHost: ${h.host}\r\nX-Slow: `)));
      stalled.push(await open(upgrade(h).subarray(0, 40 + i)));
      stalled.push(await open(Buffer.concat([upgrade(h), frame(TEXT, json({ id: 1, channel: 'app-info' })).subarray(0, 3)])));
    }
    await h.stillServing('60 stalled clients');
    for (const s of stalled) s.destroy();
    await h.stillServing('60 vanished clients');
    // A download abandoned after its first bytes.
    const download = await exchange(h.port, [Buffer.from(`GET /assets/big.js HTTP/1.1\r\nHost: ${h.host}\r\n\r\n`)], 'abandon');
    expect(download.closed).toBe(true);
    await h.stillServing('an abandoned download');
  });
});
