import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type Host } from '../../src-main/host/server';
import { startApp, tempDir } from '../helpers/app';
import { exchange, openSocket } from './session';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const app = await startApp();
  const root = tempDir();
  const staticDir = join(root, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Clientele</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
  host = await startHost({ router: app.router, staticDir });
  const url = new URL(host.url);
  const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
  return { origin: url.origin, key };
}

function open(address: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(address, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse((data as Buffer).toString('utf8')) as { id: number; result: unknown };
      if (msg.id === id) resolve(msg.result);
    });
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('browser host', () => {
  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const { origin } = await start();
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>Clientele</title>');
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${origin}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('carries the router over the WebSocket for a page of its own origin holding the key', async () => {
    const { origin, key } = await start();
    const { token } = await exchange(origin, key);
    const ws = await openSocket(origin, token!);
    expect(await call(ws, 1, 'app-info', {})).toMatchObject({ ok: true, value: { setupNeeded: true } });
    expect(await call(ws, 2, 'client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    ws.close();
  });

  it('trades the launch key for a session token only for a page of its own origin, and opens the WebSocket only with a token', async () => {
    const { origin, key } = await start();
    expect(await exchange(origin, `${key.slice(1)}x`)).toEqual({ status: 403, token: null });
    expect(await exchange(origin, key, 'http://evil.example')).toEqual({ status: 403, token: null });
    expect(await exchange(origin, key, origin.replace('127.0.0.1', 'localhost'))).toEqual({ status: 403, token: null });
    const { token } = await exchange(origin, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token).not.toBe(key);
    const ws = origin.replace('http', 'ws');
    // The key itself opens nothing, in the URL or as a token; nor does a made-up token, or a token from another origin.
    await expect(open(`${ws}/ws?key=${key}`, origin)).rejects.toThrow('HTTP 403');
    await expect(openSocket(origin, key)).rejects.toThrow('HTTP 403');
    await expect(openSocket(origin, `${token!.slice(1)}x`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(origin, token!, 'http://evil.example')).rejects.toThrow('HTTP 403');
    const socket = await openSocket(origin, token!);
    expect(socket.protocol).toBe('clientele.v1');
    socket.close();
  });

  it('gives each connection its own session', async () => {
    const { origin, key } = await start();
    const first = await openSocket(origin, (await exchange(origin, key)).token!);
    await call(first, 1, 'setup-create', { shopName: 'S', name: 'Ada', username: 'ada', password: 'correct horse battery' });
    expect(await call(first, 2, 'session-get', {})).toMatchObject({ ok: true, value: { staff: { username: 'ada' } } });
    const second = await openSocket(origin, (await exchange(origin, key)).token!);
    expect(await call(second, 1, 'session-get', {})).toEqual({ ok: true, value: null });
    first.close();
    second.close();
  });
});
