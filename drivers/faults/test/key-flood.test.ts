import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { flood, send } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

/** The bound this test holds the server to: what it may grow by under the whole flood. */
const MAX_GROWTH_MIB = 64;
const FLOOD_COUNT = 100_000;

/**
 * The heap a small pod gives Node (it sizes its heap from the container's
 * memory): on a big machine V8 would grow its heap lazily into spare memory,
 * and that, not what the keys cost, is what RSS would show. Memory that
 * followed the keys cannot hide under this cap: it ends in an out-of-memory exit.
 */
const SMALL_POD_HEAP = '--max-old-space-size=128 --max-semi-space-size=8';

let pg: RestartablePostgres;
let stub: WeatherStub;
let server: ServerProcess;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  // Errors only: the flood's 429 and 400 lines would be 100,000 lines for this process to read.
  server = await startServerProcess({
    databaseUrl: pg.databaseUrl,
    stubUrl: stub.url,
    env: { LOG_LEVEL: 'error', NODE_OPTIONS: SMALL_POD_HEAP },
  });
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await pg?.destroy();
});

const forecastUrl = (base: string, input: unknown) =>
  `${base}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;
const forwardedFor = (address: string) => ({ headers: { 'x-forwarded-for': address } });

/** The server process's resident memory, from Linux's /proc. */
async function rssMiB(pid: number): Promise<number> {
  if (!server.running) {
    throw new Error(`The server died during the flood: ${JSON.stringify(await server.exited)}`);
  }
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const padding = 'x'.repeat(14_000);

/**
 * The n-th request of the flood: nine in ten, the kept answer for a client never
 * seen (an IPv4 address, or an IPv6 /64 of its own); one in ten, an invalid 14 KB
 * input never seen, from one of eight addresses.
 */
function floodRequest(n: number): { url: string; init: RequestInit } {
  if (n % 10 === 0) {
    return {
      url: forecastUrl(server.url, { latitude: 'north', longitude: n, padding }),
      // The warm-up's senders are others, so the flood's start with a whole limit.
      init: forwardedFor(`${n >= 10_000_000 ? '198.51.100' : '192.0.2'}.${(n / 10) % 8}`),
    };
  }
  return {
    url: forecastUrl(server.url, { latitude: 48.14, longitude: 11.58 }),
    init: forwardedFor(
      n % 2 === 0
        ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
        : `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`,
    ),
  };
}

/** 241 GETs of `url` as one client; the statuses of the first 240 and of the last. */
async function hammer(url: string, init?: RequestInit) {
  const statuses: number[] = [];
  for (let i = 0; i < 241; i++) statuses.push((await send(url, init)).status ?? 0);
  return { first240: [...new Set(statuses.slice(0, 240))], last: statuses[240] };
}

describe('a flood of 100,000 distinct keys', () => {
  it(
    `keeps the server within +${MAX_GROWTH_MIB} MiB of memory, with every limit still enforced`,
    { timeout: 480_000 },
    async () => {
      const place = { latitude: 48.14, longitude: 11.58 };
      const kept = forecastUrl(server.url, place);
      expect((await send(kept)).status).toBe(200);
      // Warm up on the same mix, so the heap has grown to its working size (V8 sizes it
      // lazily) before the baseline: what is measured is what more keys cost.
      await flood({
        workers: 16,
        count: 5_000,
        deadlineMs: 120_000,
        request: (n) => floodRequest(n + 10_000_000),
      });
      const before = await rssMiB(server.pid);

      let peak = before;
      const sampler = setInterval(() => {
        rssMiB(server.pid).then(
          (mib) => (peak = Math.max(peak, mib)),
          () => undefined,
        );
      }, 250);
      let result;
      try {
        result = await flood({
          workers: 16,
          count: FLOOD_COUNT,
          deadlineMs: 360_000,
          request: floodRequest,
        });
      } finally {
        clearInterval(sampler);
      }
      const after = await rssMiB(server.pid);

      expect(result.sent).toBe(FLOOD_COUNT);
      // Every distinct client got the kept answer; the eight senders of bad input were
      // told what was wrong until their limit (240 a minute each), then refused.
      expect(result.statuses['200']).toBe((FLOOD_COUNT * 9) / 10);
      expect(result.statuses['400']).toBeGreaterThanOrEqual(8 * 240);
      expect(result.statuses['429']).toBeGreaterThan(0);
      expect(Object.keys(result.statuses).sort()).toEqual(['200', '400', '429']);
      expect(server.running).toBe(true);
      expect(peak - before).toBeLessThanOrEqual(MAX_GROWTH_MIB);
      expect(after - before).toBeLessThanOrEqual(MAX_GROWTH_MIB);

      // The limits still hold after the flood: one client (IPv4, or anywhere in one IPv6 /64)
      // gets its 240 a minute, then 429.
      expect(await hammer(kept, forwardedFor('203.0.113.77'))).toEqual({
        first240: [200],
        last: 429,
      });
      let i = 0;
      const sameNet = await hammer(kept, {
        get headers() {
          return { 'x-forwarded-for': `2001:db8:ffff:1:${(++i).toString(16)}::1` };
        },
      });
      expect(sameNet).toEqual({ first240: [200], last: 429 });
    },
  );
});

describe('a client on ::1', () => {
  it('is counted by its IPv6 /64 when it reaches the server over IPv6 loopback', async () => {
    const port = new URL(server.url).port;
    const overIpv6 = forecastUrl(`http://[::1]:${port}`, { latitude: 48.14, longitude: 11.58 });
    const probe = await send(overIpv6);
    // Only where the machine has IPv6 loopback: elsewhere there is nothing to test.
    if (probe.error === 'EADDRNOTAVAIL' || probe.error === 'ECONNREFUSED') {
      expect(probe.status).toBeUndefined();
      return;
    }
    expect(probe.status).toBe(200);
    // The probe was the first of its 240.
    const rest = [];
    for (let n = 0; n < 240; n++) rest.push((await send(overIpv6)).status);
    expect(new Set(rest.slice(0, 239))).toEqual(new Set([200]));
    expect(rest[239]).toBe(429);
  });
});
