import { execFile } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { decrypt } from 'http_ece';

const run = promisify(execFile);

/** A push message as the push service received it. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What the next requests are answered with; when empty, 201. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A Web Push service (RFC 8030) on loopback over HTTPS with a certificate
 * made for this run: it keeps every POST and answers as told.
 */
export async function startPushService() {
  const dir = await mkdtemp(path.join(tmpdir(), 'skycast-push-'));
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    path.join(dir, 'key.pem'),
    '-out',
    path.join(dir, 'cert.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  const [key, cert] = await Promise.all([
    readFile(path.join(dir, 'key.pem')),
    readFile(path.join(dir, 'cert.pem')),
  ]);
  await rm(dir, { recursive: true, force: true });
  const received: ReceivedPush[] = [];
  const answers: Answer[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
      const answer = answers.shift() ?? { status: 201 };
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    received,
    /** Answers the next requests with these, in order. */
    answerWith: (...next: Answer[]) => answers.push(...next),
    /** Trusts this service's certificate only. */
    agent: new Agent({ ca: cert }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type PushService = Awaited<ReturnType<typeof startPushService>>;

/** A browser's subscription keys (RFC 8291): its P-256 key pair and auth secret. */
export function newSubscription(origin: string, name = randomBytes(8).toString('hex')) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    authSecret: auth,
    json: {
      endpoint: `${origin}/push/${name}`,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
    },
  };
}

/** The plaintext of a received message, decrypted with the subscription's private key. */
export function decryptPush(push: ReceivedPush, subscription: ReturnType<typeof newSubscription>) {
  return decrypt(push.body, {
    version: 'aes128gcm',
    privateKey: subscription.ecdh,
    authSecret: subscription.authSecret,
  }).toString('utf8');
}

/**
 * The VAPID (RFC 8292) claims of a message after checking its ES256
 * signature against the key in the `k` parameter.
 */
export function vapidClaims(push: ReceivedPush) {
  const header = String(push.headers.authorization ?? '');
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, token = '', publicKey = ''] = match;
  const [head = '', payload = '', signature = ''] = token.split('.');
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    aud: string;
    exp: number;
    sub: string;
  };
  return { valid, publicKey, ...claims };
}
