import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configureHttpServer } from '../src/http-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let world: TestServer;
/** The app under test: its server (for keep-alive settings), port and base URL. */
let app: Awaited<ReturnType<TestServer['listen']>>;
let webDistDir: string;

beforeAll(async () => {
  world = await startTestServer();
  webDistDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-web-'));
  await writeFile(path.join(webDistDir, 'index.html'), '<!doctype html><title>Skycast</title>');
  app = await world.listen({ webDistDir });
  configureHttpServer(app.server, { keepAliveTimeoutMs: 65_000 });
});

afterAll(async () => {
  app.server.closeAllConnections();
  await world.close();
  await rm(webDistDir, { recursive: true, force: true });
});

/** Sends raw bytes and reads the whole answer: fetch refuses to send some of these requests. */
function rawRequest(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(app.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
  });
}

describe('streamed responses (trpc-accept: application/jsonl)', () => {
  it('are refused with 400 and a message, before any procedure runs or any cookie changes', async () => {
    const response = await fetch(`${app.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
        'trpc-accept': 'application/jsonl',
        cookie: 'skycast_session=kept',
      },
      body: JSON.stringify({ email: 'someone@example.com', password: 'whatever-it-is' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/jsonl.*not offered/);
  });

  it('are refused for queries too, never answered as public', async () => {
    const response = await fetch(
      `${app.url}/trpc/weather.forecast?input=${encodeURIComponent('{"latitude":1,"longitude":2}')}`,
      { headers: { 'trpc-accept': 'application/jsonl' } },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('error answers', () => {
  it('are never marked public', async () => {
    const answers = await Promise.all([
      fetch(`${app.url}/trpc/weather.forecast?input=${encodeURIComponent('{"latitude":"x"}')}`),
      fetch(`${app.url}/trpc/no.such.procedure`),
      fetch(`${app.url}/api/nothing-here`),
      fetch(`${app.url}/assets/missing.js`),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get('cache-control') ?? '').not.toMatch(/public/);
    }
  });
});

describe('files that do not exist', () => {
  it.each(['/assets/missing.js', '/.env', '/favicon.ico', '/robots.txt', '/assets/x'])(
    '%s is a 404 in JSON, not the app',
    async (file) => {
      const response = await fetch(`${app.url}${file}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Not found' });
    },
  );

  it.each([
    '/place/52.52,13.41/Berlin',
    '/place/38.63,-90.2/St.%20Louis',
    '/place/1.5,2.5',
    '/account',
  ])('while the client-side route %s still loads the app', async (route) => {
    const response = await fetch(`${app.url}${route}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Skycast</title>');
  });
});

describe('page addresses the app has no page for', () => {
  it.each([
    '/place/51.51,-0.13/London/day/2026-12-32',
    '/place/51.51,-0.13/London/day/2026-02-30',
    '/place/91,0/Off%20the%20globe',
    '/place/abc,def',
    '/place/1,2/a/b',
    '/no-such-page',
    '/account/settings',
  ])('%s answers 404 with the app, which shows "Page not found"', async (route) => {
    const response = await fetch(`${app.url}${route}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Skycast</title>');
  });
});

describe('over-long requests', () => {
  it('a 100 KB URL gets 431 with a short JSON message, not a reset', async () => {
    const answer = await rawRequest(
      `GET /trpc/weather.searchLocations?input=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: string };
    expect(body.error).toMatch(/larger than 16 KiB/);
  });

  it('a request that is not HTTP gets 400 in JSON', async () => {
    const answer = await rawRequest('HELLO\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error"');
  });
});
