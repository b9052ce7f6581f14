import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { queryRequest } from '../src/api-calls.ts';
import { send } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

const MiB = 1024 * 1024;
const PLACES = 4;

let pg: RestartablePostgres;
let stub: WeatherStub;
let server: ServerProcess;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  server = await startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url });
  // Warm: modules loaded, pools open, one forecast made and kept.
  const warm = queryRequest(server.url, 'weather.forecast', { latitude: 48.86, longitude: 2.35 });
  expect((await send(warm.url, warm.init)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await pg?.destroy();
});

/** The server process's resident memory now and at its peak, from the kernel. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

describe('a provider answering 50 MB bodies', () => {
  it('is refused as the bodies stream in: 502s, nothing stored, and the server’s memory stays within 64 MiB', async () => {
    // The same requests answered normally, then cut short, first: what the first of
    // them costs anyway (code compiled, pools grown, the error path) is not counted.
    // A success after the failures, so that the circuit stays closed for the attack.
    const round = (latitude: number, places = PLACES) =>
      Promise.all(
        Array.from({ length: places }, (_, i) => {
          const { url, init } = queryRequest(server.url, 'weather.forecast', {
            latitude: latitude - i,
            longitude: 20,
          });
          return send(url, init);
        }),
      );
    await round(-10);
    stub.setFault({ mode: 'malformed' });
    await round(-20, 3);
    stub.setFault(null);
    await round(-30, 1);
    const before = await memoryOf(server.pid);
    stub.setFault({ mode: 'oversized' });
    let highest = before.rss;
    const sampler = setInterval(() => {
      void memoryOf(server.pid).then(({ rss }) => {
        highest = Math.max(highest, rss);
      });
    }, 20);
    try {
      // Four new places at once, each answered with 50 MB, as in the attack (which took
      // RSS from 159 to 690 MiB). Five failures in a row would open the circuit instead.
      const outcomes = await Promise.all(
        Array.from({ length: PLACES }, (_, i) => {
          const { url, init } = queryRequest(server.url, 'weather.forecast', {
            latitude: 10 + i,
            longitude: 20,
          });
          return send(url, init);
        }),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(PLACES).fill(502));
      expect(outcomes[0]?.body).toMatch(/weather service/i);
    } finally {
      clearInterval(sampler);
      stub.setFault(null);
    }
    const after = await memoryOf(server.pid);
    expect(highest - before.rss).toBeLessThan(64 * MiB);
    expect(after.peak).toBeLessThan(Math.max(before.peak, before.rss + 64 * MiB));
    const stored = await pg.admin
      .selectFrom('weatherCache')
      .select('cacheKey')
      .where(
        'cacheKey',
        'in',
        Array.from({ length: PLACES }, (_, i) => `${(10 + i) * 100}:2000`),
      )
      .execute();
    expect(stored).toEqual([]);

    // The provider is right again: so are those places.
    const again = queryRequest(server.url, 'weather.forecast', { latitude: 10, longitude: 20 });
    expect((await send(again.url, again.init)).status).toBe(200);
  });
});

describe('a provider asking us to wait until the year 9999', () => {
  it('pauses the calls of every instance for an hour at most, and says so in sane words', async () => {
    const other = await startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url });
    try {
      stub.setFault({ mode: 'rate-limit', retryAfter: 'Fri, 31 Dec 9999 23:59:59 GMT' });
      const first = queryRequest(server.url, 'weather.forecast', { latitude: -5, longitude: -5 });
      const refused = await send(first.url, first.init);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers?.get('retry-after'))).toBeLessThanOrEqual(3_600);
      expect(refused.body).toMatch(/try again in (59|60) minutes/);

      stub.setFault(null);
      stub.resetCalls();
      const next = queryRequest(other.url, 'weather.forecast', { latitude: -6, longitude: -6 });
      const alsoRefused = await send(next.url, next.init);
      expect(alsoRefused.status).toBe(429);
      expect(alsoRefused.body).toMatch(/try again in (59|60) minutes/);
      expect(stub.calls()).toBe(0);
      const { blockedUntil } = await pg.admin
        .selectFrom('providerBlocks')
        .select('blockedUntil')
        .executeTakeFirstOrThrow();
      expect(blockedUntil.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    } finally {
      await pg.admin.deleteFrom('providerBlocks').execute();
      await other.stop();
    }
  });
});
