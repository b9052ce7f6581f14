import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import type { Request } from 'express';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger, type Services } from '@skycast/api';
import type { KyselyPlugin } from '@skycast/db';

import { createAnswerPolicy } from '../src/answer-policy.ts';
import { createPublicAnswers } from '../src/public-answers.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const MINUTE = 60_000;
let world: TestServer;

/** Counts every statement an instance sends to PostgreSQL. */
function queryCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count++;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

interface Instance {
  url: string;
  queries: ReturnType<typeof queryCounter>;
  services: Services;
  clock: { offsetMs: number };
}

/** A Skycast instance on the shared test database, as a second process would be. */
async function startInstance(appLogger?: Logger): Promise<Instance> {
  const queries = queryCounter();
  const clock = { offsetMs: 0 };
  const { url, services } = await world.startWith(
    {
      db: world.db.withPlugin(queries),
      logger: silentLogger,
      now: () => new Date(Date.now() + clock.offsetMs),
    },
    { trustProxy: 1, ...(appLogger ? { logger: appLogger } : {}) },
  );
  return { url, queries, services, clock };
}

beforeAll(async () => {
  world = await startTestServer();
});

afterAll(() => world.close());

const forecastUrl = (base: string, input: object) =>
  `${base}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe('fresh public answers served from memory', () => {
  it('answers a cached forecast again without a database query, byte for byte the same', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 48.14, longitude: 11.58 });
    const first = await get(url);
    expect(first.response.status).toBe(200);
    const queriesAfterFirst = a.queries.count;
    expect(queriesAfterFirst).toBeGreaterThan(0);

    const second = await get(url, { 'x-forwarded-for': '203.0.113.5' });
    expect(second.response.status).toBe(200);
    expect(a.queries.count).toBe(queriesAfterFirst);
    expect(second.body.equals(first.body)).toBe(true);
    // Same headers as the answer tRPC made: caching, identity, security, a request id.
    expect(second.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
    expect(second.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(second.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(second.response.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/);
    expect(second.response.headers.get('vary')).toContain('accept-encoding');
    expect(second.response.headers.get('set-cookie')).toBeNull();
  });

  it('sends from memory exactly the headers Express sent, bar the ones each answer has of its own', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 53.55, longitude: 9.99 });
    const fromExpress = await get(url, { 'accept-encoding': 'identity' });
    const fromMemory = await get(url, { 'accept-encoding': 'identity' });
    expect(fromMemory.body.equals(fromExpress.body)).toBe(true);
    // The date, id, framing (Express streams through compression, memory knows
    // the length) and connection handling differ per answer; Express adds its
    // own Vary entries for the origin check, which an answer from memory (never
    // to a request with an Origin) has no use for.
    const ownPerAnswer = new Set([
      'date',
      'x-request-id',
      'keep-alive',
      'connection',
      'vary',
      'content-length',
      'transfer-encoding',
    ]);
    const shared = (headers: Headers) =>
      [...headers].filter(([name]) => !ownPerAnswer.has(name)).sort();
    expect(shared(fromMemory.response.headers)).toEqual(shared(fromExpress.response.headers));
  });

  it('logs each answer it sends from memory, as the request log does for the others', async () => {
    const lines: Record<string, unknown>[] = [];
    const capture = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const a = await startInstance(capture);
    const url = forecastUrl(a.url, { latitude: 50.94, longitude: 6.96 });
    await get(url);
    const hit = await get(url, { 'x-request-id': 'kept-answer-1' });
    expect(hit.response.headers.get('x-request-id')).toBe('kept-answer-1');
    await expect
      .poll(() =>
        lines.find((line) => (line.req as { id?: string } | undefined)?.id === 'kept-answer-1'),
      )
      .toMatchObject({
        msg: 'request completed',
        fromMemory: true,
        req: { method: 'GET', url: new URL(url).pathname + new URL(url).search },
        res: { statusCode: 200 },
      });
  });

  it('keys by the input, not its spelling: the same input in another key order shares the answer', async () => {
    const a = await startInstance();
    await get(forecastUrl(a.url, { latitude: 40.42, longitude: -3.7 }));
    const before = a.queries.count;
    const reordered = await get(forecastUrl(a.url, { longitude: -3.7, latitude: 40.42 }));
    expect(reordered.response.status).toBe(200);
    expect(a.queries.count).toBe(before);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 59.33, longitude: 18.07 });
    const { response } = await get(url);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.response.headers.get('etag')).toBe(etag);
    const changed = await get(url, { 'if-none-match': 'W/"something-else"' });
    expect(changed.response.status).toBe(200);
  });

  it('sends br or gzip as asked, compressed once, under 5 KB, decoding to the same JSON', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 41.9, longitude: 12.5 });
    const plain = await get(url);
    for (const encoding of ['gzip', 'br'] as const) {
      // node's fetch decodes bodies itself, so read the raw bytes with node:http.
      const raw = await rawGet(url, { 'accept-encoding': encoding });
      expect(raw.headers['content-encoding']).toBe(encoding);
      expect(raw.body.length).toBeLessThanOrEqual(5 * 1024);
      const decoded = encoding === 'gzip' ? gunzipSync(raw.body) : brotliDecompressSync(raw.body);
      expect(decoded.equals(plain.body)).toBe(true);
    }
  });

  it('still applies the per-client rate limit to answers from memory', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 52.37, longitude: 4.9 });
    const client = { 'x-forwarded-for': '198.51.100.77' };
    const statuses: number[] = [];
    // weather.forecast allows 240 calls a minute per client.
    for (let i = 0; i < 241; i++) statuses.push((await get(url, client)).response.status);
    expect(statuses.slice(0, 240).every((status) => status === 200)).toBe(true);
    expect(statuses[240]).toBe(429);
    const other = await get(url, { 'x-forwarded-for': '198.51.100.78' });
    expect(other.response.status).toBe(200);
  });

  it('counts every address of one IPv6 /64, forwarded by the trusted proxy, as one client', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 52.37, longitude: 4.9 });
    const statuses: number[] = [];
    for (let i = 0; i < 241; i++) {
      const address = `2001:db8:77:1:${(i + 1).toString(16)}::${i + 1}`;
      statuses.push((await get(url, { 'x-forwarded-for': address })).response.status);
    }
    expect(statuses.slice(0, 240).every((status) => status === 200)).toBe(true);
    expect(statuses[240]).toBe(429);
    const neighbour = await get(url, { 'x-forwarded-for': '2001:db8:77:2::1' });
    expect(neighbour.response.status).toBe(200);
  });

  it('never answers a request that carries a session from memory', async () => {
    const a = await startInstance();
    const url = forecastUrl(a.url, { latitude: 45.46, longitude: 9.19 });
    await get(url);
    const personal = await get(url, { cookie: 'skycast_session=x' });
    expect(personal.response.status).toBe(200);
    expect(personal.response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('drops the kept answer on every instance when one of them stores a newer forecast', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const input = { latitude: 50.08, longitude: 14.43 };
    const original = JSON.parse((await get(forecastUrl(a.url, input))).body.toString()) as {
      result: { data: { fetchedAt: string } };
    };
    await get(forecastUrl(b.url, input));
    const bQueries = b.queries.count;
    await get(forecastUrl(b.url, input));
    expect(b.queries.count).toBe(bQueries); // b answers from memory

    // Eleven minutes on for a's weather service: its copy is past fresh, so it refreshes.
    a.clock.offsetMs = 11 * MINUTE;
    await a.services.weather.forecast(input, { units: 'metric', windUnit: 'kmh' });
    await a.services.settled();
    const refreshed = await waitFor(async () => {
      const answer = JSON.parse((await get(forecastUrl(b.url, input))).body.toString()) as {
        result: { data: { fetchedAt: string } };
      };
      return answer.result.data.fetchedAt !== original.result.data.fetchedAt ? answer : undefined;
    });
    expect(new Date(refreshed.result.data.fetchedAt).getTime()).toBeGreaterThan(
      new Date(original.result.data.fetchedAt).getTime(),
    );
    expect(b.queries.count).toBeGreaterThan(bQueries);
  });
});

describe('kept answers are whole answers', () => {
  const summariesUrl = (base: string, places: object[]) =>
    `${base}/trpc/weather.summaries?input=${encodeURIComponent(JSON.stringify({ places }))}`;
  type Summaries = { result: { data: (object | null)[] } };

  it('never keeps or lets anyone cache a list with a null for a place the client’s budget refused', async () => {
    const strict = await world.startWith(
      { logger: silentLogger, newPlacesPerMinute: 1 },
      { trustProxy: 1 },
    );
    const a = { latitude: 61.5, longitude: 23.76 };
    const b = { latitude: 60.45, longitude: 22.27 };
    const spent = { 'x-forwarded-for': '192.0.2.61' };
    // The client's one new place goes on A.
    expect((await get(forecastUrl(strict.url, a), spent)).response.status).toBe(200);
    const url = summariesUrl(strict.url, [a, b]);
    const holed = await get(url, spent);
    expect((JSON.parse(holed.body.toString()) as Summaries).result.data.map(Boolean)).toEqual([
      true,
      false,
    ]);
    expect(holed.response.headers.get('cache-control')).toBe('no-store');
    expect(holed.response.headers.get('etag')).toBeNull();

    // Someone else asks the same URL: made again, whole, and only then kept.
    const whole = await get(url, { 'x-forwarded-for': '192.0.2.62' });
    expect((JSON.parse(whole.body.toString()) as Summaries).result.data.map(Boolean)).toEqual([
      true,
      true,
    ]);
    expect(whole.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(whole.response.headers.get('etag')).not.toBeNull();
  });

  it('drops a kept list when any one of its places is stored anew, the last one included', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const first = { latitude: 64.14, longitude: -21.9 };
    const last = { latitude: 65.68, longitude: -18.09 };
    const url = summariesUrl(b.url, [first, last]);
    expect((await get(url)).response.headers.get('etag')).not.toBeNull();
    const kept = b.queries.count;
    await get(url);
    expect(b.queries.count).toBe(kept); // from memory

    a.clock.offsetMs = 11 * MINUTE;
    await a.services.weather.forecast(last, { units: 'metric', windUnit: 'kmh' });
    await a.services.settled();
    await waitFor(async () => {
      await get(url);
      return b.queries.count > kept ? true : undefined;
    });
  });

  it('never keeps a list with a null for a place the provider failed on', async () => {
    const a = await startInstance();
    const known = { latitude: 62.24, longitude: 25.75 };
    const failing = { latitude: 63.1, longitude: 21.62 };
    expect((await get(forecastUrl(a.url, known))).response.status).toBe(200);
    const url = summariesUrl(a.url, [known, failing]);
    world.stub.setFault({ mode: 'error', status: 503 });
    let holed;
    try {
      holed = await get(url, { 'x-forwarded-for': '192.0.2.63' });
    } finally {
      world.stub.setFault(null);
    }
    expect((JSON.parse(holed.body.toString()) as Summaries).result.data.map(Boolean)).toEqual([
      true,
      false,
    ]);
    expect(holed.response.headers.get('cache-control')).toBe('no-store');
    const queries = a.queries.count;
    const whole = await get(url, { 'x-forwarded-for': '192.0.2.64' });
    expect((JSON.parse(whole.body.toString()) as Summaries).result.data.map(Boolean)).toEqual([
      true,
      true,
    ]);
    // Made again (the database asked), not the holed answer from memory.
    expect(a.queries.count).toBeGreaterThan(queries);
  });
});

describe('weather warnings on the hot path', () => {
  const alertsUrl = (base: string, input: string) =>
    `${base}/trpc/weather.alerts?input=${encodeURIComponent(input)}`;

  it('keeps a warnings answer like a forecast: sent again without a database query', async () => {
    const a = await startInstance();
    const url = alertsUrl(a.url, JSON.stringify({ latitude: 41.85, longitude: -87.65 }));
    const first = await get(url);
    expect(first.response.status).toBe(200);
    const answer = JSON.parse(first.body.toString()) as {
      result: { data: { alerts: { event: string }[]; source: string } };
    };
    expect(answer.result.data.source).toBe('nws');
    expect(answer.result.data.alerts.map((alert) => alert.event)).toEqual([
      'Winter Storm Warning',
      'Cold Weather Advisory',
    ]);
    const before = a.queries.count;
    const second = await get(url, { 'x-forwarded-for': '203.0.113.9' });
    expect(second.response.status).toBe(200);
    expect(a.queries.count).toBe(before);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.response.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers bad coordinates with a 400 naming the field, nothing internal in it', async () => {
    const a = await startInstance();
    for (const input of ['{"latitude":"north","longitude":0}', '{"latitude":95,"longitude":0}']) {
      const { response, body } = await get(alertsUrl(a.url, input));
      expect(response.status).toBe(400);
      const error = (
        JSON.parse(body.toString()) as {
          error: { data: { reason: string; zodError: { fieldErrors: Record<string, string[]> } } };
        }
      ).error;
      expect(error.data.reason).toBe('INVALID_INPUT');
      expect(Object.keys(error.data.zodError.fieldErrors)).toEqual(['latitude']);
      expect(body.toString()).not.toMatch(/node_modules|\.ts:\d+|stack/);
    }
  });
});

describe('memory bound', () => {
  it('keeps 5,000 places of 17 KB answers within its byte budget', () => {
    const maxBytes = 16 * 1024 * 1024;
    const answers = createPublicAnswers({
      basePath: '/trpc/',
      procedures: new Map([
        ['weather.forecast', { cacheSeconds: 300, rateLimit: undefined, accepts: () => true }],
      ]),
      rateLimiter: {
        hit: () => Promise.resolve({ allowed: true, remaining: 1, retryAfterSeconds: 1 }),
      },
      sessionCookieName: 'skycast_session',
      maxBytes,
      logger: silentLogger,
      policy: createAnswerPolicy({
        publicOrigin: 'http://localhost:3000',
        trustProxy: 0,
        draining: () => false,
      }),
      clientKeyOf: () => '127.0.0.1',
    });
    const body = { result: { data: { hourly: 'x'.repeat(17_000) } } };
    for (let i = 0; i < 5_000; i++) {
      const originalUrl = `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: i / 100, longitude: 1 }))}`;
      const etag = answers.remember({ method: 'GET', originalUrl, headers: {} } as Request, {
        procedure: 'weather.forecast',
        body: { ...body, i },
        cacheControl: 'public, max-age=300',
        served: [
          {
            id: `open-meteo|forecast|${i}`,
            fetchedAt: new Date(),
            freshUntil: new Date(Date.now() + 10 * MINUTE),
            stale: false,
          },
        ],
        missed: [],
      });
      expect(etag).toBeDefined();
    }
    expect(answers.size.bytes).toBeLessThanOrEqual(maxBytes);
    expect(answers.size.answers).toBeGreaterThan(0);
    expect(answers.size.answers).toBeLessThan(5_000);
  });
});

describe('memory under made-up URLs', () => {
  const answersFor = () =>
    createPublicAnswers({
      basePath: '/trpc/',
      procedures: new Map([
        [
          'weather.forecast',
          {
            cacheSeconds: 300,
            rateLimit: undefined,
            accepts: (input: unknown) =>
              typeof input === 'object' &&
              input !== null &&
              typeof (input as { latitude?: unknown }).latitude === 'number',
          },
        ],
      ]),
      rateLimiter: {
        hit: () => Promise.resolve({ allowed: true, remaining: 1, retryAfterSeconds: 1 }),
      },
      sessionCookieName: 'skycast_session',
      maxBytes: 1024 * 1024,
      logger: silentLogger,
      policy: createAnswerPolicy({
        publicOrigin: 'http://localhost:3000',
        trustProxy: 0,
        draining: () => false,
      }),
      clientKeyOf: () => '127.0.0.1',
    });
  const ask = (answers: ReturnType<typeof answersFor>, input: unknown) => {
    let handedOn = false;
    const url = `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;
    answers.serve(
      { method: 'GET', headers: {}, url } as http.IncomingMessage,
      {} as http.ServerResponse,
      () => {
        handedOn = true;
      },
    );
    return handedOn;
  };

  it('remembers nothing of 2,000 distinct invalid 15 KB inputs, each handed on to be refused', () => {
    const answers = answersFor();
    for (let i = 0; i < 2_000; i++) {
      expect(ask(answers, { latitude: 'north', i, padding: 'x'.repeat(15_000) })).toBe(true);
    }
    expect(answers.size.urlKeys).toBe(0);
  });

  it('keeps the keys of 100,000 distinct valid URLs within 4 MiB', () => {
    const answers = answersFor();
    for (let i = 0; i < 100_000; i++) ask(answers, { latitude: i / 1000, longitude: 1 });
    expect(answers.size.urlKeys).toBeGreaterThan(0);
    expect(answers.size.urlKeyBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}
