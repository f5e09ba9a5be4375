/** What the browser host's page does to connect: trade the launch key for a session token, then open the WebSocket with it. */
import { request } from 'node:http';
import WebSocket from 'ws';
import { KEY_HEADER, WS_PROTOCOL } from '../../src-main/host/server';

/** POST /session as a page of `origin` would send it; resolves to the status and the token, if any. */
export function exchange(origin: string, key: string, from = origin): Promise<{ status: number; token: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/session`, { method: 'POST', headers: { [KEY_HEADER]: key, Origin: from } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, token: res.statusCode === 200 ? (JSON.parse(body) as { token: string }).token : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the host's WebSocket with a session token, as the page does. */
export function openSocket(origin: string, token: string, from = origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, [WS_PROTOCOL, token], { origin: from });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
