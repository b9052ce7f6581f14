import { execFile } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { decrypt } from 'http_ece';

const run = promisify(execFile);

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A Web Push service on loopback over HTTPS, for server processes: its
 * certificate is written to `caFile`, which the servers trust through
 * `NODE_EXTRA_CA_CERTS`. It keeps every POST and answers 201.
 *
 * @example
 * const push = await startPushService();
 * startServerProcess({ ..., env: { NODE_EXTRA_CA_CERTS: push.caFile, PUSH_SERVICE_ORIGINS: push.origin } });
 */
export async function startPushService() {
  const dir = await mkdtemp(path.join(tmpdir(), 'skycast-push-'));
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    caFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  const [key, cert] = await Promise.all([readFile(keyFile), readFile(caFile)]);
  const received: ReceivedPush[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `https://127.0.0.1:${port}`,
    caFile,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's subscription: its P-256 key pair and auth secret (RFC 8291). */
export function newSubscription(origin: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: {
      endpoint: `${origin}/push/${randomBytes(8).toString('hex')}`,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
    },
  };
}

/** The decrypted JSON payload of a received push. */
export function openPush(push: ReceivedPush, subscription: ReturnType<typeof newSubscription>) {
  const text = decrypt(push.body, {
    version: 'aes128gcm',
    privateKey: subscription.ecdh,
    authSecret: subscription.auth,
  }).toString('utf8');
  return JSON.parse(text) as {
    notification: { title: string; body: string; navigate: string; lang: string };
    skycast: { id: string; kind: string };
  };
}
