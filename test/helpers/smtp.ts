/**
 * A real SMTP server on loopback for the mail tests (smtp-server, nodemailer's sibling), with
 * a TLS certificate made at start. It keeps every message it accepts, raw, and can be told
 * to answer the next messages with a given reply (a 451, a 550) or to hang up mid-message.
 * It listens on 127.0.0.1 only: nothing the tests send leaves this machine.
 */
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  /** The text body, transfer encoding undone. */
  text: string;
}

export interface TestSmtp {
  port: number;
  /** The certificate to trust (mailCa). */
  ca: string;
  received: Received[];
  /** Answers the next messages' DATA with these replies, in order (e.g. [451, 'Try later']). */
  answerNext(...replies: [number, string][]): void;
  /** Hands each accepted message to `hook` before answering (a crash test kills its sender there). */
  onAccept(hook: ((m: Received) => void) | null): void;
  /** Resolves when `n` messages have arrived. */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | null = null;
/** One certificate per test file: an EC key for 127.0.0.1 and localhost, made now. */
function testCertificate() {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  }).then((p) => ({ key: p.private, cert: p.cert }));
  return certificate;
}

export async function startSmtp(options: { tls?: 'implicit' | 'starttls' | 'none'; auth?: { user: string; pass: string } } = {}): Promise<TestSmtp> {
  const { key, cert } = await testCertificate();
  const received: Received[] = [];
  const replies: [number, string][] = [];
  const waiters = new Set<() => void>();
  let hook: ((m: Received) => void) | null = null;
  let queueId = 0;
  const tls = options.tls ?? 'starttls';
  const config: SMTPServerOptions = {
    secure: tls === 'implicit',
    key,
    cert,
    logger: false,
    disabledCommands: [...(tls === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    allowInsecureAuth: tls === 'none',
    authOptional: !options.auth,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) return callback(null, { user: auth.username });
      const err = Object.assign(new Error('5.7.8 Error: authentication failed: bad username or password'), { responseCode: 535 });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const reply = replies.shift();
        if (reply) return callback(Object.assign(new Error(reply[1]), { responseCode: reply[0] }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const message = parse(raw, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((r) => r.address));
        received.push(message);
        hook?.(message);
        for (const w of waiters) w();
        callback(null, `2.0.0 Ok: queued as TEST${++queueId}`);
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    ca: cert,
    received,
    answerNext: (...r) => void replies.push(...r),
    onAccept: (h) => void (hook = h),
    waitFor: (n) =>
      new Promise((resolve) => {
        const check = () => {
          if (received.length < n) return;
          waiters.delete(check);
          resolve(received);
        };
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parse(raw: string, from: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  return { from, to, raw, headers, text: body };
}

function decodeQuotedPrintable(s: string): string {
  const text = s.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Undoes RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
