import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type Host } from '../../src-main/host/server';
import { startApp, tempDir } from '../helpers/app';

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
    const ws = await open(`${origin.replace('http', 'ws')}/ws?key=${key}`, origin);
    expect(await call(ws, 1, 'app-info', {})).toMatchObject({ ok: true, value: { setupNeeded: true } });
    expect(await call(ws, 2, 'client-list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    ws.close();
  });

  it('refuses a connection without the key, with a wrong key, or from another origin', async () => {
    const { origin, key } = await start();
    const ws = origin.replace('http', 'ws');
    await expect(open(`${ws}/ws`, origin)).rejects.toThrow('HTTP 403');
    await expect(open(`${ws}/ws?key=${key.slice(1)}x`, origin)).rejects.toThrow('HTTP 403');
    await expect(open(`${ws}/ws?key=${key}`, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(open(`${ws}/ws?key=${key}`, origin.replace('127.0.0.1', 'localhost'))).rejects.toThrow('HTTP 403');
  });

  it('gives each connection its own session', async () => {
    const { origin, key } = await start();
    const address = `${origin.replace('http', 'ws')}/ws?key=${key}`;
    const first = await open(address, origin);
    await call(first, 1, 'setup-create', { shopName: 'S', name: 'Ada', username: 'ada', password: 'correct horse battery' });
    expect(await call(first, 2, 'session-get', {})).toMatchObject({ ok: true, value: { staff: { username: 'ada' } } });
    const second = await open(address, origin);
    expect(await call(second, 1, 'session-get', {})).toEqual({ ok: true, value: null });
    first.close();
    second.close();
  });
});
